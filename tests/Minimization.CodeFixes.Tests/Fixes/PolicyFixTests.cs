using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Minimization.Analyzers;
using Xunit;
using Test = Minimization.CodeFixes.Tests.FixTest<Minimization.Analyzers.PolicyAnalyzer, Minimization.CodeFixes.PolicyCodeFixProvider>;

namespace Minimization.CodeFixes.Tests.Fixes
{
    /// <summary>MIN002 "Add policy", MIN003 "Replace", MIN008 "Use a safe argument".</summary>
    public class PolicyFixTests
    {
        private static DiagnosticResult Rule(string id, int markup) => new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(markup);

        private static string Record(string members) => """
            using System;
            using Minimization;

            namespace Telecom
            {
                [IdentityBearing, GenerateMinimizer("SharedCall")]
                public sealed partial class CallRecord
                {
            """ + "\n" + members + "\n" + """
                }
            }
            """;

        [Fact]
        public Task Add_policy_offers_Drop_first() => Test.Run(
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    public string {|#0:CallerNumber|} { get; init; } = "";
            """),
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    [Drop]
                    public string CallerNumber { get; init; } = "";
            """),
            actionIndex: 0,
            expected: Rule("MIN002", 0));

        [Fact]
        public Task Add_policy_offers_each_minimizing_policy_that_fits_with_safe_arguments() => Test.Run(
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    public string {|#0:CallerNumber|} { get; init; } = "";
            """),
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    [Pseudonymize(Rotation = KeyRotation.Daily)]
                    public string CallerNumber { get; init; } = "";
            """),
            actionIndex: 1,
            expected: Rule("MIN002", 0));

        [Fact]
        public async Task Add_policy_titles_name_the_policy_and_a_date_gets_time_truncation()
        {
            var test = new Test
            {
                TestCode = Record("""
                        [IdentityBearing(IdentityCategory.Timestamp)]
                        public DateTime {|#0:StartedAt|} { get; init; }
                """),
                FixedCode = Record("""
                        [IdentityBearing(IdentityCategory.Timestamp)]
                        [TruncateTime(TimeGranularity.Day)]
                        public DateTime StartedAt { get; init; }
                """),
                CodeActionIndex = 1,
                CodeActionEquivalenceKey = "MIN002:TruncateTime",
                CodeActionVerifier = (action, verifier) => verifier.Equal("Add policy [TruncateTime(TimeGranularity.Day)]", action.Title),
            };
            test.ExpectedDiagnostics.Add(Rule("MIN002", 0));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Add_policy_on_a_positional_record_parameter() => Test.Run(
            """
            using Minimization;

            namespace Telecom
            {
                [IdentityBearing, GenerateMinimizer("SharedSubscriber")]
                public sealed partial record Subscriber([IdentityBearing(IdentityCategory.Name)] string {|#0:Name|}, [Drop] string Email);
            }
            """,
            """
            using Minimization;

            namespace Telecom
            {
                [IdentityBearing, GenerateMinimizer("SharedSubscriber")]
                public sealed partial record Subscriber([IdentityBearing(IdentityCategory.Name)][Drop] string Name, [Drop] string Email);
            }
            """,
            actionIndex: 0,
            expected: Rule("MIN002", 0));

        [Fact]
        public Task Fix_All_adds_the_chosen_policy_to_every_member_without_one() => Test.Run(
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    public string {|#0:CallerNumber|} { get; init; } = "";

                    [IdentityBearing(IdentityCategory.Phone)]
                    public string {|#1:CalleeNumber|} { get; init; } = "";
            """),
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    [Drop]
                    public string CallerNumber { get; init; } = "";

                    [IdentityBearing(IdentityCategory.Phone)]
                    [Drop]
                    public string CalleeNumber { get; init; } = "";
            """),
            actionIndex: 0,
            equivalenceKey: "MIN002:Drop",
            expected: new[] { Rule("MIN002", 0), Rule("MIN002", 1) });

        [Fact]
        public Task Policy_that_does_not_fit_is_replaced_by_one_that_does() => Test.Run(
            Record("""
                    [IdentityBearing(IdentityCategory.Timestamp)]
                    [{|#0:KeepPrefix(3)|}]
                    public DateTime StartedAt { get; init; }
            """),
            Record("""
                    [IdentityBearing(IdentityCategory.Timestamp)]
                    [TruncateTime(TimeGranularity.Day)]
                    public DateTime StartedAt { get; init; }
            """),
            actionIndex: 1,
            expected: Rule("MIN003", 0));

        [Fact]
        public Task Keep_without_justification_is_replaced_by_a_minimizing_policy() => Test.Run(
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    [{|#0:Keep|}]
                    public string CallerNumber { get; init; } = "";
            """),
            Record("""
                    [IdentityBearing(IdentityCategory.Phone)]
                    [Drop]
                    public string CallerNumber { get; init; } = "";
            """),
            actionIndex: 0,
            expected: Rule("MIN004", 0));

        [Fact]
        public async Task Multiple_policies_offer_to_keep_only_one_of_those_that_fit()
        {
            // [KeepPrefix] does not fit a DateTime: only [Drop] and [TruncateTime] are offered, in declaration order.
            var test = new Test
            {
                TestCode = Record("""
                        [IdentityBearing(IdentityCategory.Timestamp)]
                        [Drop]
                        [KeepPrefix(3)]
                        [TruncateTime(TimeGranularity.Hour)]
                        public DateTime {|#0:StartedAt|} { get; init; }
                """),
                FixedCode = Record("""
                        [IdentityBearing(IdentityCategory.Timestamp)]
                        [TruncateTime(TimeGranularity.Hour)]
                        public DateTime StartedAt { get; init; }
                """),
                CodeActionIndex = 1,
                CodeActionEquivalenceKey = "MIN005:TruncateTime",
                CodeActionVerifier = (action, verifier) => verifier.Equal("Keep only [TruncateTime(TimeGranularity.Hour)]", action.Title),
            };
            test.ExpectedDiagnostics.Add(Rule("MIN005", 0));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("[IdentityBearing(IdentityCategory.Phone)] [{|#0:KeepPrefix(9, Unit = PrefixUnit.Digits)|}] public string Caller { get; init; } = \"\";", "[IdentityBearing(IdentityCategory.Phone)] [KeepPrefix(3, Unit = PrefixUnit.Digits)] public string Caller { get; init; } = \"\";")]
        [InlineData("[NonIdentifying] [{|#0:Bucket(0)|}] public int Duration { get; init; }", "[NonIdentifying] [Bucket(10)] public int Duration { get; init; }")]
        [InlineData("[IdentityBearing(IdentityCategory.IpAddress)] [{|#0:MaskIpAddress(IPv4PrefixLength = 32)|}] public string Ip { get; init; } = \"\";", "[IdentityBearing(IdentityCategory.IpAddress)] [MaskIpAddress] public string Ip { get; init; } = \"\";")]
        [InlineData("[IdentityBearing(IdentityCategory.Geo)] [{|#0:SnapToGrid(0)|}] public double Latitude { get; init; }", "[IdentityBearing(IdentityCategory.Geo)] [SnapToGrid(0.1)] public double Latitude { get; init; }")]
        [InlineData("[IdentityBearing(IdentityCategory.Phone)] [{|#0:Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = \"Nowhere\")|}] public string Caller { get; init; } = \"\";", "[IdentityBearing(IdentityCategory.Phone)] [Pseudonymize(Rotation = KeyRotation.Daily)] public string Caller { get; init; } = \"\";")]
        public Task Invalid_argument_gets_a_safe_value(string member, string fixedMember) => Test.Run(
            Record("        " + member), Record("        " + fixedMember), actionIndex: 0, expected: Rule("MIN008", 0));

        [Fact]
        public async Task Boundaries_have_no_safe_value_so_no_action_is_offered()
        {
            var source = Record("""
                    [NonIdentifying]
                    [{|#0:BucketBoundaries(10, 5)|}]
                    public int Age { get; init; }
            """);
            var test = new Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Rule("MIN008", 0));
            test.FixedState.ExpectedDiagnostics.Add(Rule("MIN008", 0));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Inherited_member_reported_on_the_derived_type_gets_no_action()
        {
            var source = """
                using Minimization;

                namespace Telecom
                {
                    public abstract class Party
                    {
                        [IdentityBearing(IdentityCategory.Name)] public string Name { get; init; } = "";
                    }

                    [IdentityBearing, GenerateMinimizer("SharedCaller")]
                    public sealed partial class {|#0:Caller|} : Party
                    {
                        [Drop] public string Phone { get; init; } = "";
                    }
                }
                """;
            var test = new Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Rule("MIN002", 0));
            test.FixedState.ExpectedDiagnostics.Add(Rule("MIN002", 0));
            await test.RunAsync(CancellationToken.None);
        }
    }
}
