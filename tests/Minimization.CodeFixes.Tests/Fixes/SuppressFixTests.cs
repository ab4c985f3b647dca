using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Minimization.Analyzers;
using Xunit;
using FlowTest = Minimization.CodeFixes.Tests.FixTest<Minimization.Analyzers.IdentityFlowAnalyzer, Minimization.CodeFixes.SuppressWithJustificationCodeFixProvider>;
using PolicyTest = Minimization.CodeFixes.Tests.FixTest<Minimization.Analyzers.PolicyAnalyzer, Minimization.CodeFixes.SuppressWithJustificationCodeFixProvider>;

namespace Minimization.CodeFixes.Tests.Fixes
{
    /// <summary>"Suppress MINnnn with a justification".</summary>
    public class SuppressFixTests
    {
        private static DiagnosticResult Min001(int markup) => new DiagnosticResult(RuleIdentifiers.IdentityReachesPartner, DiagnosticSeverity.Error).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        private static DiagnosticResult Min013(int markup) => new DiagnosticResult(RuleIdentifiers.UnjustifiedSuppression, DiagnosticSeverity.Warning).WithLocation(markup);

        private const string Gateway = """

            public sealed class CallRecord
            {
                [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; init; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string CalleeNumber { get; init; } = "";
            }

            public static class AuGateway { [PartnerShare("AU")] public static void Send(object payload) { } }
            """;

        [Fact]
        public async Task Suppression_goes_on_the_method_with_the_placeholder_that_MIN013_keeps_reporting()
        {
            var test = new FlowTest
            {
                TestCode = """
                    using Minimization;

                    public static class Repatriation
                    {
                        /// <summary>Returns the numbers to their owner.</summary>
                        public static void ReturnToOwner(CallRecord record)
                        {
                            AuGateway.Send({|#0:record.CallerNumber|});
                        }
                    }
                    """ + Gateway,
                FixedCode = """
                    using System.Diagnostics.CodeAnalysis;
                    using Minimization;

                    public static class Repatriation
                    {
                        /// <summary>Returns the numbers to their owner.</summary>
                        [{|#1:SuppressMessage("Minimization", "MIN001", Justification = "TODO: why this is acceptable, with a reference a reviewer can check")|}]
                        public static void ReturnToOwner(CallRecord record)
                        {
                            AuGateway.Send(record.CallerNumber);
                        }
                    }
                    """ + Gateway,
                CodeActionVerifier = (action, verifier) => verifier.Equal("Suppress MIN001 with a justification ([SuppressMessage])", action.Title),
            };
            test.AlsoRun.Add(new SuppressionAnalyzer());

            // The verifier's own check adds an unjustified '#pragma warning disable', which MIN013 rightly reports.
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            test.ExpectedDiagnostics.Add(Min001(0));
            test.FixedState.ExpectedDiagnostics.Add(Min013(1));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Fix_All_adds_one_attribute_per_member() => FlowTest.Run(
            """
            using System.Diagnostics.CodeAnalysis;
            using Minimization;

            public static class Repatriation
            {
                public static void ReturnBoth(CallRecord record)
                {
                    AuGateway.Send({|#0:record.CallerNumber|});
                    AuGateway.Send({|#1:record.CalleeNumber|});
                }

                public static void ReturnOne(CallRecord record) => AuGateway.Send({|#2:record.CallerNumber|});
            }
            """ + Gateway,
            """
            using System.Diagnostics.CodeAnalysis;
            using Minimization;

            public static class Repatriation
            {
                [SuppressMessage("Minimization", "MIN001", Justification = "TODO: why this is acceptable, with a reference a reviewer can check")]
                public static void ReturnBoth(CallRecord record)
                {
                    AuGateway.Send(record.CallerNumber);
                    AuGateway.Send(record.CalleeNumber);
                }

                [SuppressMessage("Minimization", "MIN001", Justification = "TODO: why this is acceptable, with a reference a reviewer can check")]
                public static void ReturnOne(CallRecord record) => AuGateway.Send(record.CallerNumber);
            }
            """ + Gateway,
            equivalenceKey: "Suppress:MIN001",
            expected: new[] { Min001(0), Min001(1), Min001(2) });

        [Fact]
        public Task Policy_rule_is_suppressed_on_the_member() => PolicyTest.Run(
            """
            using Minimization;

            [IdentityBearing, GenerateMinimizer("SharedCall")]
            public sealed partial class CallRecord
            {
                [IdentityBearing(IdentityCategory.Phone)]
                public string {|#0:CallerNumber|} { get; init; } = "";
            }
            """,
            """
            using System.Diagnostics.CodeAnalysis;
            using Minimization;

            [IdentityBearing, GenerateMinimizer("SharedCall")]
            public sealed partial class CallRecord
            {
                [IdentityBearing(IdentityCategory.Phone)]
                [SuppressMessage("Minimization", "MIN002", Justification = "TODO: why this is acceptable, with a reference a reviewer can check")]
                public string CallerNumber { get; init; } = "";
            }
            """,
            expected: new DiagnosticResult(RuleIdentifiers.MemberWithoutPolicy, DiagnosticSeverity.Error).WithLocation(0));

        [Fact]
        public async Task Top_level_statements_have_no_declaration_to_carry_the_attribute_so_no_action_is_offered()
        {
            var source = """
                using Minimization;

                var record = new CallRecord { CallerNumber = "+1 613 555 0143" };
                AuGateway.Send({|#0:record.CallerNumber|});
                """ + Gateway;
            var test = new FlowTest { TestCode = source, FixedCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Min001(0));
            test.FixedState.ExpectedDiagnostics.Add(Min001(0));
            await test.RunAsync(CancellationToken.None);
        }
    }
}
