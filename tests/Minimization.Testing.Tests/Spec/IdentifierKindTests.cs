using System;
using System.Linq;
using Minimization.Testing.Populations;
using Minimization.Testing.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace Minimization.Testing.Tests.Spec
{
    /// <summary>
    /// Enumeration over every identifier kind, and partial identifiers: each bad minimizer is caught by the property that
    /// names its mistake, and only by it; the good ones pass. Fixed seeds keep verdicts still.
    /// </summary>
    public class IdentifierKindTests
    {
        private const int Seed = 20261203;
        private readonly ITestOutputHelper _output;

        public IdentifierKindTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static PopulationBuilder<Customer> Customers(PopulationBuilder<Customer> p)
            => p.Records(3_000).People(3_000).Regions(8).Outliers(0.01).With(c => c.Plan, "basic", "plus", "family");

        private HarnessReport Run(Func<Customer, SharedCustomer> minimize, Func<MinimizerSpec<Customer, SharedCustomer>, MinimizerSpec<Customer, SharedCustomer>>? configure = null)
            => Run(MinimizerSpec.For(minimize), configure);

        private HarnessReport Run(MinimizerSpec<Customer, SharedCustomer> spec, Func<MinimizerSpec<Customer, SharedCustomer>, MinimizerSpec<Customer, SharedCustomer>>? configure = null)
        {
            spec = spec.Population(Customers).ResistsEnumeration(2);
            HarnessReport report = (configure?.Invoke(spec) ?? spec).Evaluate(Seed);
            _output.WriteLine(report.Label);
            return report;
        }

        private static Finding Only(HarnessReport report, FindingKind kind)
        {
            Finding f = Assert.Single(report.Findings);
            Assert.True(f.Kind == kind, report.Label);
            return f;
        }

        [Fact]
        public void An_unkeyed_hash_of_the_email_is_found_by_enumerating_addresses_at_its_domain()
        {
            Finding f = Only(Run(KindsZoo.UnkeyedEmailHash), FindingKind.Enumeration);
            Assert.Matches(@"^email \S+@\S+ \(Customer\.Email, record #\d+\) is singled out by enumeration: an attacker who runs the [\d,]+ addresses made of common local parts and name patterns at \S+, and the population's own addresses .* matches SharedCustomer\.Token to exactly one candidate, the true one$", f.Message);
            Assert.Equal(1, f.Figure);
        }

        [Fact]
        public void A_publicly_salted_hash_of_the_name_is_found_by_enumerating_names()
        {
            Finding f = Only(Run(KindsZoo.PubliclySaltedNameHash), FindingKind.Enumeration);
            Assert.Matches(@"^name [^(]+ \(Customer\.FullName, record #\d+\) is singled out by enumeration: an attacker who runs the [\d,]+ names made of the first and last names", f.Message);
        }

        [Fact]
        public void A_truncated_hash_of_the_account_number_is_found_by_enumerating_its_neighbours()
        {
            Finding f = Only(Run(KindsZoo.TruncatedAccountHash), FindingKind.Enumeration);
            Assert.Contains("(Customer.AccountNumber, record #", f.Message);
            Assert.Contains("the 10,000 account-id values that share all but its last four digits", f.Message);
        }

        [Fact]
        public void A_reversible_encoding_of_the_ipv6_address_is_found_by_enumerating_its_slash_64()
        {
            Finding f = Only(Run(KindsZoo.XoredIPv6), FindingKind.Enumeration);
            Assert.Contains("(Customer.LastIPv6, record #", f.Message);
            Assert.Matches(@"addresses of its /64 [0-9a-f:]+ with the interface ids seen in the population", f.Message);
        }

        [Fact]
        public void A_hash_of_a_team_category_is_found_with_the_candidates_the_team_registered()
        {
            HarnessReport report = Run(KindsZoo.Md5LoyaltyCard, s => s.Candidates(
                "loyalty-card", v => Enumerable.Range(0, 1_000).Select(i => (object)KindsZoo.LoyaltyNeighbours((string)v, i))));
            Finding f = Only(report, FindingKind.Enumeration);
            Assert.Matches(@"^loyalty-card LOYALTY-CARD-\d{8} \(Customer\.LoyaltyCard, record #\d+\) is singled out by enumeration: an attacker who runs the 1,000 candidates of the generator registered for loyalty-card", f.Message);
        }

        [Fact]
        public void A_candidate_generator_that_throws_is_reported_by_name()
        {
            var spec = MinimizerSpec.For<Customer, SharedCustomer>(KindsZoo.Md5LoyaltyCard).Population(Customers)
                .Candidates("loyalty-card", v => throw new FormatException("bad card"));
            var e = Assert.Throws<InvalidOperationException>(() => spec.Evaluate(Seed));
            Assert.Equal("The candidate generator registered for category 'loyalty-card' threw FormatException: bad card", e.Message);
        }

        [Fact]
        public void A_keyed_hmac_from_the_context_resists_enumeration_of_every_kind()
        {
            HarnessReport report = Run(MinimizerSpec.For<Customer, SharedCustomer>(KindsZoo.KeyedEmail));
            Assert.True(report.Passed, report.Label);
            PropertyResult enumeration = Assert.Single(report.Properties, p => p.Kind == FindingKind.Enumeration);
            Assert.StartsWith("14 attacks;", enumeration.Measure);
        }

        [Fact]
        public void Keeping_the_email_local_part_singles_out_customers_and_says_how_many()
        {
            // A local part such as "mateo.harris" also carries the full name, and its hash is as enumerable as the address:
            // those are reported too, each by its own property.
            HarnessReport report = Run(KindsZoo.EmailLocalPart);
            Finding f = Assert.Single(report.Findings, x => x.Kind == FindingKind.PartialIdentifier);
            Assert.DoesNotContain(report.Findings, x => x.Kind is FindingKind.KAnonymity or FindingKind.Linkable or FindingKind.MinimizerThrew);
            Assert.Matches(@"^email \S+@\S+ \(Customer\.Email, record #\d+\) survives in part: its local part \(without the domain\) '[^']+' in SharedCustomer\.Token, and that part singles out [\d,]+ of 3,000 subjects in the population, this one among them$", f.Message);
            Assert.InRange(f.Figure!.Value, 2_000, 3_000);
        }

        [Fact]
        public void Keeping_all_but_the_last_octet_of_an_ipv4_address_singles_out_customers_whose_slash_24_is_their_own()
        {
            // A golden file whose customers each have their own /24 (fixed lines, small businesses).
            var customers = Enumerable.Range(0, 20).Select(i => new Customer
            {
                FullName = "Ana Silva", Email = "a" + i + "@example.org", AccountNumber = "AC1000000" + (i % 10), LastIPv6 = "2001:db8::" + (i + 1),
                LastIPv4 = "198.51." + (100 + i) + ".7", LoyaltyCard = "LOYALTY-CARD-1", PostalCode = "K1A 0B" + (i % 10), Plan = "basic",
            }).ToList();
            var e = Assert.Throws<MinimizerCheckException>(() => MinimizerSpec.For<Customer, SharedCustomer>(KindsZoo.IPv4AllButLastOctet).Check(customers));
            Finding f = Assert.Single(e.Report!.Findings);
            Assert.Equal(FindingKind.PartialIdentifier, f.Kind);
            Assert.Equal("ip 198.51.100.7 (Customer.LastIPv4, record #0) survives in part: its /24 (all but the last octet) '198.51.100' in SharedCustomer.Token, " +
                "and that part singles out 20 of 20 subjects in the population, this one among them", f.Message);
        }

        [Fact]
        public void A_slash_24_shared_by_a_providers_customers_singles_no_one_out_and_passes()
        {
            HarnessReport report = Run(KindsZoo.IPv4AllButLastOctet);
            Assert.True(report.Passed, report.Label);
            Assert.Contains("singles out 0 of 3,000 subjects", report.Properties.Single(p => p.Kind == FindingKind.PartialIdentifier).Measure);
        }

        [Fact]
        public void Keeping_the_household_slash_64_of_an_ipv6_address_singles_out_customers()
        {
            Finding f = Only(Run(KindsZoo.IPv6Slash64), FindingKind.PartialIdentifier);
            Assert.Contains("survives in part: its /64 prefix", f.Message);
        }

        [Fact]
        public void The_providers_slash_48_is_shared_and_passes()
        {
            HarnessReport report = Run(KindsZoo.IPv6Slash48);
            Assert.True(report.Passed, report.Label);
        }

        [Fact]
        public void Keeping_the_area_code_and_exchange_of_a_phone_is_not_a_partial_identifier()
        {
            HarnessReport report = MinimizerSpec.For<CallRecord, SharedCall>(r => new SharedCall(Zoo.Digits(r.CallerNumber).Substring(0, 6), Zoo.Region(r.TowerId), Zoo.Day(r), 0))
                .Population(ZooTests.Calls())
                .Evaluate(Seed);
            Assert.True(report.Passed, report.Label);
        }
    }
}
