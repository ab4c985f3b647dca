using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Minimization.Testing.Populations;
using Minimization.Testing.Tests.Fixtures;
using Xunit;

namespace Minimization.Testing.Tests.Spec
{
    /// <summary>The ways a team runs a spec from its own xunit project: a [Property] test, a [Fact] with Check(), Check.One.</summary>
    public class EntryPointTests
    {
        private static MinimizerSpec<CallRecord, SharedCall> GoodSpec() =>
            MinimizerSpec.For<CallRecord, SharedCall>(Zoo.Good)
                .Population(p => p.Records(3_000).People(600).Regions(6).Outliers(0.01))
                .QuasiIdentifiers(s => s.Region, s => s.Day)
                .UnlinkableAcross("UK", "US");

        [Property(MaxTest = 1, Replay = "(12345,67891)")]
        public Property A_spec_is_the_body_of_a_property_test() => GoodSpec().ToProperty();

        [Fact]
        public void Check_passes_silently_for_a_good_minimizer() => GoodSpec().Runs(1).Seed(7).Check();

        [Fact]
        public void Check_throws_with_a_label_naming_the_person_and_how()
        {
            var spec = MinimizerSpec.For<CallRecord, LeakyCall>(Zoo.PassThrough).Population(p => p.Records(2_000).People(400)).Runs(1).Seed(7);
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check());
            Assert.Matches(@"phone \d{10} \(CallRecord\.CallerNumber, record #0\) survives as its digits in LeakyCall\.Caller", e.Message);
        }

        [Fact]
        public void A_failing_record_level_check_shrinks_to_one_record_printed_as_data()
        {
            var spec = MinimizerSpec.For<CallRecord, LeakyCall>(Zoo.PassThrough).Population(p => p.Records(4_096).People(800)).Runs(1).Seed(3);
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check());
            PropertyResult p = Assert.Single(e.Report!.Properties, x => !x.Passed);
            Assert.Equal(FindingKind.IdentifierSurvives, p.Kind);
            string record = Assert.Single(p.Counterexample);
            Assert.Matches(@"^#\d+ CallRecord \{ CallerNumber = ""[^""]+"", CalleeNumber = ""[^""]+"", StartedAt = ""2026-11-", record);
            Assert.Matches(@"DurationSeconds = \d+ \}\n  -> LeakyCall \{ Caller = ""[^""]+"", ", record);
            Assert.Contains("counterexample (1 record):", e.Message);
            Assert.DoesNotContain("Original:", e.Message);
            Assert.DoesNotContain("Expected true", e.Message);
            Assert.DoesNotContain("HarnessTrial", e.Message);
            Assert.Equal(1, CountOf(e.Message, "survives as its digits in LeakyCall.Caller"));
            Assert.Null(e.InnerException);
        }

        private static int CountOf(string text, string part)
        {
            int count = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        [Fact]
        public void A_failing_population_level_check_is_not_shrunk()
        {
            var spec = MinimizerSpec.For<CallRecord, TracedCall>(Zoo.SecondAndTower)
                .Population(p => p.Records(2_000).People(400))
                .QuasiIdentifiers(s => s.TowerId, s => s.StartedAt)
                .Runs(1).Seed(3);
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check());
            Assert.Contains("has 1 record < k=11", e.Message);
            PropertyResult k = Assert.Single(e.Report!.Properties, p => p.Kind == FindingKind.KAnonymity);
            Assert.False(k.Passed);
            Assert.Equal(1, k.Figure);
            Assert.Equal(11, k.Threshold);
            Assert.Equal("smallest class 1 record of " + k.Measure.Split(" of ")[1], k.Measure);
            Assert.Single(k.Counterexample);
        }

        [Fact]
        public void Check_One_runs_the_property_with_an_fscheck_config()
        {
            Property property = GoodSpec().ToProperty();
            FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(1).WithReplay(new Replay(new Rnd(1UL, 3UL), null)).WithQuietOnSuccess(true), property);
        }

        [Fact]
        public void The_same_seed_gives_the_same_verdict_and_label()
        {
            var spec = MinimizerSpec.For<CallRecord, SharedCall>(Zoo.UnkeyedSha256).Population(p => p.Records(1_500).People(300)).ResistsEnumeration(2);
            Assert.Equal(spec.Evaluate(11).Label, spec.Evaluate(11).Label);
        }

        [Fact]
        public void A_keyless_minimizer_can_be_declared_with_a_plain_function()
        {
            HarnessReport report = MinimizerSpec.For<CallRecord, string>(r => Zoo.Region(r.TowerId))
                .Population(p => p.Records(1_000).People(200).Outliers(0))
                .QuasiIdentifiers(s => s)
                .Evaluate(1);
            Assert.True(report.Passed, report.Label);
        }

        [Fact]
        public void The_minimizer_throwing_is_reported_with_the_record()
        {
            HarnessReport report = MinimizerSpec.For<CallRecord, string>(r => throw new FormatException("bad tower"))
                .Population(p => p.Records(100).People(20)).Evaluate(1);
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.MinimizerThrew, f.Kind);
            Assert.Contains("FormatException", f.Message);
            Assert.Throws<MinimizerCheckException>(report.ThrowIfFailed);
        }

        [Fact]
        public void Minimizer_context_keys_are_stable_per_id_and_independent_across_ids()
        {
            var a = new MinimizerContext("UK", new byte[] { 1, 2, 3 });
            var b = new MinimizerContext("US", new byte[] { 1, 2, 3 });
            Assert.Equal(a.KeyFor("x"), b.KeyFor("x"));
            Assert.NotEqual(a.Key, b.Key);
            Assert.Equal(32, a.Key.Length);
            Assert.NotEqual(MinimizerContext.ForPartner("UK").Key, MinimizerContext.ForPartner("UK").Key);
        }
    }
}
