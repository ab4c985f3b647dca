using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>MIN001 through async/await, Task&lt;T&gt;, iterators and LINQ (method and query syntax).</summary>
    public class AsyncIteratorLinqTests
    {
        [Fact]
        public Task Awaited_async_helper_returning_identity_is_reported() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                async Task<string> LookupCallerAsync(CallRecord r)
                {
                    await Task.Delay(1);
                    return r.CallerNumber;
                }

                async Task RunAsync(CallRecord r) => PartnerGateway.Send({|#0:await LookupCallerAsync(r)|});
            }
            """, Min001(0));

        [Fact]
        public Task Task_FromResult_of_identity_is_reported_when_awaited() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                Task<string> CachedTowerAsync(CallRecord r) => Task.FromResult(r.TowerId);

                async Task RunAsync(CallRecord r)
                {
                    var tower = await CachedTowerAsync(r);
                    PartnerGateway.Send({|#0:tower|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Async_helper_that_sends_its_parameter_is_reported_at_the_callers_argument() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                async Task ShareAsync(string payload)
                {
                    await Task.Yield();
                    PartnerGateway.Send(payload);
                }

                async Task RunAsync(CallRecord r)
                {
                    await ShareAsync({|#0:r.CallerNumber|});
                    await ShareAsync(r.Region);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Awaited_async_helper_returning_a_clean_member_is_clean() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                async Task<int> DurationAsync(CallRecord r)
                {
                    await Task.Delay(1);
                    return r.DurationSeconds;
                }

                async Task RunAsync(CallRecord r) => PartnerGateway.Send(await DurationAsync(r));
            }
            """);

        [Fact]
        public Task Task_Run_result_carries_identity() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                void Run(CallRecord r)
                {
                    var lookup = Task.Run(() => r.CalleeNumber);
                    PartnerGateway.Send({|#0:lookup.Result|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Async_helper_awaited_with_ConfigureAwait_carries_identity() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                async Task<string> LookupAsync(Subscriber s)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return s.Email;
                }

                async Task RunAsync(Subscriber s, IPartnerChannel channel)
                {
                    var email = await LookupAsync(s).ConfigureAwait(false);
                    channel.Publish({|#0:email|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Task_WhenAll_results_carry_identity() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                async Task<string> LookupAsync(CallRecord r)
                {
                    await Task.Yield();
                    return r.CallerNumber;
                }

                async Task RunAsync(CallRecord a, CallRecord b)
                {
                    var numbers = await Task.WhenAll(LookupAsync(a), LookupAsync(b));
                    PartnerGateway.Send({|#0:numbers[0]|});
                    PartnerGateway.Send(numbers.Length);
                }
            }
            """, Min001(0));

        [Fact]
        public Task Iterator_yielding_identity_is_reported_in_the_consuming_foreach() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CdrJob
            {
                IEnumerable<string> Numbers(IEnumerable<CallRecord> calls)
                {
                    foreach (var c in calls)
                    {
                        yield return c.CallerNumber;
                    }
                }

                void Run(IEnumerable<CallRecord> calls)
                {
                    foreach (var number in Numbers(calls))
                    {
                        PartnerGateway.Send({|#0:number|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Iterator_yielding_clean_members_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CdrJob
            {
                IEnumerable<string> Regions(IEnumerable<CallRecord> calls)
                {
                    foreach (var c in calls)
                    {
                        yield return c.Region;
                    }
                }

                void Run(IEnumerable<CallRecord> calls)
                {
                    foreach (var region in Regions(calls))
                    {
                        PartnerGateway.Send(region);
                    }
                }
            }
            """);

        [Fact]
        public Task Async_iterator_yielding_identity_is_reported_in_await_foreach() => Check("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Telecom;
            class MailJob
            {
                async IAsyncEnumerable<string> SendersAsync(IEnumerable<EmailHeader> headers)
                {
                    foreach (var h in headers)
                    {
                        await Task.Yield();
                        yield return h.From;
                    }
                }

                async Task RunAsync(IEnumerable<EmailHeader> headers, IPartnerChannel channel)
                {
                    await foreach (var from in SendersAsync(headers))
                    {
                        channel.Publish({|#0:from|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Select_of_an_identity_member_then_ToList_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var numbers = calls.Select(c => c.CallerNumber).ToList();
                    PartnerGateway.Send({|#0:numbers|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Select_of_a_clean_member_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var regions = calls.Select(c => c.Region).ToList();
                    PartnerGateway.Send(regions);
                    PartnerGateway.Send(calls.Select(c => c.DurationSeconds).Sum());
                }
            }
            """);

        [Fact]
        public Task Where_then_First_keeps_the_identity_of_the_elements() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var numbers = calls.Select(c => c.CalleeNumber);
                    var ukNumber = numbers.Where(n => n.StartsWith("+44")).First();
                    PartnerGateway.Send({|#0:ukNumber|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Count_and_Any_over_identity_are_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(List<CallRecord> calls)
                {
                    var numbers = calls.Select(c => c.CallerNumber).ToList();
                    PartnerGateway.Send(numbers.Count());
                    PartnerGateway.Send(numbers.Count);
                    PartnerGateway.Send(numbers.Distinct().Count());
                    PartnerGateway.Send(calls.Any(c => c.CallerNumber == "+15555550123"));
                    PartnerGateway.Send(numbers.Any());
                }
            }
            """);

        [Fact]
        public Task ToDictionary_keyed_by_identity_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var secondsByTower = calls.ToDictionary(c => c.TowerId, c => c.DurationSeconds);
                    PartnerGateway.Send({|#0:secondsByTower|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task ToDictionary_value_read_back_by_key_carries_identity() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class MailJob
            {
                void Run(IEnumerable<Subscriber> subscribers, IPartnerChannel channel)
                {
                    var emailByPlan = subscribers.ToDictionary(s => s.Plan, s => s.Email);
                    channel.Publish({|#0:emailByPlan["gold"]|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Query_syntax_selecting_identity_is_reported() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var longCalls = from c in calls
                                    where c.DurationSeconds > 600
                                    select c.CalleeNumber;
                    foreach (var number in longCalls)
                    {
                        PartnerGateway.Send({|#0:number|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Query_syntax_filtering_on_identity_but_selecting_clean_members_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var regions = from c in calls
                                  where c.CallerNumber.StartsWith("+1")
                                  orderby c.TowerId
                                  select c.Region;
                    PartnerGateway.Send(regions.ToList());
                }
            }
            """);

        [Fact]
        public Task Query_syntax_projection_to_an_anonymous_type_leaks_its_identity_member() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var rows = from c in calls select new { c.Region, c.TowerId };
                    foreach (var row in rows)
                    {
                        PartnerGateway.Send({|#0:row.TowerId|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task Query_syntax_projection_to_an_anonymous_type_keeps_its_clean_member_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var rows = from c in calls select new { c.Region, c.TowerId, Seconds = c.DurationSeconds };
                    foreach (var row in rows)
                    {
                        PartnerGateway.Send(row.Region);
                        PartnerGateway.Send(row.Seconds);
                    }
                }
            }
            """);

        [Fact]
        public Task Select_through_a_minimizer_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var tokens = calls.Select(c => Minimizers.Pseudonymize(c.CallerNumber, "US")).ToList();
                    PartnerGateway.Send(tokens);
                    PartnerGateway.SendAll(calls.Select(Minimizers.Minimize).ToArray());
                }
            }
            """);

        [Fact]
        public Task OrderBy_an_identity_key_then_selecting_a_clean_member_is_clean() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var durations = calls.OrderBy(c => c.CallerNumber).Select(c => c.DurationSeconds).ToList();
                    PartnerGateway.Send(durations);
                }
            }
            """);

        [Fact]
        public Task Async_lambda_result_carries_identity_when_awaited() => Check("""
            using System;
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                async Task RunAsync(CallRecord r)
                {
                    Func<Task<string>> lookup = async () =>
                    {
                        await Task.Yield();
                        return r.CalleeNumber;
                    };
                    PartnerGateway.Send({|#0:await lookup()|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task GroupBy_on_an_identity_key_exposes_the_key() => Check("""
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class CdrJob
            {
                void Run(IEnumerable<CallRecord> calls)
                {
                    var busiest = calls.GroupBy(c => c.TowerId).OrderByDescending(g => g.Count()).First();
                    PartnerGateway.Send({|#0:busiest.Key|});
                    PartnerGateway.Send(busiest.Count());
                }
            }
            """, Min001(0));

        [Fact]
        public Task Iterator_yielding_minimized_values_is_clean() => Check("""
            using System.Collections.Generic;
            using Telecom;
            class CdrJob
            {
                IEnumerable<string> Tokens(IEnumerable<CallRecord> calls)
                {
                    foreach (var c in calls)
                    {
                        yield return Minimizers.Pseudonymize(c.CallerNumber, "NZ");
                    }
                }

                void Run(IEnumerable<CallRecord> calls, PartnerFeed feed)
                {
                    foreach (var token in Tokens(calls))
                    {
                        feed.Payload = token;
                    }
                }
            }
            """);

        [Fact]
        public Task Task_FromResult_of_a_clean_member_is_clean() => Check("""
            using System.Threading.Tasks;
            using Telecom;
            class CdrJob
            {
                Task<string> RegionAsync(CallRecord r) => Task.FromResult(r.Region);

                async Task RunAsync(CallRecord r) => PartnerGateway.Send(await RegionAsync(r));
            }
            """);
    }
}
