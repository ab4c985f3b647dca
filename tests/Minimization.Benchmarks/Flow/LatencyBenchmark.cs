using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Analyzers;

namespace Minimization.Benchmarks.Flow
{
    /// <summary>
    /// The editor's view of the analyzers: how long after a keystroke the MIN diagnostics of the document being edited are
    /// there. The generated pipeline project is compiled and analyzed once (warm), then for every document a keystroke is
    /// simulated the way the IDE sees one: the document's text is re-parsed into a new, identical tree and the compilation is
    /// forked with it (every other tree and all declarations are reused; every binding of the new tree is redone). On that
    /// fork, <c>GetAnalyzerSemanticDiagnosticsAsync</c> for the document is timed with every MIN analyzer, and on a second
    /// fork with an analyzer that does nothing (the driver's own cost and the binding the IDE pays anyway).
    /// </summary>
    public static class LatencyBenchmark
    {
        /// <summary>The floor the toolkit holds itself to on a 2-core machine (issue 17).</summary>
        public const double MedianFloorMs = 50;

        public const double P95FloorMs = 200;

        public static int Run(int lines, TextWriter output, string? only = null)
        {
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(Minimization.IdentityBearingAttribute).Assembly.Location))
                .ToImmutableArray();
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
            var files = ProjectGenerator.Generate(lines);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Name)).ToArray();
            var compilation = CSharpCompilation.Create("Pipeline", trees, references, options);
            var min = typeof(IdentityFlowAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Where(t => only is null || only.Split(',').Any(part => t.Name.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase)))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var none = ImmutableArray.Create<DiagnosticAnalyzer>(new NoAnalyzer(registersAction: false));
            var binding = ImmutableArray.Create<DiagnosticAnalyzer>(new NoAnalyzer(registersAction: true));

            // Warm: the whole project compiled and analyzed once, as when the solution has loaded, then a first untimed
            // keystroke in a few documents, so that JIT tiering is not measured.
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                output.WriteLine("generated project does not compile: " + errors[0]);
                return 2;
            }

            var found = compilation.WithAnalyzers(min).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Count(d => d.Id == RuleIdentifiers.IdentityReachesPartner);
            foreach (var tree in trees.Take(10))
            {
                Keystroke(compilation, tree, parse, min);
                Keystroke(compilation, tree, parse, none);
            }

            var withMin = new List<double>();
            var withMinCpu = new List<double>();
            var withNone = new List<double>();
            var withBinding = new List<double>();
            var added = new List<double>();
            var reported = 0;
            var progress = Stopwatch.StartNew();
            foreach (var tree in trees)
            {
                var (noneMs, _, _) = Keystroke(compilation, tree, parse, none);
                var (bindingMs, _, _) = Keystroke(compilation, tree, parse, binding);
                var (minMs, minCpu, count) = Keystroke(compilation, tree, parse, min);
                withNone.Add(noneMs);
                withBinding.Add(bindingMs);
                withMin.Add(minMs);
                withMinCpu.Add(minCpu);
                added.Add(minMs - bindingMs);
                reported += count;
                if (progress.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Console.Error.WriteLine($"{withMin.Count}/{trees.Length} documents");
                    progress.Restart();
                }
            }

            var lineCount = files.Sum(f => f.Text.Count(c => c == '\n') + 1);
            output.WriteLine($"{lineCount:N0} lines in {trees.Length} documents; {found} MIN001 in the whole project, {reported} found by the per-document runs; {Environment.ProcessorCount} logical processors");
            output.WriteLine();
            output.WriteLine("| GetAnalyzerSemanticDiagnosticsAsync(document) after a keystroke | median | p95 | max |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine($"| MIN analyzers ({string.Join(", ", min.Select(a => a.GetType().Name))}), wall clock | {Percentile(withMin, 0.5):N1} ms | {Percentile(withMin, 0.95):N1} ms | {withMin.Max():N1} ms |");
            output.WriteLine($"| MIN analyzers, CPU time of the process | {Percentile(withMinCpu, 0.5):N1} ms | {Percentile(withMinCpu, 0.95):N1} ms | {withMinCpu.Max():N1} ms |");
            output.WriteLine($"| none (an analyzer that registers nothing: the driver skips the document) | {Percentile(withNone, 0.5):N1} ms | {Percentile(withNone, 0.95):N1} ms | {withNone.Max():N1} ms |");
            output.WriteLine($"| an empty syntax-node action (the driver binds the document, as for any analyzer) | {Percentile(withBinding, 0.5):N1} ms | {Percentile(withBinding, 0.95):N1} ms | {withBinding.Max():N1} ms |");
            output.WriteLine($"| added by the MIN analyzers over the empty action | {Percentile(added, 0.5):N1} ms | {Percentile(added, 0.95):N1} ms | {added.Max():N1} ms |");
            output.WriteLine();

            // The floor is held against the time the MIN analyzers add to what any analyzer costs (binding the document,
            // which the IDE does for its own diagnostics too), and reported for the whole call as well.
            var median = Percentile(added, 0.5);
            var p95 = Percentile(added, 0.95);
            var met = median <= MedianFloorMs && p95 <= P95FloorMs;
            var wholeMet = Percentile(withMin, 0.5) <= MedianFloorMs && Percentile(withMin, 0.95) <= P95FloorMs;
            output.WriteLine($"floor (median <= {MedianFloorMs} ms, p95 <= {P95FloorMs} ms) for the time the MIN analyzers add: {(met ? "met" : "NOT met")}; for the whole call: {(wholeMet ? "met" : "NOT met")}");
            return met ? 0 : 1;
        }

        /// <summary>One simulated keystroke in <paramref name="tree"/>: an identical tree, re-parsed, in a forked compilation.</summary>
        private static (double Ms, double CpuMs, int Min001) Keystroke(Compilation compilation, SyntaxTree tree, CSharpParseOptions parse, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var edited = CSharpSyntaxTree.ParseText(tree.GetText(), parse, tree.FilePath);
            var forked = compilation.ReplaceSyntaxTree(tree, edited);
            var withAnalyzers = forked.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var model = forked.GetSemanticModel(edited);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var diagnostics = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            var ms = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            return (ms, cpuMs, diagnostics.Count(d => d.Id == RuleIdentifiers.IdentityReachesPartner));
        }

        private static double Percentile(List<double> values, double p)
        {
            var sorted = values.OrderBy(v => v).ToList();
            var index = (int)Math.Ceiling(p * sorted.Count) - 1;
            return sorted[Math.Max(0, Math.Min(sorted.Count - 1, index))];
        }

        /// <summary>The baselines: an analyzer that registers nothing, or one empty syntax-node action.</summary>
#pragma warning disable RS1001 // a benchmark baseline, never loaded by a compiler
        private sealed class NoAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
        {
            private readonly bool registersAction;

            public NoAnalyzer(bool registersAction) => this.registersAction = registersAction;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(SuppressionAnalyzer.UnjustifiedSuppression);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                if (registersAction)
                {
                    context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.IdentifierName);
                }
            }
        }
    }
}
