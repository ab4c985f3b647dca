using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MetadataPipeline.Share;
using Minimization.Runtime;
using Xunit;

namespace MetadataPipeline.Tests;

public class PipelineTests
{
    private static readonly byte[] MasterKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static InMemoryTransport RunSampleData()
    {
        var transport = new InMemoryTransport();
        var pipeline = new Pipeline(new DerivedKeyProvider(MasterKey), Pipeline.DefaultTowers(), transport);
        string data = Path.Combine(AppContext.BaseDirectory, "data");
        using var calls = File.OpenText(Path.Combine(data, "calls.csv"));
        using var headers = File.OpenText(Path.Combine(data, "headers.txt"));
        pipeline.Run(calls, headers, new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero));
        return transport;
    }

    [Fact]
    public void Every_partner_receives_every_call_and_header()
    {
        InMemoryTransport transport = RunSampleData();

        foreach (string partner in Pipeline.Partners)
        {
            Assert.Equal(6, transport.Lines(partner, "calls").Count);
            Assert.Equal(3, transport.Lines(partner, "mail").Count);
        }
    }

    [Theory]
    [InlineData("6135550143")]
    [InlineData("5550143")]
    [InlineData("302720123456789")]
    [InlineData("302-720-4411-17")]
    [InlineData("ann.lee@example.org")]
    [InlineData("bob.tremblay")]
    [InlineData("203.0.113.7")]
    [InlineData("mail.example.org")]
    public void No_identifier_of_the_input_reaches_any_partner(string identifier)
    {
        InMemoryTransport transport = RunSampleData();

        foreach (string line in transport.AllLines)
        {
            string digitsOnly = new string(line.Where(char.IsDigit).ToArray());
            Assert.DoesNotContain(identifier, line, StringComparison.OrdinalIgnoreCase);
            if (identifier.All(char.IsDigit))
            {
                Assert.DoesNotContain(identifier, digitsOnly, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_same_caller_gets_a_different_token_for_each_partner()
    {
        InMemoryTransport transport = RunSampleData();

        var tokens = Pipeline.Partners
            .Select(p => JsonDocument.Parse(transport.Lines(p, "calls")[0]).RootElement.GetProperty("CallingNumber").GetString())
            .ToList();

        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{32}$", t!));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void Tokens_rotate_with_the_day_of_the_call()
    {
        InMemoryTransport transport = RunSampleData();

        // Rows 1 and 4 of calls.csv are the same caller on 2 and 3 November.
        var lines = transport.Lines("UK", "calls");
        string? first = JsonDocument.Parse(lines[0]).RootElement.GetProperty("CallingNumber").GetString();
        string? nextDay = JsonDocument.Parse(lines[3]).RootElement.GetProperty("CallingNumber").GetString();

        Assert.NotEqual(first, nextDay);
    }
}
