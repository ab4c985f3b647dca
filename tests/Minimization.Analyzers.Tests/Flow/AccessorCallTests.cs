using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// An assignment to a property or indexer with a body of its own calls its setter: what the setter stores into its backing
    /// field or collection is what another method reads back through the getter.
    /// </summary>
    public sealed class AccessorCallTests
    {
        private const string Types = """
            using Minimization;

            sealed class Subscriber
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Token(string value) => "t";
            }
            """;

        [Fact]
        public Task A_value_set_through_a_trimming_setter_is_reported_where_another_method_reads_the_property() => Check(Types + """

            sealed class Contact
            {
                private string _number = "";
                public string Number { get => _number; set => _number = value.Trim(); }
            }

            sealed class Exporter
            {
                private readonly Contact _contact = new Contact();
                public void Remember(Subscriber s) => _contact.Number = s.Msisdn;
                public void Export() => Partner.Send({|#0:_contact.Number|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_value_stored_through_an_own_indexer_is_reported_where_another_method_reads_it_back() => Check(Types + """

            sealed class Directory
            {
                private readonly System.Collections.Generic.Dictionary<string, string> _numbers = new();
                public string this[string key] { get => _numbers[key]; set => _numbers[key] = value; }
            }

            sealed class Exporter
            {
                private readonly Directory _directory = new Directory();
                public void Remember(Subscriber s) => _directory["main"] = s.Msisdn;
                public void Export() => Partner.Send({|#0:_directory["main"]|});
            }
            """, withPrelude: false, Min001(0));
    }
}
