using System;
using System.Linq;
using Minimization.Testing.Populations;
using Minimization.Testing.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace Minimization.Testing.Tests.Spec
{
    /// <summary>Known-bad minimizers are each caught for the right reason; good ones pass. Fixed seeds keep verdicts still.</summary>
    public class ZooTests
    {
        private const int Seed = 20261102;
        private readonly ITestOutputHelper _output;

        public ZooTests(ITestOutputHelper output)
        {
            _output = output;
        }

        internal static PopulationBuilder<CallRecord> Calls() => Population.Of<CallRecord>().Records(6_000).People(1_200).Regions(8).Outliers(0.01);

        private HarnessReport Run<TOut>(MinimizerSpec<CallRecord, TOut> spec)
        {
            HarnessReport report = spec.Population(Calls()).Evaluate(Seed);
            _output.WriteLine(report.Label);
            return report;
        }

        [Fact]
        public void Identity_passed_through_is_caught_as_a_surviving_phone_number()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, LeakyCall>(Zoo.PassThrough));
            Finding f = Assert.Single(report.Findings, x => x.Kind == FindingKind.IdentifierSurvives);
            Assert.Matches(@"^phone \d{10} \(CallRecord\.CallerNumber, record #\d+\) survives as its digits in LeakyCall\.Caller; so do phone \d{10} \(as its digits in LeakyCall\.Callee\)$", f.Message);
        }

        [Fact]
        public void Dropping_only_the_name_is_caught_by_the_email_that_survives()
        {
            HarnessReport report = MinimizerSpec.For<PersonRecord, SharedPerson>(Zoo.NameDropped)
                .Population(p => p.Records(2_000).People(2_000).Regions(8).With(x => x.Diagnosis, "flu", "asthma", "cold"))
                .Evaluate(Seed);
            _output.WriteLine(report.Label);
            Finding f = Assert.Single(report.Findings, x => x.Kind == FindingKind.IdentifierSurvives);
            // The e-mail address survives on the first record; when it carries the name too, both are reported, the name first.
            Assert.Matches(@"^(name [^(]+ \(PersonRecord\.Name, record #0\) survives as the full name in SharedPerson\.Contact; so do email \S+@\S+ \(|email \S+@\S+ \(PersonRecord\.Email, record #0\) survives )as the lower-cased address in SharedPerson\.Contact", f.Message);
        }

        [Fact]
        public void Unkeyed_sha256_of_the_phone_is_caught_by_enumeration()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.UnkeyedSha256).ResistsEnumeration());
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.Enumeration, f.Kind);
            Assert.Matches(@"^phone \d{10} \(CallRecord\.CallerNumber, record #\d+\) is singled out by enumeration: an attacker who runs the 10,000 numbers of NPA-NXX \d{3}-\d{3} .* matches SharedCall\.CallerToken to exactly one candidate, the true one$", f.Message);
        }

        [Fact]
        public void Unkeyed_md5_of_the_phone_is_caught_by_enumeration()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.UnkeyedMd5).ResistsEnumeration());
            Assert.Equal(FindingKind.Enumeration, Assert.Single(report.Findings).Kind);
        }

        [Fact]
        public void Truncation_keeping_nine_of_ten_digits_is_caught_as_a_partial_identifier_and_by_enumeration_as_ten_candidates()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.TruncateNineDigits).ResistsEnumeration());
            Assert.Equal(new[] { FindingKind.Enumeration, FindingKind.PartialIdentifier }, report.Findings.Select(f => f.Kind).OrderBy(k => k).ToArray());
            Finding partial = report.Findings.Single(f => f.Kind == FindingKind.PartialIdentifier);
            Assert.Matches(@"^phone \d{10} \(CallRecord\.CallerNumber, record #\d+\) survives in part: its first 9 digits '\d{9}' in SharedCall\.CallerToken, and that part singles out [\d,]+ of [\d,]+ subjects in the population, this one among them$", partial.Message);
            Assert.True(partial.Figure > 1_000, partial.Message);
            Finding enumeration = report.Findings.Single(f => f.Kind == FindingKind.Enumeration);
            Assert.Contains("narrows SharedCall.CallerToken to 10 candidates (< k=11), the true one among them", enumeration.Message);
            Assert.Equal(10, enumeration.Figure);
            Assert.Equal(11, enumeration.Threshold);
        }

        [Fact]
        public void One_key_for_all_partners_is_caught_as_linkable_across_partners()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.OneKeyForAllPartners).ResistsEnumeration().UnlinkableAcross("UK", "US"));
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.Linkable, f.Kind);
            Assert.Matches(@"^phone \d{10} \(record #\d+\): SharedCall\.CallerToken \(from CallRecord\.CallerNumber\) is '[0-9A-F]{20}' for both UK and US", f.Message);
        }

        [Fact]
        public void Timestamp_kept_to_the_second_with_the_tower_is_caught_by_k_anonymity_and_trace_unicity()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, TracedCall>(Zoo.SecondAndTower)
                .QuasiIdentifiers(s => s.TowerId, s => s.StartedAt)
                .Traces(s => s.CallerToken, s => s.TowerId, s => s.StartedAt));
            Assert.True(report.Has(FindingKind.KAnonymity));
            Assert.True(report.Has(FindingKind.TraceUnicity));
            Assert.True(report.Has(FindingKind.UniqueRecords));
            Assert.False(report.Has(FindingKind.IdentifierSurvives));
            Finding k = report.Findings.First(f => f.Kind == FindingKind.KAnonymity);
            Assert.Matches(@"^class \{towerId=302-720-\d+-\d+, startedAt=2026-11-0\dT\d\d:\d\d:\d\d\} has 1 record < k=11 .*; it singles out phone \d{10} \(record #\d+\)$", k.Message);
            Assert.Equal(1.0, report.Risk!.Highest);
            Assert.True(report.TraceUnicity!.Unicity > 0.9);
        }

        [Fact]
        public void A_phone_hidden_in_a_base64_payload_is_caught()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCallWithPayload>(Zoo.Base64Payload));
            Finding f = Assert.Single(report.Findings);
            Assert.Matches(@"^phone \d{10} \(CallRecord\.CallerNumber, record #\d+\) survives as Base64 in SharedCallWithPayload\.Payload$", f.Message);
        }

        [Fact]
        public void A_random_salt_is_caught_when_the_partner_needs_to_join()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.RandomSalt).JoinableWithin("UK"));
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.NotDeterministic, f.Kind);
            Assert.Contains("SharedCall.CallerToken differs between two runs for partner UK", f.Message);
        }

        [Fact]
        public void A_per_partner_daily_hmac_with_coarse_place_and_day_passes_every_check()
        {
            HarnessReport report = Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.Good)
                .QuasiIdentifiers(s => s.Region, s => s.Day)
                .KAnonymous(11)
                .Traces(s => s.CallerToken, s => s.Region, s => s.Day)
                .ResistsEnumeration()
                .UnlinkableAcross("UK", "US")
                .JoinableWithin("UK"));
            Assert.True(report.Passed, report.Label);
            Assert.True(report.KAnonymity!.SmallestClassSize >= 11);
            Assert.True(report.Risk!.Average <= 0.05);
            Assert.True(report.TraceUnicity!.Unicity <= 0.05);
        }

        [Fact]
        public void Hmac_with_a_secret_key_resists_enumeration_where_the_same_code_without_key_does_not()
        {
            Assert.True(Run(MinimizerSpec.For<CallRecord, SharedCall>(Zoo.Good).ResistsEnumeration()).Passed);
            HarnessReport published = Run(MinimizerSpec.For<CallRecord, SharedCall>(r => Zoo.Good(r, new MinimizerContext("UK", new byte[] { 1, 2, 3 }))).ResistsEnumeration());
            Assert.True(published.Has(FindingKind.Enumeration), "a key written in the code is published: the attacker has it");
        }

        [Fact]
        public void A_good_person_minimizer_passes_k_anonymity_risk_and_l_diversity()
        {
            HarnessReport report = MinimizerSpec.For<PersonRecord, SharedPerson>(Zoo.GoodPerson)
                .Population(p => p.Records(5_000).People(5_000).Regions(8).Outliers(0.02).With(x => x.Diagnosis, "flu", "asthma", "cold", "diabetes", "migraine", "none"))
                .QuasiIdentifiers(s => s.Region, s => s.BirthYears)
                .LDiverse(s => s.Diagnosis, l: 3)
                .ResistsEnumeration()
                .Evaluate(Seed);
            _output.WriteLine(report.Label);
            Assert.True(report.Passed, report.Label);
            Assert.True(report.LDiversity!.LowestEffectiveL >= 3);
        }

        [Fact]
        public void A_full_postal_code_and_birth_date_fail_k_anonymity_and_survive()
        {
            HarnessReport report = MinimizerSpec.For<PersonRecord, SharedPerson>(Zoo.NameDropped)
                .Population(p => p.Records(2_000).People(2_000).Regions(8))
                .Identifiers(x => x.PostalCode)
                .QuasiIdentifiers(s => s.Region, s => s.BirthYears)
                .Evaluate(Seed);
            _output.WriteLine(report.Label);
            Assert.True(report.Has(FindingKind.KAnonymity));
            Assert.StartsWith("postal-code ", report.Findings.First(f => f.Kind == FindingKind.IdentifierSurvives).Message);
        }
    }
}
