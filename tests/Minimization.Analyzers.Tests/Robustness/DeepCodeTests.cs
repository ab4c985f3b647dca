using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Minimization.Analyzers.Tests.Robustness
{
    /// <summary>Code at the extremes (call chains past the depth bound, very deep expressions): no crash, no silence.</summary>
    public class DeepCodeTests
    {
        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Preview);
            var trees = new[] { CSharpSyntaxTree.ParseText(Prelude.Source, parse, "Prelude.cs"), CSharpSyntaxTree.ParseText(source, parse, "Test.cs") };
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
            var compilation = CSharpCompilation.Create("Deep", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer()))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData(false, 0)]
        [InlineData(true, 1)]
        public async Task Analyzer_registers_nothing_unless_the_annotations_are_referenced(bool withAnnotations, int expectedBlockActions)
        {
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>();
            if (withAnnotations)
            {
                references = references.Append(MetadataReference.CreateFromFile(typeof(IdentityBearingAttribute).Assembly.Location));
            }

            var tree = CSharpSyntaxTree.ParseText("class Job { void Run(string phone) => System.Console.WriteLine(phone); }");
            var analyzer = new IdentityFlowAnalyzer();
            var withAnalyzers = CSharpCompilation.Create("Plain", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);

            Assert.Empty(result.GetAllDiagnostics());
            Assert.Equal(1, result.AnalyzerTelemetryInfo[analyzer].CompilationStartActionsCount);
            Assert.Equal(expectedBlockActions, result.AnalyzerTelemetryInfo[analyzer].OperationBlockActionsCount);
        }

        [Fact]
        public async Task A_chain_of_300_calls_past_the_default_depth_is_assumed_and_said_never_silent()
        {
            var source = new StringBuilder("using Telecom;\nstatic class Chain\n{\n");
            for (var i = 0; i < 300; i++)
            {
                source.Append($"    public static string H{i}(string s) => H{i + 1}(s);\n");
            }

            source.Append("    public static string H300(string s) => s;\n");
            source.Append("    public static void Run(CallRecord r) => PartnerGateway.Send(H0(r.CallerNumber));\n}\n");

            var diagnostics = await AnalyzeAsync(source.ToString());

            Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "MIN012");
            var run = diagnostics.Where(d => d.Location.GetLineSpan().StartLinePosition.Line == 304).ToList();
            Assert.Contains(run, d => d.Id == "MIN001");
            Assert.Contains(run, d => d.Id == "MIN011" && d.GetMessage().Contains("minimization.max_call_depth", System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_concatenation_of_two_thousand_terms_is_analyzed_without_crashing()
        {
            var terms = string.Join(" + ", Enumerable.Range(0, 2000).Select(i => i == 1000 ? "r.CallerNumber" : "\"" + i + "\""));
            var source = "using Telecom;\nstatic class Big\n{\n    public static void Run(CallRecord r) => PartnerGateway.Send(" + terms + ");\n}\n";

            var diagnostics = await AnalyzeAsync(source);

            Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001");
            Assert.Contains(diagnostics, d => d.Id is "MIN001" or "MIN012");
        }
    }
}
