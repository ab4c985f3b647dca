using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Minimization.Analyzers;
using Xunit;
using Test = Minimization.CodeFixes.Tests.FixTest<Minimization.Analyzers.IdentityFlowAnalyzer, Minimization.CodeFixes.MinimizeCodeFixProvider>;

namespace Minimization.CodeFixes.Tests.Fixes
{
    /// <summary>MIN001: "Minimize with …".</summary>
    public class MinimizeFixTests
    {
        private static DiagnosticResult Min001(int markup) => new DiagnosticResult(RuleIdentifiers.IdentityReachesPartner, DiagnosticSeverity.Error).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        private const string Types = """

            namespace Telecom
            {
                [IdentityBearing, GenerateMinimizer("SharedCall")]
                public sealed partial class CallRecord
                {
                    [IdentityBearing(IdentityCategory.Phone), Pseudonymize] public string CallerNumber { get; init; } = "";
                    [NonIdentifying, Keep] public int DurationSeconds { get; init; }
                }

                public static class UkGateway
                {
                    [PartnerShare("UK")] public static void Send(object payload) { }
                    [PartnerShare("UK")] public static void SendText(string payload) { }
                }

                public static class Hand
                {
                    [Minimizer] public static string Region(CallRecord record) => "CA";
                    [Minimizer] public static string Token(string value, string partner) => partner + ":token";
                    [Minimizer] public static string Hashed(string value, int rounds) => "h";
                }
            }
            """;

        private const string Usings = "using Minimization;\nusing Minimization.Runtime;\n";

        [Fact]
        public Task Generated_minimizer_of_the_value_type_comes_first_and_gets_the_context_in_scope() => Test.Run(
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call, MinimizationContext context) => UkGateway.Send({|#0:call|});
                }
            }
            """,
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call, MinimizationContext context) => UkGateway.Send(call.Minimize(context));
                }
            }
            """,
            actionIndex: 0,
            generatedFrom: Usings + Types,
            expected: Min001(0));

        [Fact]
        public Task Hand_written_minimizer_is_offered_after_the_generated_one() => Test.Run(
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call, MinimizationContext context) => UkGateway.Send({|#0:call|});
                }
            }
            """,
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call, MinimizationContext context) => UkGateway.Send(Hand.Region(call));
                }
            }
            """,
            actionIndex: 1,
            generatedFrom: Usings + Types,
            expected: Min001(0));

        [Fact]
        public async Task Actions_are_titled_with_the_minimizer_in_their_order()
        {
            var test = new Test
            {
                TestCode = Usings + Types + """

                namespace Telecom
                {
                    public static class Sharing
                    {
                        public static void Share(CallRecord call, MinimizationContext context) => UkGateway.Send({|#0:call|});
                    }
                }
                """,
                FixedCode = Usings + Types + """

                namespace Telecom
                {
                    public static class Sharing
                    {
                        public static void Share(CallRecord call, MinimizationContext context) => UkGateway.Send(call.Minimize(context));
                    }
                }
                """,
                CodeActionVerifier = (action, verifier) => verifier.Equal("Minimize with CallRecordMinimizationExtensions.Minimize", action.Title),
                CodeActionEquivalenceKey = "MIN001:Minimize:M:Telecom.CallRecordMinimizationExtensions.Minimize(Telecom.CallRecord,Minimization.Runtime.MinimizationContext)",
            };
            test.WithGeneratedFrom(Usings + Types);
            test.ExpectedDiagnostics.Add(Min001(0));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Without_a_context_in_scope_the_generated_minimizer_is_not_offered() => Test.Run(
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call) => UkGateway.Send({|#0:call|});
                }
            }
            """,
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call) => UkGateway.Send(Hand.Region(call));
                }
            }
            """,
            actionIndex: 0,
            generatedFrom: Usings + Types,
            expected: Min001(0));

        [Fact]
        public Task A_context_in_a_field_is_passed_from_an_instance_method() => Test.Run(
            Usings + Types + """

            namespace Telecom
            {
                public sealed class Sharing
                {
                    private readonly MinimizationContext _uk;
                    public Sharing(MinimizationContext uk) => _uk = uk;
                    public void Share(CallRecord call) => UkGateway.Send({|#0:call|});
                }
            }
            """,
            Usings + Types + """

            namespace Telecom
            {
                public sealed class Sharing
                {
                    private readonly MinimizationContext _uk;
                    public Sharing(MinimizationContext uk) => _uk = uk;
                    public void Share(CallRecord call) => UkGateway.Send(call.Minimize(_uk));
                }
            }
            """,
            actionIndex: 0,
            generatedFrom: Usings + Types,
            expected: Min001(0));

        [Fact]
        public Task A_partner_parameter_gets_the_sink_partner_and_numbers_are_never_guessed() => Test.Run(
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call) => UkGateway.SendText({|#0:call.CallerNumber|});
                }
            }
            """,
            Usings + Types + """

            namespace Telecom
            {
                public static class Sharing
                {
                    public static void Share(CallRecord call) => UkGateway.SendText(Hand.Token(call.CallerNumber, "UK"));
                }
            }
            """,
            actionIndex: 0,
            generatedFrom: Usings + Types,
            expected: Min001(0));

        [Fact]
        public async Task No_minimizer_fits_the_value_and_the_sink_so_no_action_is_offered()
        {
            // The value is a string and the only string minimizer needs a number nobody can guess; Region takes a CallRecord.
            var source = Usings + Types.Replace("[Minimizer] public static string Token(string value, string partner) => partner + \":token\";", string.Empty) + """

                namespace Telecom
                {
                    public static class Sharing
                    {
                        public static void Share(CallRecord call) => UkGateway.SendText({|#0:call.CallerNumber|});
                    }
                }
                """;
            var test = new Test { TestCode = source, FixedCode = source }.WithGeneratedFrom(Usings + Types);
            test.ExpectedDiagnostics.Add(Min001(0));
            test.FixedState.ExpectedDiagnostics.Add(Min001(0));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Fix_All_applies_the_chosen_minimizer_across_the_solution() => RunFixAll(
            ("A.cs", Usings + Types + """

            namespace Telecom
            {
                public static class SharingA
                {
                    public static void Share(CallRecord call, CallRecord other)
                    {
                        UkGateway.Send({|#0:call|});
                        UkGateway.Send({|#1:other|});
                    }
                }
            }
            """,
            Usings + Types + """

            namespace Telecom
            {
                public static class SharingA
                {
                    public static void Share(CallRecord call, CallRecord other)
                    {
                        UkGateway.Send(Hand.Region(call));
                        UkGateway.Send(Hand.Region(other));
                    }
                }
            }
            """),
            ("B.cs", Usings + """
            namespace Telecom
            {
                public static class SharingB
                {
                    public static void Share(CallRecord call) => UkGateway.Send({|#2:call|});
                }
            }
            """,
            Usings + """
            namespace Telecom
            {
                public static class SharingB
                {
                    public static void Share(CallRecord call) => UkGateway.Send(Hand.Region(call));
                }
            }
            """));

        [Fact]
        public Task Minimizer_from_a_referenced_project_is_offered() => RunWithLibrary();

        private static async Task RunFixAll(params (string Name, string Source, string Fixed)[] files)
        {
            var test = new Test { CodeActionEquivalenceKey = "MIN001:Minimize:M:Telecom.Hand.Region(Telecom.CallRecord)", CodeActionIndex = 0 }.WithGeneratedFrom(Usings + Types);
            foreach (var (name, source, fixedSource) in files)
            {
                test.TestState.Sources.Add((name, source));
                test.FixedState.Sources.Add((name, fixedSource));
            }

            test.ExpectedDiagnostics.AddRange(new[] { Min001(0), Min001(1), Min001(2) });
            await test.RunAsync(CancellationToken.None);
        }

        private static async Task RunWithLibrary()
        {
            var test = new Test
            {
                TestCode = """
                    using Minimization;
                    public static class UkGateway { [PartnerShare("UK")] public static void Send(string payload) { } }
                    public static class Sharing
                    {
                        public static void Share([IdentityBearing(IdentityCategory.Email)] string email) => UkGateway.Send({|#0:email|});
                    }
                    """,
                FixedCode = """
                    using Minimization;
                    public static class UkGateway { [PartnerShare("UK")] public static void Send(string payload) { } }
                    public static class Sharing
                    {
                        public static void Share([IdentityBearing(IdentityCategory.Email)] string email) => UkGateway.Send(Contoso.Privacy.Emails.DomainOnly(email));
                    }
                    """,
            };
            var library = new ProjectState("Contoso.Privacy", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/1/Lib", "cs");
            test.TestState.AdditionalProjects.Add("Contoso.Privacy", library);
            library.Sources.Add(("Emails.cs", """
                namespace Contoso.Privacy
                {
                    public static class Emails
                    {
                        [Minimization.Minimizer] public static string DomainOnly(string email) => email.Substring(email.IndexOf('@') + 1);
                    }
                }
                """));
            library.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
            library.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
            test.TestState.AdditionalProjectReferences.Add("Contoso.Privacy");
            test.ExpectedDiagnostics.Add(Min001(0));
            await test.RunAsync(CancellationToken.None);
        }
    }
}
