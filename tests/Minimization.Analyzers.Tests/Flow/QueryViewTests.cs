using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A deferred LINQ query over a local collection is a view of it: what is added to the collection after the query was
    /// built is what the query yields when it is enumerated. A query materialized first (<c>ToList</c>) is a copy, and a
    /// local that is given another query no longer views the first one's source.
    /// </summary>
    public sealed class QueryViewTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using System.Linq;
            using Minimization;

            sealed class Member
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public int Visits { get; set; }
            }

            static class Partner
            {
                [PartnerShare("acme")] public static void Send(string value) { }
            }

            """;

        private static Task Run(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) => Check(Types + """
            static class Job
            {
                public static void Run(IReadOnlyList<Member> members)
                {
                    var contacts = new List<string>();
            $BODY
                }
            }
            """.Replace("$BODY", body), withPrelude: false, expected);

        [Fact]
        public Task A_where_then_select_chain_built_before_the_list_is_filled_yields_the_emails_added_later() => Run("""
                    var shown = contacts.Where(c => c.Length > 3).Select(c => c.ToLowerInvariant());
                    foreach (var m in members) contacts.Add(m.Email);
                    foreach (var line in shown) Partner.Send({|#0:line|});
            """, Min001(0));

        [Fact]
        public Task A_query_materialized_before_the_list_is_filled_is_a_copy_and_clean() => Run("""
                    var shown = contacts.Select(c => c.ToLowerInvariant()).ToList();
                    foreach (var m in members) contacts.Add(m.Email);
                    foreach (var line in shown) Partner.Send(line);
            """);

        [Fact]
        public Task A_local_given_another_query_no_longer_views_the_filled_list() => Run("""
                    var other = new List<string> { "a", "b" };
                    var shown = contacts.Select(c => c.ToLowerInvariant());
                    shown = other.Select(c => c.ToUpperInvariant());
                    foreach (var m in members) contacts.Add(m.Email);
                    foreach (var line in shown) Partner.Send(line);
            """);
    }
}
