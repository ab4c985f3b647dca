using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// What a <c>finally</c> of one block does reaches the code after the <c>try</c> (an overwrite clears, a store fills); a
    /// call through an interface reaches the override of the abstract base method that implements it.
    /// </summary>
    public sealed class FinallyAndBaseDispatchTests
    {
        private const string Types = """
            using System;
            using Minimization;

            sealed class Customer
            {
                [IdentityBearing("email")] public string Email { get; set; } = "";
                public string Country { get; set; } = "";
            }

            static class Partner
            {
                [PartnerShare("UK")] public static void Send(string value) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Hash(string value) => "h";
            }
            """;

        [Fact]
        public Task A_finally_that_stores_identity_fills_what_is_sent_after_the_try() => Check(Types + """

            sealed class Export
            {
                public void Run(Customer c)
                {
                    string line = "none";
                    try { Console.WriteLine("exporting"); }
                    finally { line = c.Email; }
                    Partner.Send({|#0:line|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_finally_that_minimizes_clears_what_is_sent_after_the_try() => Check(Types + """

            sealed class Export
            {
                public void Run(Customer c)
                {
                    string line = c.Email;
                    try { Console.WriteLine("exporting"); }
                    finally { line = Privacy.Hash(line); }
                    Partner.Send(line);
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_finally_that_minimizes_only_on_one_branch_does_not_clear() => Check(Types + """

            sealed class Export
            {
                public void Run(Customer c, bool hash)
                {
                    string line = c.Email;
                    try { Console.WriteLine("exporting"); }
                    finally
                    {
                        if (hash)
                        {
                            line = Privacy.Hash(line);
                        }
                    }

                    Partner.Send({|#0:line|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_call_through_an_interface_runs_the_override_of_the_abstract_base_method_implementing_it() => Check(Types + """

            interface ISink { void Put(string s); }
            abstract class SinkBase : ISink { public abstract void Put(string s); }
            sealed class PartnerSink : SinkBase { public override void Put(string s) => Partner.Send(s); }
            sealed class QuietSink : SinkBase { public override void Put(string s) { } }

            sealed class Use
            {
                public void Run(Customer c, ISink sink) => sink.Put({|#0:c.Email|});
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_call_through_an_interface_whose_overrides_all_stay_quiet_is_clean() => Check(Types + """

            interface ISink { void Put(string s); }
            abstract class SinkBase : ISink { public abstract void Put(string s); }
            sealed class QuietSink : SinkBase { public override void Put(string s) { } }
            sealed class CountingSink : SinkBase { public int Count; public override void Put(string s) => Count++; }

            sealed class Use
            {
                public void Run(Customer c, ISink sink) => sink.Put(c.Email);
            }
            """, withPrelude: false);
    }
}
