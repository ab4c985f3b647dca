using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Analyzers;

namespace Minimization.Benchmarks.Flow
{
    /// <summary>
    /// Measures the flow analyzer against the compiler on generated projects of 10k, 50k and 200k lines:
    /// analyzer time per 1k lines, the ratio of analyzer time to the compiler's own time (binding and emit:
    /// <c>GetDiagnostics()</c> plus <c>Emit</c>, without analyzers) and the extra memory the analysis holds.
    /// A plain console measurement rather than BenchmarkDotNet: one iteration at 200k lines takes seconds and the
    /// quantities are ratios, which BenchmarkDotNet's per-invocation statistics would not add to.
    /// </summary>
    public static class FlowBenchmark
    {
        public static int Run(int[] sizes, int repetitions, TextWriter output, double identityShare = 1.0)
        {
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(Minimization.IdentityBearingAttribute).Assembly.Location))
                .ToImmutableArray();
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);

            output.WriteLine("| lines | files | compile: GetDiagnostics + Emit | analyzer callbacks | callbacks / compile | callbacks ms per 1k lines | CPU: callbacks / compile | analyzer pass incl. driver binding | pass / compile | extra memory | MIN001 |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var failures = 0;

            // Warm-up: JIT tiering of the analyzer (Roslyn itself ships precompiled) would otherwise land in the first size,
            // as it does not in a warm compiler server. Two small untimed passes bring the hot paths to tier 1.
            for (var warm = 0; warm < 2 && sizes.Length > 0; warm++)
            {
                var warmTrees = ProjectGenerator.Generate(3_000).Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Name)).ToArray();
                var warmCompilation = CSharpCompilation.Create("Warm", warmTrees, references, options);
                warmCompilation.GetDiagnostics();
                warmCompilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer())).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            }

            foreach (var size in sizes)
            {
                var files = ProjectGenerator.Generate(size, identityShare);
                var lines = files.Sum(f => f.Text.Count(c => c == '\n') + 1);
                var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Name)).ToArray();

                var compile = new List<double>();
                var analyzer = new List<double>();
                var wallDelta = new List<double>();
                var analyzerWall = new List<double>();
                var compileCpu = new List<double>();
                var callbacksCpu = new List<double>();
                long memory = 0;
                var found = 0;
                for (var r = 0; r < repetitions; r++)
                {
                    // The compiler alone.
                    var plain = CSharpCompilation.Create("Pipeline", trees, references, options);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var errors = plain.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                    using (var pe = new MemoryStream())
                    {
                        plain.Emit(pe);
                    }

                    var compileMs = sw.Elapsed.TotalMilliseconds;
                    var compileCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                    if (errors > 0)
                    {
                        output.WriteLine("generated project does not compile: " + plain.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error));
                        return 2;
                    }

                    // The same work with the analyzer attached, as a build with analyzers does it.
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var before = GC.GetTotalMemory(forceFullCollection: true);
                    var withAnalyzers = CSharpCompilation.Create("Pipeline", trees, references, options)
                        .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer()), new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
                    cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    sw.Restart();
                    var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
                    var analyzerWallMs = sw.Elapsed.TotalMilliseconds;
                    var passCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                    var diagnostics = result.GetAllDiagnostics();
                    var compilerDiagnostics = withAnalyzers.Compilation.GetDiagnostics();
                    using (var pe = new MemoryStream())
                    {
                        withAnalyzers.Compilation.Emit(pe);
                    }

                    var wallMs = sw.Elapsed.TotalMilliseconds;
                    var telemetry = result.AnalyzerTelemetryInfo[withAnalyzers.Analyzers[0]];
                    var after = GC.GetTotalMemory(forceFullCollection: true);
                    GC.KeepAlive(withAnalyzers);
                    memory = Math.Max(memory, after - before);
                    found = diagnostics.Count(d => d.Id == "MIN001");
                    failures += diagnostics.Count(d => d.Id is "AD0001" or "MIN012");

                    compile.Add(compileMs);
                    analyzer.Add(telemetry.ExecutionTime.TotalMilliseconds);
                    wallDelta.Add(wallMs - compileMs);
                    analyzerWall.Add(analyzerWallMs);
                    compileCpu.Add(compileCpuMs);
                    callbacksCpu.Add(passCpuMs * telemetry.ExecutionTime.TotalMilliseconds / Math.Max(1, analyzerWallMs));
                }

                var c = Median(compile);
                var a = Median(analyzer);
                var w = Median(analyzerWall);
                var cpuRatio = Median(callbacksCpu) / Median(compileCpu);
                output.WriteLine($"| {lines:N0} | {files.Count:N0} | {c:N0} ms | {a:N0} ms | {a / c:P1} | {a / (lines / 1000.0):N2} | {cpuRatio:P1} | {w:N0} ms | {w / c:P1} | {memory / (1024.0 * 1024.0):N0} MB | {found} |");
            }

            return failures == 0 ? 0 : 1;
        }

        private static double Median(List<double> values)
        {
            values.Sort();
            return values[values.Count / 2];
        }
    }
}
