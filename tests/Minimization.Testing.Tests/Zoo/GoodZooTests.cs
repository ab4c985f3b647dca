using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using static Minimization.Testing.Tests.RedTeam.TeamSpecs;

namespace Minimization.Testing.Tests.RedTeam
{
    /// <summary>Every good minimizer of the zoo passes every property of the team's spec for its output.</summary>
    public class GoodZooTests
    {
        private readonly ITestOutputHelper _output;

        public GoodZooTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static readonly Dictionary<string, Func<HarnessReport>> Cases = new Dictionary<string, Func<HarnessReport>>(StringComparer.Ordinal)
        {
            ["per-partner HMAC of the msisdn with a secret key"] = () => Identity(GoodMinimizers.KeyedPerPartner).Evaluate(Seed),
            ["every identifier dropped"] = () => Demography(GoodMinimizers.DropEverything).Evaluate(Seed),
            ["the toolkit's pseudonymizer and postal prefix"] = () => Identity(GoodMinimizers.ToolkitPseudonym).Evaluate(Seed),
            ["the toolkit's IPv6 /48 masking"] = () => Identity(MinimizerSpec.For<SubscriberFile, ConnectionRow>(GoodMinimizers.MaskedIPv6)).JoinableWithin("UK").Evaluate(Seed),
            ["region, wide birth band and gender"] = () => Demography(GoodMinimizers.CoarseDemographics).Evaluate(Seed),
            ["the toolkit's birth-year buckets"] = () => Demography(GoodMinimizers.ToolkitBuckets).Evaluate(Seed),
            ["a nested export of per-partner tokens"] = () => Identity(MinimizerSpec.For<SubscriberFile, SubscriberExport>(GoodMinimizers.NestedWithTokens)).JoinableWithin("UK").Evaluate(Seed),
            ["a daily per-partner pseudonym with region and day"] = () => TeamSpecs.Traces(GoodMinimizers.DailyRegion).Evaluate(Seed),
            ["an hourly per-partner pseudonym with region and hour"] = () => TeamSpecs.Traces(GoodMinimizers.HourlyRegion, OneDayOfEvents()).Evaluate(Seed),
            ["a nested subscriber's daily pseudonym with region and day"] = () => UsageTraces(MinimizerSpec.For<UsageEvent, PartnerEvent>(GoodMinimizers.NestedDailyRegion)).JoinableWithin("UK").Evaluate(Seed),
            ["a value object's number under the partner's key"] = () => Lines(MinimizerSpec.For<MobileLine, SharedLine>(GoodMinimizers.ValueObjectKeyed)).JoinableWithin("UK").Evaluate(Seed),
            ["a generated minimizer with a nested party and a list of addresses"] = () => MinimizerSpec.For<GeneratedCall, SharedGeneratedCall>(GeneratedMinimizers.Minimize)
                .Population(p => p.Records(5_000).People(1_000).Regions(6))
                .SubjectBy(c => c.Caller)
                .QuasiIdentifiers(s => s.At)
                .ResistsEnumeration()
                .UnlinkableAcross("UK", "US")
                .JoinableWithin("UK")
                .Evaluate(Seed),
            ["a CSV line of coarse values"] = () => Identity(MinimizerSpec.For<SubscriberFile, string>(GoodMinimizers.CsvLine)).Evaluate(Seed),
            ["a golden file through the per-partner HMAC"] = () => Identity(GoodMinimizers.KeyedPerPartner).Check(StaticAddressCustomers()),
        };

        public static IEnumerable<object[]> Minimizers() => Cases.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Minimizers))]
        public void Good_minimizer_passes_every_property_of_the_team_spec(string minimizer)
        {
            HarnessReport report = Cases[minimizer]();
            _output.WriteLine(report.Label);
            Assert.True(report.Passed, report.Label);
            Assert.NotEmpty(report.Properties);
            Assert.All(report.Properties, p => Assert.True(p.Passed, p.ToString()));
        }

        [Fact]
        public void The_zoo_holds_at_least_ten_good_minimizers()
        {
            Assert.True(Cases.Count >= 10, Cases.Count + " good minimizers");
        }
    }
}
