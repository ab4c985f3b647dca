using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Analyzers;
using Minimization.Generators.Tests.Generator;
using Minimization.Generators.Tests.Infrastructure;
using Xunit;

namespace Minimization.Generators.Tests.EndToEnd
{
    /// <summary>
    /// The user's partial record, the generated minimizer and a [PartnerShare] gateway compiled together and checked by
    /// IdentityFlowAnalyzer: the minimized value may be shared, the raw record may not.
    /// </summary>
    public class Min001EndToEndTests
    {
        private const string Gateway = """
            using Minimization;
            using Minimization.Runtime;

            namespace Telecom
            {
                public static class PartnerGateway
                {
                    [PartnerShare("UK")] public static void Send(object payload) { }
                }

                public static class Release
                {
                    public static void ShareMinimized(CallRecord record, MinimizationContext context)
                    {
                        SharedCall shared = record.Minimize(context);
                        PartnerGateway.Send(/*minimized*/shared);
                        PartnerGateway.Send(/*member*/shared.CallerNumber!);
                    }

                    public static void ShareRaw(CallRecord record)
                    {
                        PartnerGateway.Send(/*raw*/record);
                    }

                    public static void ShareRawMember(CallRecord record)
                    {
                        PartnerGateway.Send(/*rawmember*/record.CallerNumber);
                    }
                }
            }
            """;

        private static async Task<(ImmutableArray<Diagnostic> Diagnostics, string Text)> AnalyzeAsync()
        {
            (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(Samples.CallRecord, Gateway));
            Assert.Empty(TestCompilation.Problems(output));
            ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(output, new IdentityFlowAnalyzer(), new PolicyAnalyzer());
            return (diagnostics, output.SyntaxTrees.Single(t => t.ToString().Contains("class PartnerGateway")).ToString());
        }

        private static bool ReportedAt(Diagnostic d, string text, string marker)
            => d.Location.SourceTree is not null
               && d.Location.SourceTree.ToString() == text
               && text.Substring(0, d.Location.SourceSpan.Start).TrimEnd().EndsWith("/*" + marker + "*/");

        [Fact]
        public async Task Minimized_record_passes_MIN001_at_the_partner_sink()
        {
            (ImmutableArray<Diagnostic> diagnostics, string text) = await AnalyzeAsync();

            Assert.DoesNotContain(diagnostics, d => d.Id == "MIN001" && ReportedAt(d, text, "minimized"));
            Assert.DoesNotContain(diagnostics, d => d.Id == "MIN001" && ReportedAt(d, text, "member"));
        }

        [Fact]
        public async Task Raw_record_and_its_members_fail_MIN001_at_the_partner_sink()
        {
            (ImmutableArray<Diagnostic> diagnostics, string text) = await AnalyzeAsync();

            Assert.Contains(diagnostics, d => d.Id == "MIN001" && ReportedAt(d, text, "raw"));
            Assert.Contains(diagnostics, d => d.Id == "MIN001" && ReportedAt(d, text, "rawmember"));
        }

        [Fact]
        public async Task With_minimized_flows_reported_the_generated_minimizer_is_named_at_the_sink()
        {
            (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(Samples.CallRecord, Gateway));
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOnlyOptions("minimization.report_minimized_flows", "true"));
            ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(output, options, new IdentityFlowAnalyzer());
            string text = output.SyntaxTrees.Single(t => t.ToString().Contains("class PartnerGateway")).ToString();

            Diagnostic fact = Assert.Single(diagnostics, d => d.Id == "MIN016" && ReportedAt(d, text, "member"));
            Assert.Contains("Minimize", fact.Properties["minimizer"]);
            Assert.Equal("CallRecord", fact.Properties["sourceType"]);
            Assert.Equal("UK", fact.Properties["partner"]);
            Assert.Contains(diagnostics, d => d.Id == "MIN016" && ReportedAt(d, text, "minimized"));
            Assert.DoesNotContain(diagnostics, d => d.Id == "MIN016" && ReportedAt(d, text, "raw"));
            Assert.Contains(diagnostics, d => d.Id == "MIN001" && ReportedAt(d, text, "raw"));
        }

        private sealed class GlobalOnlyOptions : AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public GlobalOnlyOptions(string key, string value) => _global = new Options(key, value);

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

            private sealed class Options : AnalyzerConfigOptions
            {
                public static readonly Options None = new Options(string.Empty, string.Empty);

                private readonly string _key;
                private readonly string _value;

                public Options(string key, string value)
                {
                    _key = key;
                    _value = value;
                }

                public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
                {
                    value = key == _key && _key.Length > 0 ? _value : null;
                    return value is not null;
                }
            }
        }

        [Fact]
        public async Task Generated_code_and_complete_policies_raise_no_policy_diagnostics()
        {
            (ImmutableArray<Diagnostic> diagnostics, _) = await AnalyzeAsync();
            Assert.DoesNotContain(diagnostics, d => string.CompareOrdinal(d.Id, "MIN002") >= 0 && string.CompareOrdinal(d.Id, "MIN009") <= 0);
        }
    }
}
