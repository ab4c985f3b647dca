using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 10: a library call passes identity into the collections it fills. A collection is filled by the calls that
    /// store what they are given (adding, inserting, enqueuing, setting, merging in, copying into); a lookup, a test or a
    /// removal by key or element puts nothing into it. Builders, streams and writers hold whatever they are given.
    /// </summary>
    public class CollectionStoreTests
    {
        [Fact]
        public Task A_list_a_number_is_looked_up_in_or_removed_from_does_not_hold_the_number() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Blocklist
            {
                void Check(CallRecord r)
                {
                    var blocked = new List<string> { "0000" };
                    if (blocked.Contains(r.CallerNumber) || blocked.IndexOf(r.CalleeNumber) >= 0)
                    {
                        blocked.Remove(r.CallerNumber);
                    }

                    PartnerGateway.Send(string.Join(",", blocked));
                }
            }
            """);

        [Fact]
        public Task A_dictionary_looked_up_by_a_number_does_not_hold_the_number() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Tariffs
            {
                void Price(CallRecord r)
                {
                    var tariffs = new Dictionary<string, int> { ["UK"] = 3 };
                    if (!tariffs.TryGetValue(r.CallerNumber, out _) && !tariffs.ContainsKey(r.CalleeNumber))
                    {
                        tariffs.Remove(r.CallerNumber);
                    }

                    PartnerGateway.Send(string.Join(",", tariffs.Keys));
                }
            }
            """);

        [Fact]
        public Task Numbers_inserted_into_a_list_by_range_are_reported_where_the_list_is_sent() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Batch
            {
                void Run(CallRecord r)
                {
                    var numbers = new List<string> { "header" };
                    numbers.InsertRange(0, new[] { r.CallerNumber });
                    PartnerGateway.Send({|#0:string.Join(",", numbers)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_set_merged_with_numbers_by_UnionWith_is_reported_where_it_is_sent() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Batch
            {
                void Run(CallRecord r)
                {
                    var numbers = new HashSet<string>();
                    numbers.UnionWith(new[] { r.CalleeNumber });
                    PartnerGateway.Send({|#0:string.Join(",", numbers)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_set_field_merged_with_numbers_in_one_method_is_reported_where_another_method_sends_it() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Blocklist
            {
                private readonly HashSet<string> _blocked = new();

                public void Toggle(CallRecord r) => _blocked.SymmetricExceptWith(new[] { r.CallerNumber });

                public void Publish()
                {
                    foreach (var number in _blocked)
                    {
                        PartnerGateway.Send({|#0:number|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task An_array_a_list_of_numbers_is_copied_into_is_reported_where_the_array_is_sent() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class Batch
            {
                void Run(CallRecord r)
                {
                    var numbers = new List<string> { r.CallerNumber };
                    var copy = new string[1];
                    numbers.CopyTo(copy, 0);
                    PartnerGateway.Send({|#0:string.Join(",", copy)|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task A_builder_holds_what_any_of_its_calls_is_given_including_a_replacement() => Check("""
            using System.Text;
            using Telecom;
            class Template
            {
                void Run(CallRecord r)
                {
                    var text = new StringBuilder("caller: {caller}");
                    text.Replace("{caller}", r.CallerNumber);
                    PartnerGateway.Send({|#0:text.ToString()|});
                }
            }
            """, Min001(0));
    }
}
