using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Rules
{
    /// <summary>MIN010 (identity exposed across the assembly boundary) and MIN011 (analysis bounds), as users meet them.</summary>
    public class ExposureAndBoundTests
    {
        [Fact]
        public Task Public_method_returning_a_phone_number_without_annotation_is_MIN010() => Check("""
            using Telecom;
            public static class CallDirectory
            {
                public static string {|#0:CallerOf|}(CallRecord record) => record.CallerNumber.Trim();
            }
            """, Min010(0).WithArguments("CallDirectory.CallerOf(CallRecord)", "CallRecord.CallerNumber", "CallRecord.CallerNumber → String.Trim() → CallDirectory.CallerOf(CallRecord)"));

        [Fact]
        public Task MIN010_shows_the_path_from_the_source_to_the_member_in_its_message_and_additional_locations() => Check("""
            using Telecom;
            public static class CallDirectory
            {
                public static string {|#0:CallerOf|}(CallRecord record)
                {
                    var {|#2:number = record.CallerNumber|};
                    return {|#3:Normalize(number)|};
                }

                private static string Normalize(string value) => {|#4:value.Trim()|};
            }
            """, new DiagnosticResult(Minimization.Analyzers.IdentityFlowAnalyzer.IdentityExposedAcrossAssembly)
                .WithLocation(0)
                .WithSpan("Prelude.cs", 9, 65, 9, 77)
                .WithLocation(2)
                .WithLocation(3)
                .WithLocation(4)
                .WithArguments("CallDirectory.CallerOf(CallRecord)", "CallRecord.CallerNumber", "CallRecord.CallerNumber → local 'number' → CallDirectory.Normalize(string) → String.Trim() → CallDirectory.CallerOf(CallRecord)"));

        [Fact]
        public Task Public_property_exposing_identity_without_annotation_is_MIN010() => Check("""
            using Telecom;
            public sealed class CallView
            {
                private readonly CallRecord _record;
                public CallView(CallRecord record) => _record = record;
                public string {|#0:Caller|} => _record.CallerNumber;
            }
            """, Min010(0));

        [Fact]
        public Task Annotated_return_value_travels_with_the_assembly_and_is_not_MIN010() => Check("""
            using Minimization;
            using Telecom;
            public static class CallDirectory
            {
                [return: IdentityBearing(IdentityCategory.Phone)]
                public static string CallerOf(CallRecord record) => record.CallerNumber;

                [IdentityBearing(IdentityCategory.Phone)]
                public static string LastCaller { get; set; } = "";
            }
            """);

        [Fact]
        public Task Internal_and_private_members_are_not_MIN010() => Check("""
            using Telecom;
            internal static class CallDirectory
            {
                public static string CallerOf(CallRecord record) => record.CallerNumber;
            }
            public static class Other
            {
                private static string CallerOf(CallRecord record) => record.CallerNumber;
                internal static string CalleeOf(CallRecord record) => record.CalleeNumber;
            }
            """);

        [Fact]
        public Task Minimizers_predicates_and_clean_results_are_not_MIN010() => Check("""
            using Minimization;
            using Telecom;
            public static class CallDirectory
            {
                [Minimizer] public static string Token(CallRecord record) => record.CallerNumber.Substring(0, 3);
                public static bool IsLocal(CallRecord record) => record.CallerNumber.StartsWith("+1613");
                public static int Length(CallRecord record) => record.CallerNumber.Length;
                public static string Region(CallRecord record) => record.Region;
                public static string Echo(string value) => value;
            }
            """);

        [Fact]
        public Task Returning_a_value_of_an_identity_bearing_type_is_not_MIN010() => Check("""
            using Telecom;
            public static class Directory
            {
                public static Subscriber Find(Subscriber[] all) => all[0];
            }
            """);

        [Fact]
        public async Task Executables_do_not_get_MIN010()
        {
            var test = new Test
            {
                TestCode = """
                    using Telecom;
                    System.Console.WriteLine(CallDirectory.CallerOf(new CallRecord()));
                    public static class CallDirectory
                    {
                        public static string CallerOf(CallRecord record) => record.CallerNumber;
                    }
                    """,
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Call_depth_bound_reports_MIN011_naming_the_option_and_assumes_the_flow()
        {
            var test = new Test
            {
                TestCode = """
                    using Telecom;
                    class Job
                    {
                        void Run(CallRecord r) => PartnerGateway.Send({|#1:{|#0:A(r.CallerNumber)|}|});
                        static string A(string s) => B(s);
                        static string B(string s) => s;
                    }
                    """,
            };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nminimization.max_call_depth = 2\n"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IdentityFlowAnalyzer.AnalysisBoundReached).WithLocation(0)
                .WithArguments("max_call_depth or max_method_operations", "the call to Job.A(string)", "CallRecord.CallerNumber", "minimization.max_call_depth / minimization.max_method_operations"));
            test.ExpectedDiagnostics.Add(Min001(1));
            await test.RunAsync(CancellationToken.None);
        }

        private const string ThreeProducersOfOneRegistry = """
            using Telecom;
            static class Registry
            {
                private static string _last = "";
                public static void Put(string value) => _last = value;
                public static void Export() => PartnerGateway.Send({|#0:{|#1:_last|}|});
            }

            class ProducerA { public void On(CallRecord r) => Registry.Put(r.CallerNumber); }
            class ProducerB { public void On(CallRecord r) => Registry.Put(r.CallerNumber + "/b"); }
            class ProducerC { public void On(CallRecord r) => Registry.Put(r.CallerNumber + "/c"); }
            """;

        [Fact]
        public async Task Writer_callers_bound_reports_MIN011_at_the_read_naming_the_option_instead_of_dropping_callers_silently()
        {
            // Two of the three producers are followed (their flow is MIN001); the third is not, and the read says so.
            var test = new Test { TestCode = ThreeProducersOfOneRegistry };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nminimization.max_writer_callers = 2\n"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(IdentityFlowAnalyzer.AnalysisBoundReached).WithLocation(0)
                .WithArguments("max_writer_callers", "the read of Registry._last", "whatever the callers of its writers that were not followed pass in", "minimization.max_writer_callers"));
            test.ExpectedDiagnostics.Add(Min001(1));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task With_the_default_writer_callers_bound_every_producer_is_followed_and_the_flow_is_MIN001()
        {
            var test = new Test { TestCode = ThreeProducersOfOneRegistry.Replace("{|#0:{|#1:_last|}|}", "{|#1:_last|}") };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.Add(Min001(1));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Default_bounds_follow_a_chain_of_forty_calls_without_MIN011()
        {
            var chain = new System.Text.StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                chain.Append($"    static string H{i}(string s) => H{i + 1}(s + \"-\");\n");
            }

            chain.Append("    static string H40(string s) => s;\n");
            var test = new Test
            {
                TestCode = "using Telecom;\nclass Job\n{\n" + chain + "    void Run(CallRecord r) => PartnerGateway.Send({|#0:H0(r.CallerNumber)|});\n    void Clean() => PartnerGateway.Send(H0(\"x\"));\n}\n",
            };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.ExpectedDiagnostics.Add(Min001(0));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Bound_without_identity_flowing_stays_silent()
        {
            var test = new Test
            {
                TestCode = """
                    using Telecom;
                    class Job
                    {
                        static string A(string s) => B(s);
                        static string B(string s) => s;
                        void Run(CallRecord r) => PartnerGateway.Send(A(r.Region));
                    }
                    """,
            };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nminimization.max_call_depth = 1\n"));
            await test.RunAsync(CancellationToken.None);
        }
    }
}
