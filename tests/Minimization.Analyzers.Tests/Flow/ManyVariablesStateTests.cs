using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// The state of a method is shared between the copies its blocks make until one of them writes (copy on write, by chunks
    /// of slots). What one branch writes must never show in its sibling branch, in the state the branches started from, or in
    /// a loop's next round before it is written there; and a method with more variables than the first chunks cover (over a
    /// thousand) keeps them all apart.
    /// </summary>
    public sealed class ManyVariablesStateTests
    {
        private const string Types = SmallProgram.Types;

        private static Task Run(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) => Check(Types + """
            static class Job
            {
                public static void Run(Member m, bool flag, int n)
                {
            $BODY
                }
            }
            """.Replace("$BODY", body), withPrelude: false, expected);

        /// <summary>Declares <paramref name="count"/> locals, each given a constant, so the method has that many slots.</summary>
        private static string Locals(int count) => string.Join("\n", Enumerable.Range(0, count).Select(i => $"        var v{i} = \"c{i}\";"));

        [Fact]
        public Task A_write_in_one_branch_does_not_show_in_the_sibling_branch_that_sends() => Run("""
                    var text = "none";
                    var other = "none";
                    if (flag)
                    {
                        text = m.Email;
                    }
                    else
                    {
                        other = text;
                        Partner.Send(text);
                    }

                    Partner.Send(other);
            """);

        [Fact]
        public Task A_write_in_one_branch_reaches_the_join_after_both_branches() => Run("""
                    var text = "none";
                    if (flag)
                    {
                        text = m.Email;
                    }
                    else
                    {
                        text = Mask.Hash(m.Email);
                    }

                    Partner.Send({|#0:text|});
            """, Min001(0));

        [Fact]
        public Task A_loop_that_carries_the_email_into_a_variable_reports_the_send_at_the_top_of_its_next_round() => Run("""
                    var previous = "none";
                    for (var i = 0; i < n; i++)
                    {
                        Partner.Send({|#0:previous|});
                        previous = m.Email;
                    }
            """, Min001(0));

        [Fact]
        public Task A_loop_that_minimizes_before_the_send_in_every_round_is_clean() => Run("""
                    var previous = "none";
                    for (var i = 0; i < n; i++)
                    {
                        previous = Mask.Hash(previous);
                        Partner.Send(previous);
                        previous = m.Email;
                    }
            """);

        [Fact]
        public Task The_email_in_the_last_of_twelve_hundred_variables_reaches_the_send_after_a_loop_and_branches() => Run(Locals(1200) + """

                    for (var i = 0; i < n; i++)
                    {
                        if (flag)
                        {
                            v1199 = m.Email;
                        }
                        else
                        {
                            v3 = v1198;
                        }
                    }

                    Partner.Send(v3);
                    Partner.Send(v1198);
                    Partner.Send({|#0:v1199|});
            """, Min001(0));

        [Fact]
        public Task Twelve_hundred_variables_that_one_branch_fills_and_the_other_sends_stay_apart() => Run(Locals(1200) + """

                    if (flag)
                    {
                        v1100 = m.Email;
                        v5 = m.Email;
                    }
                    else
                    {
                        Partner.Send(v1100);
                        Partner.Send(v5);
                    }

                    v1100 = Mask.Hash(v1100);
                    Partner.Send(v1100);
                    Partner.Send({|#0:v5|});
            """, Min001(0));
    }
}
