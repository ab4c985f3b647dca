using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Rules
{
    /// <summary>
    /// MIN016: with <c>minimization.report_minimized_flows = true</c> every flow that reaches a sink through a minimizer
    /// is reported as a hidden fact naming the identity, the minimizer, the sink and the partner; without it, nothing changes.
    /// </summary>
    public class MinimizedFlowTests
    {
        private const string On = "minimization.report_minimized_flows = true\n";

        private static DiagnosticResult Min016(int markup, string source, string sink, string minimizer)
            => new DiagnosticResult(IdentityFlowAnalyzer.MinimizedFlow).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(source, sink, minimizer);

        private static Task CheckWith(string? globalConfig, string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.Sources.Add(("Prelude.cs", Prelude.Source));
            if (globalConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private const string Direct = """
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send({|#0:Minimizers.Pseudonymize(r.CallerNumber, "UK")|});
                    PartnerGateway.Send({|#1:r.TowerId|});
                }
            }
            """;

        [Fact]
        public Task Minimized_member_at_a_sink_is_reported_with_identity_minimizer_sink_and_partner() => CheckWith(
            On,
            Direct,
            Min016(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "Minimizers.Pseudonymize(string, string)"),
            Min001(1));

        [Fact]
        public Task Without_the_option_only_the_violation_is_reported() => CheckWith(null, Direct, Min001(1));

        [Fact]
        public Task Option_set_to_false_changes_nothing() => CheckWith("minimization.report_minimized_flows = false\n", Direct, Min001(1));

        [Fact]
        public Task Minimized_value_passed_through_a_helper_is_reported_at_the_outermost_argument() => CheckWith(
            On,
            """
            using Telecom;
            class Job
            {
                static void Share(string token) => PartnerGateway.Send(token);

                void Run(CallRecord r)
                {
                    var token = Minimizers.Pseudonymize(r.CalleeNumber, "UK");
                    Share({|#0:token|});
                }
            }
            """,
            Min016(0, "CallRecord.CalleeNumber", "PartnerGateway.Send (partner \"UK\")", "Minimizers.Pseudonymize(string, string)"));

        [Fact]
        public Task Helper_that_minimizes_its_parameter_reports_the_callers_identity() => CheckWith(
            On,
            """
            using Telecom;
            class Job
            {
                static void ShareMinimized(string phone, IPartnerChannel channel) => channel.Publish(Minimizers.Pseudonymize(phone, "AU"));

                void Run(CallRecord r, IPartnerChannel channel)
                {
                    ShareMinimized({|#0:r.CallerNumber|}, channel);
                }
            }
            """,
            Min016(0, "CallRecord.CallerNumber", "IPartnerChannel.Publish (partner \"AU\")", "Minimizers.Pseudonymize(string, string)"));

        [Fact]
        public Task Minimized_value_sent_from_a_lambda_is_reported_inside_the_lambda() => CheckWith(
            On,
            """
            using System.Collections.Generic;
            using System.Linq;
            using Telecom;
            class Job
            {
                void Run(List<CallRecord> records)
                {
                    records.ForEach(r => PartnerGateway.Send({|#0:Minimizers.Pseudonymize(r.CallerNumber, "UK")|}));
                }
            }
            """,
            Min016(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "Minimizers.Pseudonymize(string, string)"));

        [Fact]
        public Task Minimized_flow_carries_source_type_member_category_and_partner_in_its_properties() => CheckWith(
            On,
            """
            using Telecom;
            class Job
            {
                void Run(CallRecord r) => PartnerGateway.Send({|#0:Minimizers.Pseudonymize(r.TowerId, "UK")|});
            }
            """,
            Min016(0, "CallRecord.TowerId", "PartnerGateway.Send (partner \"UK\")", "Minimizers.Pseudonymize(string, string)"));

        [Fact]
        public Task Library_minimizer_from_configuration_gives_a_minimized_flow() => CheckWith(
            On + "minimization.minimizers = System.Security.Cryptography.HMACSHA256.HashData\n",
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Telecom;
            class Job
            {
                private readonly byte[] _key = new byte[32];

                void Run(CallRecord r) => PartnerGateway.Send({|#0:Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(r.CallerNumber)))|});
            }
            """,
            Min016(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "HMACSHA256.HashData(byte[], byte[])"));

        [Fact]
        public async Task Properties_name_source_type_member_category_minimizer_sink_and_partner()
        {
            var compilation = await CompileAsync("""
                using Telecom;
                class Job
                {
                    void Run(CallRecord r) => PartnerGateway.Send(Minimizers.Pseudonymize(r.TowerId, "UK"));
                }
                """);
            var diagnostics = await compilation.WithAnalyzers(
                System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new IdentityFlowAnalyzer()),
                new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty, new GlobalConfigOptions(On))).GetAnalyzerDiagnosticsAsync();
            var fact = Assert.Single(diagnostics);
            Assert.Equal("MIN016", fact.Id);
            Assert.Equal(DiagnosticSeverity.Hidden, fact.Severity);
            Assert.Equal("CallRecord", fact.Properties["sourceType"]);
            Assert.Equal("TowerId", fact.Properties["sourceMember"]);
            Assert.Equal("cell-tower", fact.Properties["category"]);
            Assert.Equal("Minimizers.Pseudonymize(string, string)", fact.Properties["minimizer"]);
            Assert.Equal("PartnerGateway.Send", fact.Properties["sink"]);
            Assert.Equal("UK", fact.Properties["partner"]);
            Assert.StartsWith("CallRecord.TowerId → ", fact.Properties["path"]);
        }

        private static async Task<Compilation> CompileAsync(string source)
        {
            await Task.Yield();
            var references = System.Linq.Enumerable.Cast<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
            return Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "MinimizedFlow",
                new[]
                {
                    Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Prelude.Source),
                    Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source),
                },
                System.Linq.Enumerable.Concat(references, new[] { MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location) }),
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        /// <summary>Global analyzer options from <c>key = value</c> lines, as a <c>.globalconfig</c> gives them.</summary>
        internal sealed class GlobalConfigOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
        {
            private readonly Options _options;

            public GlobalConfigOptions(string lines)
            {
                var map = new System.Collections.Generic.Dictionary<string, string>();
                foreach (var line in lines.Split('\n', System.StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = line.IndexOf('=');
                    map[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
                }

                _options = new Options(map);
            }

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _options;

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
            {
                public static readonly Options Empty = new Options(new System.Collections.Generic.Dictionary<string, string>());

                private readonly System.Collections.Generic.Dictionary<string, string> _map;

                public Options(System.Collections.Generic.Dictionary<string, string> map) => _map = map;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _map.TryGetValue(key, out value);
            }
        }
    }
}
