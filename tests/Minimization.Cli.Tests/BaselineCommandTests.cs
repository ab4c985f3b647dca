using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Minimization.Cli.Tests.Infrastructure;
using Minimization.Tests.Shared;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>
    /// <c>minimization baseline</c> on samples/Adoption: it writes exactly the entries the sample's committed baseline holds
    /// (so the build accepts what the command wrote), keeps the justifications already written, drops entries that match
    /// nothing, and refuses to overwrite a file that is not a baseline.
    /// </summary>
    [Collection(AuditCollection.Name)]
    public class BaselineCommandTests
    {
        private readonly AuditFixture _fixture;

        public BaselineCommandTests(AuditFixture fixture) => _fixture = fixture;

        private static (string Source, string Sink, string Member, string Justification)[] Read(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
            return document.RootElement.GetProperty("accepted").EnumerateArray()
                .Select(e => (e.GetProperty("source").GetString()!, e.GetProperty("sink").GetString()!, e.GetProperty("member").GetString()!, e.GetProperty("justification").GetString()!))
                .ToArray();
        }

        [Fact]
        public void Baseline_writes_the_samples_entries_keeps_justifications_and_drops_what_no_longer_matches()
        {
            var copy = Path.Combine(_fixture.Scratch, "adoption-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            NestedDotnet.CopyDirectory(Repo.Path("samples", "Adoption"), copy);
            // Not recursive: a recursive restore would rewrite the assets of the repository's src/Minimization.Analyzers (the
            // sample references it) to point at this private package folder, which is deleted with the scratch.
            foreach (var project in new[] { "Vendor.Sms/Vendor.Sms.csproj", "ClinicApi/ClinicApi.csproj" })
            {
                var (code, output) = NestedDotnet.Run(copy, "restore " + project + " -p:RestoreRecursive=false", TimeSpan.FromMinutes(3), Path.Combine(copy, ".packages"));
                Assert.True(code == 0, output);
            }

            var committed = Read(Repo.Path("samples", "Adoption", "ClinicApi", "minimization.baseline.json"));
            Assert.Equal(2, committed.Length);
            var sms = committed.Single(e => e.Sink.Contains("ISmsClient", StringComparison.Ordinal));
            var baseline = Path.Combine(copy, "ClinicApi", "minimization.baseline.json");
            File.WriteAllText(baseline, "{ \"version\": 1, \"accepted\": [\n"
                + $"  {{ \"source\": \"{sms.Source}\", \"sink\": \"{sms.Sink}\", \"member\": \"{sms.Member}\", \"justification\": \"kept as written\" }},\n"
                + $"  {{ \"source\": \"{sms.Source}\", \"sink\": \"{sms.Sink}\", \"member\": \"M:Clinic.Api.Services.ReminderService.RemindAsync\", \"justification\": \"gone\" }}\n"
                + "] }\n");

            var run = CliResult.Run(copy, "baseline", "ClinicApi/ClinicApi.csproj");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("2 accepted finding(s) written to ClinicApi/minimization.baseline.json (1 with a justification, 1 to justify; 1 no longer found and dropped)", run.Output);
            var written = Read(baseline);
            Assert.Equal(committed.Select(e => (e.Source, e.Sink, e.Member)), written.Select(e => (e.Source, e.Sink, e.Member)));
            Assert.Equal("kept as written", written.Single(e => e.Sink == sms.Sink).Justification);
            Assert.Equal("", written.Single(e => e.Sink != sms.Sink).Justification);
        }

        [Fact]
        public void Baseline_refuses_an_output_that_is_not_a_baseline()
        {
            var dir = Path.Combine(_fixture.Scratch, "not-a-baseline-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "appsettings.json"), "{ \"Logging\": {} }");

            var run = CliResult.Run(dir, "baseline", ".", "--output", "appsettings.json");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("'appsettings.json' is not a baseline", run.Error);
            Assert.Equal("{ \"Logging\": {} }", File.ReadAllText(Path.Combine(dir, "appsettings.json")));
        }
    }
}
