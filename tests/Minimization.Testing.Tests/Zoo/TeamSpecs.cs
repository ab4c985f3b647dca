using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Minimization.Testing.Populations;
using Xunit;

namespace Minimization.Testing.Tests.RedTeam
{
    /// <summary>
    /// The specs a team would write for each output type, declaring every property that applies to it, so a bad minimizer
    /// meets all of them and must fail the one that names its flaw. Fixed seeds keep the verdicts still.
    /// </summary>
    internal static class TeamSpecs
    {
        public const int Seed = 20261206;

        public static readonly string[] Plans = { "prepaid", "postpaid", "family" };

        public static PopulationBuilder<SubscriberFile> Subscribers()
            => Population.Of<SubscriberFile>().Records(3_000).People(3_000).Regions(8).Outliers(0.01).With(x => x.Plan, "prepaid", "postpaid", "family", null);

        /// <summary>Subscribers in dense regions, for the k-anonymity of coarse demographics: 9 regions x 3 bands x 3 genders.</summary>
        public static PopulationBuilder<SubscriberFile> ManySubscribers()
            => Population.Of<SubscriberFile>().Records(12_000).People(12_000).Regions(6, skew: 0.5).Outliers(0.01).With(x => x.Plan, "prepaid", "postpaid", "family", null);

        public static PopulationBuilder<NetworkEvent> Events()
            => Population.Of<NetworkEvent>().Records(20_000).People(1_000).Regions(6).Outliers(0.005);

        /// <summary>One day of events: hourly classes in every region hold many records.</summary>
        public static PopulationBuilder<NetworkEvent> OneDayOfEvents()
            => Population.Of<NetworkEvent>().Records(40_000).People(4_000).Regions(4, skew: 0.5).Outliers(0.005)
                .Window(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));

        /// <summary>Tokens shared with partners: nothing may survive or be enumerated, and partners must not join.</summary>
        public static MinimizerSpec<SubscriberFile, TOut> Identity<TOut>(MinimizerSpec<SubscriberFile, TOut> spec)
            => spec.Population(Subscribers()).ResistsEnumeration().UnlinkableAcross("UK", "US");

        public static MinimizerSpec<SubscriberFile, PartnerSubscriber> Identity(Func<SubscriberFile, PartnerSubscriber> minimize)
            => Identity(MinimizerSpec.For(minimize));

        public static MinimizerSpec<SubscriberFile, PartnerSubscriber> Identity(Func<SubscriberFile, MinimizerContext, PartnerSubscriber> minimize)
            => Identity(MinimizerSpec.For(minimize)).JoinableWithin("UK");

        public static MinimizerSpec<SubscriberFile, SubscriberExport> Export(Func<SubscriberFile, SubscriberExport> minimize)
            => Identity(MinimizerSpec.For(minimize));

        /// <summary>Demographics: Sweeney's quasi-identifiers must form classes of at least k = 11.</summary>
        public static MinimizerSpec<SubscriberFile, Demographics> Demography(Func<SubscriberFile, Demographics> minimize, PopulationBuilder<SubscriberFile>? population = null)
            => MinimizerSpec.For(minimize)
                .Population(population ?? ManySubscribers())
                .QuasiIdentifiers(d => d.Area, d => d.Birth, d => d.Gender)
                .ResistsEnumeration()
                .UnlinkableAcross("UK", "US");

        /// <summary>Events become traces: classes of (place, time), trace unicity per true subject, keys per partner.</summary>
        public static MinimizerSpec<NetworkEvent, PartnerEvent> Traces(Func<NetworkEvent, MinimizerContext, PartnerEvent> minimize, PopulationBuilder<NetworkEvent>? population = null)
            => MinimizerSpec.For(minimize)
                .Population(population ?? Events())
                .QuasiIdentifiers(e => e.Place, e => e.Time)
                .Traces(e => e.Token, e => e.Place, e => e.Time)
                .ResistsEnumeration()
                .UnlinkableAcross("UK", "US")
                .JoinableWithin("UK");

        public static PopulationBuilder<UsageEvent> Usage()
            => Population.Of<UsageEvent>().Records(20_000).People(1_000).Regions(6).Outliers(0.005);

        /// <summary>Usage events as traces, each subject the nested subscriber.</summary>
        public static MinimizerSpec<UsageEvent, PartnerEvent> UsageTraces(MinimizerSpec<UsageEvent, PartnerEvent> spec)
            => spec.Population(Usage())
                .SubjectBy(e => e.Subscriber)
                .QuasiIdentifiers(e => e.Place, e => e.Time)
                .Traces(e => e.Token, e => e.Place, e => e.Time)
                .ResistsEnumeration()
                .UnlinkableAcross("UK", "US");

        public static MinimizerSpec<MobileLine, SharedLine> Lines(MinimizerSpec<MobileLine, SharedLine> spec)
            => spec.Population(p => p.Records(2_000).People(2_000).With(l => l.Plan, "prepaid", "postpaid", null)).ResistsEnumeration().UnlinkableAcross("UK", "US");

        /// <summary>Thirty fibre subscribers with static addresses, each in a /24 of their own: a golden file.</summary>
        public static List<SubscriberFile> StaticAddressCustomers()
        {
            Population<SubscriberFile> drawn = Subscribers().Records(30).People(30).Generate(Seed);
            var list = new List<SubscriberFile>();
            for (int i = 0; i < drawn.Count; i++)
            {
                SubscriberFile r = drawn[i];
                r.IPv4 = string.Create(CultureInfo.InvariantCulture, $"24.{37 + (i * 7 % 200)}.{(i * 53) % 250}.{10 + i}");
                list.Add(r);
            }

            return list;
        }

        /// <summary>The failed property of <paramref name="kind"/>, or a test failure that prints the whole report.</summary>
        public static PropertyResult FailedFor(HarnessReport report, FindingKind kind)
        {
            PropertyResult? p = report.Properties.FirstOrDefault(x => x.Kind == kind);
            Assert.True(p != null, $"{kind} was not checked:\n{report.Label}");
            Assert.True(!p!.Passed, $"{kind} passed, expected it to fail:\n{report.Label}");
            Assert.NotNull(p.Finding);
            return p;
        }
    }
}
