using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Minimization.Testing.Tests.Fixtures;
using Xunit;

namespace Minimization.Testing.Tests.Spec
{
    /// <summary>Structured results, readable failures, explicit categories and specs that are values.</summary>
    public class ResultTests
    {
        private const int Seed = 20261102;

        private static readonly MinimizerSpec<CallRecord, SharedCall> Shared =
            MinimizerSpec.For<CallRecord, SharedCall>(Zoo.UnkeyedSha256).Population(p => p.Records(1_500).People(300).Regions(6));

        [Fact]
        public void Builder_methods_return_new_specs_and_never_change_a_shared_static_one()
        {
            MinimizerSpec<CallRecord, SharedCall> strict = Shared.ResistsEnumeration(2).QuasiIdentifiers(s => s.Region, s => s.Day).KAnonymous(50).Seed(42);
            Assert.NotSame(Shared, strict);
            Assert.NotSame(Shared, Shared.Seed(42));

            HarnessReport derived = strict.Evaluate(Seed);
            HarnessReport original = Shared.Evaluate(Seed);
            Assert.True(derived.Has(FindingKind.Enumeration), derived.Label);
            Assert.Equal(50, derived.KAnonymity!.K);
            Assert.True(original.Passed, original.Label);
            Assert.Null(original.KAnonymity);
            Assert.DoesNotContain(original.Properties, p => p.Kind is FindingKind.Enumeration or FindingKind.KAnonymity);
        }

        [Fact]
        public void A_passing_report_lists_every_declared_property_with_its_figure_and_threshold()
        {
            HarnessReport report = MinimizerSpec.For<CallRecord, SharedCall>(Zoo.Good)
                .Population(ZooTests.Calls())
                .QuasiIdentifiers(s => s.Region, s => s.Day)
                .Traces(s => s.CallerToken, s => s.Region, s => s.Day)
                .ResistsEnumeration(2)
                .UnlinkableAcross("UK", "US")
                .JoinableWithin("UK")
                .Evaluate(Seed);
            Assert.True(report.Passed, report.Label);
            Assert.Equal(
                new[]
                {
                    FindingKind.MinimizerThrew, FindingKind.IdentifierSurvives, FindingKind.PartialIdentifier, FindingKind.KAnonymity, FindingKind.HighestRisk,
                    FindingKind.AverageRisk, FindingKind.UniqueRecords, FindingKind.TraceUnicity, FindingKind.Enumeration, FindingKind.Linkable, FindingKind.NotDeterministic,
                },
                report.Properties.Select(p => p.Kind));
            Assert.All(report.Properties, p => Assert.True(p.Passed && p.Measure.Length > 0 && p.Counterexample.Count == 0, p.ToString()));
            PropertyResult k = report.Properties.Single(p => p.Kind == FindingKind.KAnonymity);
            Assert.Equal(11, k.Threshold);
            Assert.True(k.Figure >= 11);
            Assert.StartsWith("CallRecord -> SharedCall for partner UK: all 11 properties passed on Population: 6,000 records", report.Label);
        }

        [Fact]
        public void A_failure_prints_one_paragraph_per_failed_property_with_figures_attack_and_records_as_data()
        {
            HarnessReport report = MinimizerSpec.For<CallRecord, TracedCall>(Zoo.SecondAndTower)
                .Population(ZooTests.Calls())
                .QuasiIdentifiers(s => s.TowerId, s => s.StartedAt)
                .Traces(s => s.CallerToken, s => s.TowerId, s => s.StartedAt)
                .Evaluate(Seed);
            var failed = report.Properties.Where(p => !p.Passed).Select(p => p.Kind).ToArray();
            Assert.Equal(new[] { FindingKind.KAnonymity, FindingKind.HighestRisk, FindingKind.AverageRisk, FindingKind.UniqueRecords, FindingKind.TraceUnicity }, failed);
            string label = report.Label;
            Assert.StartsWith("CallRecord -> TracedCall for partner partner re-identifies people: 5 of 8 properties fail on Population:", label);
            foreach (PropertyResult p in report.Properties.Where(p => !p.Passed))
            {
                Assert.Equal(1, Count(label, p.Property + ": FAILED ("));
                Assert.InRange(p.Counterexample.Count, p.Kind == FindingKind.AverageRisk ? 0 : 1, p.Kind == FindingKind.TraceUnicity ? 4 : 3);
            }

            PropertyResult k = report.Properties.Single(p => p.Kind == FindingKind.KAnonymity);
            Assert.Equal("smallest class 1 record of " + k.Measure.Split(" of ")[1], k.Measure);
            Assert.StartsWith("an attacker who knows towerId and startedAt of a person finds the class {towerId=", k.Attack);
            Assert.Matches(@"^#\d+ CallRecord \{ CallerNumber = ""[^""]+"", .*, DurationSeconds = \d+ \}\n  -> TracedCall \{ CallerToken = ""[0-9A-F]{20}"", TowerId = ""302-720-\d+-\d+"", StartedAt = ""2026-11-0", Assert.Single(k.Counterexample));
            Assert.DoesNotContain("Original:", label);
            Assert.DoesNotContain("Expected true", label);
            Assert.DoesNotContain("1 records", label);
            Assert.DoesNotContain("1 record carry", label);
        }

        [Fact]
        public void Evaluate_shrinks_a_record_level_failure_to_the_one_record_that_shows_it()
        {
            HarnessReport report = MinimizerSpec.For<CallRecord, SharedCallWithPayload>(Zoo.Base64Payload).Population(ZooTests.Calls()).Evaluate(Seed);
            PropertyResult p = Assert.Single(report.Properties, x => !x.Passed);
            Assert.Equal(FindingKind.IdentifierSurvives, p.Kind);
            // Base64 is searched on the sample (the first 4,096 records and every 64th); the normal forms on every record.
            Assert.Equal(4_126, p.Figure);
            Assert.Equal(0, p.Threshold);
            Assert.Equal("4,126 of 4,126 records carry an identifier (allowed: 0); 1,874 more records searched for normal forms only", p.Measure);
            Assert.Single(p.Counterexample);
            Assert.Equal(new[] { p.Finding!.RecordIndex!.Value }, p.CounterexampleRecords);
        }

        [Fact]
        public void A_leak_in_normal_form_is_searched_on_every_record_beyond_the_sample()
        {
            // Only record #4,500 leaks (past the first 4,096 and not a 64th): the pass over every record finds it.
            var records = new List<CallRecord>();
            for (int i = 0; i < 5_000; i++)
            {
                records.Add(new CallRecord
                {
                    CallerNumber = "613-" + (200 + (i / 10_000)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (i % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                    CalleeNumber = "613-555-0199",
                    TowerId = "302-720-10037-1000",
                    Imei = "356741081503749",
                    DurationSeconds = i == 4_500 ? 4_242 : 60,
                });
            }

            var spec = MinimizerSpec.For<CallRecord, LeakyCall>(r => r.DurationSeconds == 4_242 ? Zoo.PassThrough(r) : new LeakyCall("x", "y", r.StartedAt, "t"));
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(records));
            Finding f = Assert.Single(e.Report!.Findings);
            Assert.StartsWith("phone 6132004500 (CallRecord.CallerNumber, record #4500) survives as its digits in LeakyCall.Caller", f.Message);
            Assert.Equal("1 of 4,112 records carries an identifier (allowed: 0); 888 more records searched for normal forms only",
                e.Report.Properties.Single(p => p.Kind == FindingKind.IdentifierSurvives).Measure);
        }

        [Fact]
        public void One_record_carrying_an_identifier_is_said_in_the_singular()
        {
            var records = new[] { new CallRecord { CallerNumber = "613-555-0143", CalleeNumber = "613-555-0199", TowerId = "302-720-10037-1000", Imei = "356741081503749" } };
            var spec = MinimizerSpec.For<CallRecord, LeakyCall>(Zoo.PassThrough);
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(records));
            Assert.Contains("no identifier survives: FAILED (1 of 1 record carries an identifier (allowed: 0))", e.Message);
            Assert.Contains("counterexample (1 record):", e.Message);
        }

        [Fact]
        public void Check_on_a_fixed_data_set_returns_the_report_when_it_passes()
        {
            var golden = new List<CallRecord>();
            for (int i = 0; i < 30; i++)
            {
                golden.Add(new CallRecord
                {
                    CallerNumber = "613-555-01" + (i % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
                    CalleeNumber = "613-555-0199",
                    StartedAt = new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc),
                    TowerId = "302-720-10037-1000",
                    Imei = "356741081503749",
                });
            }

            HarnessReport report = MinimizerSpec.For<CallRecord, SharedCall>(Zoo.Good).QuasiIdentifiers(s => s.Region, s => s.Day).Check(golden);
            Assert.True(report.Passed);
            Assert.Equal(30, report.KAnonymity!.SmallestClassSize);
            Assert.Contains("given records", report.PopulationDescription);
        }

        [Fact]
        public void Categories_given_through_the_spec_drive_generation_survival_and_enumeration_on_a_type_without_attributes()
        {
            var spec = MinimizerSpec.For<PlainContact, SharedContact>(c => new SharedContact(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Zoo.Digits(c.Mobile)))), c.SeenAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                .Identifiers(IdentityCategory.Phone, c => c.Mobile)
                .InputQuasiIdentifiers(IdentityCategory.Timestamp, c => c.SeenAt)
                .Population(p => p.Records(1_000).People(200))
                .ResistsEnumeration(2);
            HarnessReport report = spec.Evaluate(Seed);
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.Enumeration, f.Kind);
            Assert.Matches(@"^phone \d{10} \(PlainContact\.Mobile, record #\d+\) is singled out by enumeration: an attacker who runs the 10,000 numbers of NPA-NXX", f.Message);
            Assert.Empty(report.CategoryGuesses);

            HarnessReport passThrough = MinimizerSpec.For<PlainContact, SharedContact>(c => new SharedContact(c.Mobile, "d"))
                .Identifiers(IdentityCategory.Phone, c => c.Mobile).Population(p => p.Records(200).People(50)).Evaluate(Seed);
            Assert.Matches(@"^phone \d{10} \(PlainContact\.Mobile, record #0\) survives as its digits in SharedContact\.Mobile$", Assert.Single(passThrough.Findings).Message);
        }

        [Fact]
        public void A_category_guessed_from_a_member_name_is_reported_and_a_declared_one_is_not()
        {
            var guessed = MinimizerSpec.For<Subscriber, string>(s => "x").Population(p => p.Records(100).People(20)).Evaluate(Seed);
            Assert.Equal(
                new[] { "Subscriber.Msisdn: phone, guessed from its name", "Subscriber.EmailAddress: email, guessed from its name", "Subscriber.ClientIp: ip, guessed from its name" },
                guessed.CategoryGuesses);
            Assert.Contains("categories guessed from member names (declare them with Identifiers(category, ...)): Subscriber.Msisdn: phone, guessed from its name", guessed.Label);

            var declared = MinimizerSpec.For<Subscriber, string>(s => "x").Identifiers(IdentityCategory.Phone, s => s.Msisdn).Population(p => p.Records(100).People(20)).Evaluate(Seed);
            Assert.Empty(declared.CategoryGuesses);
        }

        [Fact]
        public void A_misdeclared_member_is_refused_with_a_clear_error()
        {
            var spec = MinimizerSpec.For<PlainContact, SharedContact>(c => new SharedContact(c.Mobile, "d"));
            Assert.Equal("Expected a member access such as r => r.Phone. (Parameter 'members')",
                Assert.Throws<ArgumentException>(() => spec.Identifiers(IdentityCategory.Phone, c => c.Mobile + "x")).Message);
            Assert.Throws<ArgumentException>(() => spec.Identifiers(" ", c => c.Mobile));
        }

        private static int Count(string text, string part)
        {
            int n = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            {
                n++;
            }

            return n;
        }
    }
}
