using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Minimization;
using Minimization.Testing.Populations;
using Xunit;

namespace Minimization.Testing.Tests.Spec
{
    /// <summary>Identifiers inside nested objects and collections are searched, enumerated and named by their path.</summary>
    public class NestedIdentifierTests
    {
        [IdentityBearing]
        public sealed class Subscriber
        {
            [IdentityBearing(IdentityCategory.Phone)]
            public string Msisdn { get; set; } = "";

            [IdentityBearing(IdentityCategory.Email)]
            public List<string> Emails { get; set; } = new List<string>();
        }

        public sealed class UsageRecord
        {
            public Subscriber Subscriber { get; set; } = new Subscriber();

            [IdentityBearing(IdentityCategory.CellTower)]
            public string CellId { get; set; } = "";

            [IdentityBearing(IdentityCategory.Timestamp)]
            public DateTime At { get; set; }
        }

        public sealed record Shared(string Token, string Place, string Hour);

        private static PopulationBuilder<UsageRecord> Usage() => Population.Of<UsageRecord>().Records(3_000).People(300).Regions(6);

        private static string Hour(UsageRecord u) => u.At.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture);

        private static string Digits(string s) => new string(s.Where(char.IsDigit).ToArray());

        [Fact]
        public void A_phone_read_from_a_nested_subscriber_is_found_and_named_by_its_path()
        {
            HarnessReport report = MinimizerSpec.For<UsageRecord, Shared>(u => new Shared(u.Subscriber.Msisdn, "x", "y")).Population(Usage()).Evaluate(5);
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.IdentifierSurvives, f.Kind);
            Assert.Matches(@"^phone \d{10} \(UsageRecord\.Subscriber\.Msisdn, record #0\) survives as its digits in Shared\.Token$", f.Message);
        }

        [Fact]
        public void An_unkeyed_hash_of_an_address_in_a_nested_list_is_found_by_enumeration()
        {
            HarnessReport report = MinimizerSpec.For<UsageRecord, Shared>(u => new Shared(
                    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(u.Subscriber.Emails[0].ToLowerInvariant()))), "x", "y"))
                .Population(Usage())
                .ResistsEnumeration()
                .Evaluate(5);
            Finding f = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.Enumeration, f.Kind);
            Assert.Contains("(UsageRecord.Subscriber.Emails[0], record #", f.Message, StringComparison.Ordinal);
        }

        public sealed record Msisdn(string Value);

        public sealed record Line([property: IdentityBearing(IdentityCategory.Phone)] Msisdn Number, string Plan);

        [Fact]
        public void A_value_object_around_a_phone_is_searched_and_enumerated_by_its_value()
        {
            var population = Population.Of<Line>().Records(2_000).People(2_000).With(l => l.Plan, "prepaid", "postpaid");
            HarnessReport kept = MinimizerSpec.For<Line, Shared>(l => new Shared(l.Number.Value, l.Plan, "y")).Population(population).Evaluate(3);
            Assert.Matches(@"^phone \d{10} \(Line\.Number, record #0\) survives as its digits in Shared\.Token$", Assert.Single(kept.Findings).Message);

            HarnessReport hashed = MinimizerSpec.For<Line, Shared>(l => new Shared(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(Digits(l.Number.Value)))), l.Plan, "y"))
                .Population(population).ResistsEnumeration().Evaluate(3);
            Assert.Equal(FindingKind.Enumeration, Assert.Single(hashed.Findings).Kind);
        }

        [Fact]
        public void Identifiers_takes_a_path_through_a_nested_object()
        {
            var spec = MinimizerSpec.For<UsageRecord, Shared>(u => new Shared(Digits(u.Subscriber.Msisdn), "x", "y")).Population(Usage());
            Assert.True(spec.Identifiers(IdentityCategory.Phone, u => u.Subscriber.Msisdn).Evaluate(5).Has(FindingKind.IdentifierSurvives));
            Assert.Equal("Expected a member access such as r => r.Phone. (Parameter 'members')",
                Assert.Throws<ArgumentException>(() => spec.Identifiers(u => u.Subscriber.Msisdn.Trim())).Message);
        }

        [Fact]
        public void SubjectBy_a_phone_written_in_several_notations_counts_one_subject_per_number()
        {
            var spec = MinimizerSpec.For<UsageRecord, Shared>(u => new Shared("t", "x", "y")).Population(Usage()).SubjectBy(u => u.Subscriber.Msisdn).Traces(s => s.Token, s => s.Place, s => s.Hour);
            Assert.Equal(300, spec.Evaluate(5).TraceUnicity!.Sampled);
        }

        [Fact]
        public void SubjectBy_a_nested_object_made_afresh_for_each_record_counts_people_by_its_data()
        {
            // Each record holds its own Subscriber instance: keyed by reference or by its type name, every record would be one
            // subject, or all of them one. A stable token with the cell and hour singles people out per true subject.
            var spec = MinimizerSpec.For<UsageRecord, Shared>((u, ctx) => new Shared(
                    Convert.ToHexString(HMACSHA256.HashData(ctx.Key, Encoding.UTF8.GetBytes(Digits(u.Subscriber.Msisdn)))), u.CellId, Hour(u)))
                .Population(Usage())
                .SubjectBy(u => u.Subscriber)
                .Traces(s => s.Token, s => s.Place, s => s.Hour);
            HarnessReport report = spec.Evaluate(5);
            Assert.True(report.Has(FindingKind.TraceUnicity), report.Label);
            Assert.Equal(300, report.TraceUnicity!.Sampled);
            Assert.Contains("(subjects by UsageRecord.Subscriber)", report.Findings.Single(f => f.Kind == FindingKind.TraceUnicity).Message, StringComparison.Ordinal);
        }
    }
}
