using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Robustness
{
    /// <summary>Incomplete code as the IDE sees it while the user types: the analyzer must never throw.</summary>
    public class RobustnessTests
    {
        [Fact]
        public Task Half_typed_call_to_sink_is_reported_while_typing() => Broken("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send({|#0:r.CallerNumber|}
                }
            }
            """, Min001(0));

        [Fact]
        public Task Unknown_types_and_members_do_not_crash() => Broken("""
            using Telecom;
            class Job
            {
                void Run(Missing m, CallRecord r)
                {
                    var x = m.Whatever(r.CallerNumber);
                    PartnerGateway.Send(x.Nope);
                    Undefined.Send(r.CallerNumber);
                }
            }
            """);

        [Fact]
        public Task Identity_into_error_typed_call_still_reaches_known_sink() => Broken("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    var x = Unknown.Wrap(r.CallerNumber);
                    PartnerGateway.Send({|#0:r.CallerNumber|});
                }
            }
            """, Min001(0));

        [Fact]
        public Task Method_without_body_and_dangling_tokens_do_not_crash() => Broken("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                void Other() { PartnerGateway.Send(; }
                int P => ;
                }
            """);

        [Fact]
        public async Task Compilation_without_annotations_gets_no_diagnostics()
        {
            var test = new Test
            {
                TestCode = """
                    class Job
                    {
                        void Run(string phone) => System.Console.WriteLine(phone);
                    }
                    """,
                WithoutAnnotations = true,
            };
            await test.RunAsync();
        }

        [Fact]
        public Task Recursive_methods_terminate() => Check("""
            using Telecom;
            class Job
            {
                string Loop(string s, int n) => n == 0 ? s : Loop(s + "x", n - 1);
                string Ping(string s, int n) => n == 0 ? s : Pong(s, n - 1);
                string Pong(string s, int n) => Ping(s, n);
                void Run(CallRecord r)
                {
                    PartnerGateway.Send({|#0:Loop(r.CallerNumber, 3)|});
                    PartnerGateway.Send({|#1:Ping(r.TowerId, 3)|});
                    PartnerGateway.Send(Loop("clean", 3));
                }
            }
            """, Min001(0), Min001(1));
    }
}
