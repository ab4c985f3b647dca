using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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
        public async Task Generated_code_and_complete_policies_raise_no_policy_diagnostics()
        {
            (ImmutableArray<Diagnostic> diagnostics, _) = await AnalyzeAsync();
            Assert.DoesNotContain(diagnostics, d => string.CompareOrdinal(d.Id, "MIN002") >= 0 && string.CompareOrdinal(d.Id, "MIN009") <= 0);
        }
    }
}
