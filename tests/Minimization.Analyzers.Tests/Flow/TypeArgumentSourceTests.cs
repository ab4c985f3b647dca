using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A value whose type is built over an identity-bearing type (<c>ISource&lt;Customer&gt;</c>, <c>List&lt;Customer&gt;</c>) carries
    /// that identity only when the type can hold or hand out a value of its type argument. A rule, comparer or handler of
    /// customers (every use of <c>T</c> a plain input) holds none. And an object interpolated through an interface writes
    /// what the <c>ToString()</c> of the type it can be writes (Reading 8), the type told by the members written into it.
    /// </summary>
    public sealed class TypeArgumentSourceTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using Minimization;

            [IdentityBearing]
            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                [NonIdentifying] public string Region { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void UploadText(string text) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }

            interface IRule<T>
            {
                bool Matches(T candidate);
            }

            interface ISource<T>
            {
                T Next();
            }

            sealed class RegionRule : IRule<Customer>
            {
                private readonly string _region;
                public RegionRule(string region) { _region = region; }
                public bool Matches(Customer candidate) => candidate.Region == _region;
                public override string ToString() => "region " + _region;
            }

            sealed class EmailRule : IRule<Customer>
            {
                private readonly string _email;
                public EmailRule(string email) { _email = email; }
                public bool Matches(Customer candidate) => candidate.Email == _email;
                public override string ToString() => "email " + $SHOWN;
            }
            """;

        [Fact]
        public Task A_rule_over_customers_that_only_takes_them_in_is_clean_when_sent_whole() => Check(Types.Replace("$SHOWN", "_email") + """

            static class Export
            {
                public static void Run(IRule<Customer> rule, IComparer<Customer> order)
                {
                    Partner.UploadText($"{rule}");
                    Partner.UploadText($"{order}");
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_source_of_customers_that_hands_them_out_is_reported_when_sent_whole() => Check(Types.Replace("$SHOWN", "_email") + """

            static class Export
            {
                public static void Run(ISource<Customer> source, List<Customer> all)
                {
                    Partner.UploadText({|#0:$"{source}"|});
                    Partner.UploadText({|#1:$"{all}"|});
                }
            }
            """, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task A_rule_made_from_the_raw_email_and_interpolated_through_its_interface_is_reported() => Check(Types.Replace("$SHOWN", "_email") + """

            static class Export
            {
                public static void Run(Customer c)
                {
                    IRule<Customer> rule = new EmailRule(c.Email);
                    Partner.UploadText({|#0:$"segment {rule}"|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_rule_whose_ToString_hashes_the_email_is_clean_when_interpolated_through_its_interface() => Check(Types.Replace("$SHOWN", "Privacy.Hash(_email)") + """

            static class Export
            {
                public static void Run(Customer c)
                {
                    IRule<Customer> rule = new EmailRule(c.Email);
                    IRule<Customer> region = new RegionRule(c.Region);
                    Partner.UploadText($"segment {rule} and {region}");
                }
            }
            """, withPrelude: false);
    }
}
