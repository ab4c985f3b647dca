using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Minimization.Testing.Checks;
using Minimization.Testing.Tests.Fixtures;
using Xunit;

namespace Minimization.Testing.Tests.Spec
{
    /// <summary>Trace unicity and linkability per true subject (SubjectBy), with exactly the points the message says.</summary>
    public class TrueSubjectTests
    {
        /// <summary>A golden file: 12 subscribers, 4 calls each, every call at a (tower, hour) no one else used.</summary>
        private static List<SubscriberCall> Golden()
        {
            var calls = new List<SubscriberCall>();
            var start = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
            for (int s = 0; s < 12; s++)
            {
                for (int c = 0; c < 4; c++)
                {
                    calls.Add(new SubscriberCall("SUB-" + s.ToString("D4", CultureInfo.InvariantCulture), "302-720-10037-" + (1000 + s), start.AddHours(s * 4 + c)));
                }
            }

            return calls;
        }

        private static string Hour(SubscriberCall c) => c.StartedAt.ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture);

        private static string Hmac(MinimizerContext ctx, string value) => Convert.ToHexString(HMACSHA256.HashData(ctx.Key, Encoding.UTF8.GetBytes(value))).Substring(0, 16);

        [Fact]
        public void A_stable_pseudonym_is_singled_out_per_true_subject_with_exactly_four_points()
        {
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(Hmac(ctx, c.Subscriber), c.TowerId, Hour(c)))
                .SubjectBy(c => c.Subscriber)
                .Traces(p => p.Token, p => p.TowerId, p => p.Hour);
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(Golden()));
            PropertyResult u = Assert.Single(e.Report!.Properties, p => !p.Passed);
            Assert.Equal(FindingKind.TraceUnicity, u.Kind);
            Assert.Equal(1.0, u.Figure);
            Assert.Equal(0.05, u.Threshold);
            Assert.Equal("100.0 % of 12 subjects singled out by 4 points, allowed 5.0 %", u.Measure);
            Assert.Contains("(subjects by SubscriberCall.Subscriber)", u.Message);
            Assert.Contains("12 of 12 sampled subjects (100.0 %) are singled out by 4 of their own (place, time) points", u.Message);
            Assert.Contains("holds 4 points: (302-720-10037-", u.Message);
            Assert.Equal(4, u.Counterexample.Count);
            Assert.All(u.Counterexample, r => Assert.Matches(@"^#\d+ SubscriberCall \{ Subscriber = ""SUB-\d{4}"", TowerId = ", r));
            Assert.Single(u.Counterexample.Select(r => r.Substring(r.IndexOf("SUB-", StringComparison.Ordinal), 8)).Distinct());
        }

        [Fact]
        public void A_pseudonym_that_changes_with_every_record_links_no_points_and_passes()
        {
            // Counting per pseudonym, each one-record "trace" looks unique; per true subject, no trace holds two of a
            // subscriber's points, so no one is singled out.
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(Hmac(ctx, c.Subscriber + "|" + c.StartedAt.Ticks), c.TowerId, Hour(c)))
                .SubjectBy(c => c.Subscriber)
                .Traces(p => p.Token, p => p.TowerId, p => p.Hour);
            HarnessReport report = spec.Check(Golden());
            Assert.Equal(0, report.TraceUnicity!.SingledOut);
            Assert.Equal(0, report.TraceUnicity.SubjectsWithFewerPoints);
            Assert.Equal(12, report.TraceUnicity.Sampled);
        }

        [Fact]
        public void Without_SubjectBy_each_record_of_a_fixed_data_set_is_its_own_subject()
        {
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(Hmac(ctx, c.Subscriber), c.TowerId, Hour(c)))
                .Traces(p => p.Token, p => p.TowerId, p => p.Hour);
            HarnessReport report = spec.Evaluate(Minimization.Testing.Populations.Population.From(Golden()));
            Assert.Equal(48, report.TraceUnicity!.Sampled);
            Assert.Equal(48, report.TraceUnicity.SubjectsWithFewerPoints);
        }

        [Fact]
        public void Subjects_with_fewer_points_than_asked_are_counted_and_said_so()
        {
            var records = new List<PointRecord>
            {
                new PointRecord("a", "T1", "h1"), new PointRecord("a", "T2", "h2"),
                new PointRecord("b", "T1", "h1"), new PointRecord("b", "T3", "h3"), new PointRecord("b", "T4", "h4"), new PointRecord("b", "T5", "h5"),
            };
            TraceUnicityResult u = PopulationChecks.TraceUnicityBySubject(records, new[] { 0, 0, 1, 1, 1, 1 }, TraceModel<PointRecord>.Of(p => p.Token, p => p.TowerId, p => p.Hour));
            Assert.Equal(2, u.Sampled);
            Assert.Equal(1, u.SubjectsWithFewerPoints);
            Assert.Equal(4, u.Points);
            Assert.Equal(2, u.SingledOut);
            Assert.StartsWith("2 of 2 sampled subjects (100.0 %) are singled out by 4 of their own (place, time) points (1 subject has fewer than 4 points and was tested with all of its own)", u.ToString());
        }

        [Fact]
        public void Bad_subject_indexes_are_refused_with_a_clear_error()
        {
            var records = new[] { new PointRecord("a", "T1", "h1") };
            var model = TraceModel<PointRecord>.Of(p => p.Token, p => p.TowerId, p => p.Hour);
            Assert.Equal("Give one subject per record (1 records, 2 subjects). (Parameter 'subjects')",
                Assert.Throws<ArgumentException>(() => PopulationChecks.TraceUnicityBySubject(records, new[] { 0, 1 }, model)).Message);
            Assert.Throws<ArgumentException>(() => PopulationChecks.TraceUnicityBySubject(records, new[] { -1 }, model));
        }

        [Fact]
        public void A_generalization_equal_for_every_partner_is_not_taken_for_a_pseudonym()
        {
            // The group (one of three, four subscribers each) changes with the subscriber as a token would, but names no one:
            // joining on it is the quasi-identifiers' risk, for k-anonymity to measure. The token is keyed per partner.
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(
                    Hmac(ctx, c.Subscriber), "group-" + (int.Parse(c.Subscriber.Substring(4), CultureInfo.InvariantCulture) % 3).ToString(CultureInfo.InvariantCulture), "any"))
                .Identifiers(IdentityCategory.AccountId, c => c.Subscriber)
                .SubjectBy(c => c.Subscriber)
                .UnlinkableAcross("UK", "US");
            HarnessReport report = spec.Check(Golden());
            Assert.True(report.Properties.Single(p => p.Kind == FindingKind.Linkable).Passed, report.Label);

            // Declared a token, the same column links: each of its values is carried by 4 subjects, fewer than k.
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Tokens(p => p.TowerId).Check(Golden()));
            Finding f = Assert.Single(e.Report!.Findings);
            Assert.Equal(FindingKind.Linkable, f.Kind);
            Assert.EndsWith("(4 subjects carry that value)", f.Message);
        }

        [Fact]
        public void A_pseudonym_keyed_alike_for_every_partner_links_even_beside_generalizations()
        {
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(
                    Hmac(new MinimizerContext("all", ctx.KeyFor("shared")), c.Subscriber), "group-" + (c.Subscriber[^1] % 3).ToString(CultureInfo.InvariantCulture), "any"))
                .Identifiers(IdentityCategory.AccountId, c => c.Subscriber)
                .SubjectBy(c => c.Subscriber)
                .UnlinkableAcross("UK", "US");
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(Golden()));
            Finding f = Assert.Single(e.Report!.Findings);
            Assert.Equal(FindingKind.Linkable, f.Kind);
            Assert.Contains("PointRecord.Token (from SubscriberCall.Subscriber)", f.Message);
        }

        [Fact]
        public void A_household_token_keyed_alike_for_every_partner_links_the_two_people_it_names()
        {
            // Subscribers 2n and 2n+1 share a household: its token names two people, not a crowd.
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(
                    Hmac(new MinimizerContext("all", ctx.KeyFor("households")), "H" + (int.Parse(c.Subscriber.Substring(4), CultureInfo.InvariantCulture) / 2).ToString(CultureInfo.InvariantCulture)), "x", "any"))
                .Identifiers(IdentityCategory.AccountId, c => c.Subscriber)
                .SubjectBy(c => c.Subscriber)
                .UnlinkableAcross("UK", "US");
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(Golden()));
            Finding f = Assert.Single(e.Report!.Findings);
            Assert.Equal(FindingKind.Linkable, f.Kind);
            Assert.EndsWith("(2 subjects carry that value)", f.Message);
        }

        [Fact]
        public void Linkability_counts_the_true_subjects_that_carry_a_token()
        {
            // One token per subscriber, the same for both partners: each value is carried by one subject, whatever its record count.
            var spec = MinimizerSpec.For<SubscriberCall, PointRecord>((c, ctx) => new PointRecord(Hmac(new MinimizerContext("all", ctx.KeyFor("shared")), c.Subscriber), "x", "y"))
                .SubjectBy(c => c.Subscriber)
                .Tokens(p => p.Token)
                .UnlinkableAcross("UK", "US");
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(Golden()));
            Finding f = Assert.Single(e.Report!.Findings);
            Assert.Equal(FindingKind.Linkable, f.Kind);
            Assert.EndsWith("so the two releases join on this person (1 subject carries that value)", f.Message);
        }
    }
}
