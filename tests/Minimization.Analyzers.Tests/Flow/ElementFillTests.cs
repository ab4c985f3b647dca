using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 5 one level down: a list filled in place while it is an element of another collection
    /// (<c>_batches[partner].Add(line)</c>, <c>rows[0].Add(x)</c>) fills that collection, which holds what its elements hold.
    /// And a task's structure passes <c>ConfigureAwait</c> unchanged: the scalar element of an awaited tuple stays clean.
    /// </summary>
    public sealed class ElementFillTests
    {
        private const string Types = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Minimization;

            sealed class Caller
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public int Tier { get; set; }
            }

            static class Partner
            {
                [PartnerShare("ally")] public static void Publish(string text) { }
                [PartnerShare("ally")] public static void PublishCount(int count) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Pseudonym(string value) => "p";
            }

            """;

        [Fact]
        public Task A_line_added_to_a_list_inside_a_dictionary_field_is_reported_where_the_batch_is_flushed() => Check(Types + """
            sealed class Batcher
            {
                private readonly Dictionary<string, List<string>> _batches = new();

                public void Add(string partner, Caller c)
                {
                    if (!_batches.ContainsKey(partner))
                    {
                        _batches[partner] = new List<string>();
                    }

                    _batches[partner].Add(c.Msisdn);
                }

                public void Flush(string partner)
                {
                    if (_batches.TryGetValue(partner, out var batch))
                    {
                        Partner.Publish({|#0:string.Join("\n", batch)|});
                    }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_pseudonym_added_to_a_list_inside_a_dictionary_field_is_clean_where_the_batch_is_flushed() => Check(Types + """
            sealed class Batcher
            {
                private readonly Dictionary<string, List<string>> _batches = new();

                public void Add(string partner, Caller c)
                {
                    _batches.TryAdd(partner, new List<string>());
                    _batches[partner].Add(Privacy.Pseudonym(c.Msisdn));
                }

                public void Flush(string partner)
                {
                    if (_batches.TryGetValue(partner, out var batch))
                    {
                        Partner.Publish(string.Join("\n", batch));
                    }
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task Lines_added_to_the_lists_of_a_local_list_of_lists_and_an_array_of_lists_are_reported() => Check(Types + """
            static class Report
            {
                public static void Run(Caller c)
                {
                    var rows = new List<List<string>> { new List<string>() };
                    rows[0].Add(c.Msisdn);
                    Partner.Publish({|#0:string.Join(";", rows[0])|});

                    var slots = new[] { new List<string>() };
                    slots[0].Add(c.Msisdn);
                    Partner.Publish({|#1:string.Join(";", slots[0])|});
                }
            }
            """, withPrelude: false, Min001(0), Min001(1));

        [Fact]
        public Task The_count_element_of_an_awaited_tuple_after_ConfigureAwait_is_clean_beside_the_raw_number() => Check(Types + """
            sealed class Resolver
            {
                private static async Task<(string Contact, int Attempts)> ResolveAsync(Caller c)
                {
                    await Task.Yield();
                    return (c.Msisdn, c.Tier + 1);
                }

                public async Task ShareAsync(Caller c)
                {
                    var (contact, attempts) = await ResolveAsync(c).ConfigureAwait(false);
                    Partner.PublishCount(attempts);
                    Partner.Publish({|#0:contact|});
                }
            }
            """, withPrelude: false, Min001(0));
        [Fact]
        public Task Grouping_a_query_that_still_holds_its_lambdas_keeps_the_number_in_the_key() => Check("using System;\nusing System.Linq;\n" + Types + """
            sealed class Row
            {
                [IdentityBearing("phone")] public string Msisdn { get; set; } = "";
                public string Region { get; set; } = "";
            }

            sealed class Line
            {
                public string Msisdn { get; set; } = "";
                public string Region { get; set; } = "";
            }

            sealed class Query
            {
                // The context's type is not there (a half-restored project): the query's operators do not bind, and the
                // value it builds keeps the lambdas it was given.
                public IQueryable<Row> Run({|#1:MissingContext|} db)
                    => from c in db.Callers
                       where c.Active
                       select new Row { Msisdn = c.Number, Region = c.Region };
            }

            static class Report
            {
                public static void Run(object context)
                {
                    var lines = (from r in new Query().Run(null!)
                                 group r by new { r.Msisdn, r.Region } into g
                                 select new Line { Msisdn = g.Key.Msisdn, Region = g.Key.Region }).ToList();
                    foreach (var line in lines)
                    {
                        Partner.Publish({|#0:line.Msisdn|});
                    }
                }
            }
            """, withPrelude: false, Min001(0), DiagnosticResult.CompilerError("CS0246").WithLocation(1).WithArguments("MissingContext"));
    }
}
