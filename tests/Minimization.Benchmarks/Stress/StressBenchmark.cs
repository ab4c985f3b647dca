using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Minimization.Analyzers;
using Minimization.Benchmarks.Flow;

namespace Minimization.Benchmarks.Stress
{
    /// <summary>
    /// Runs the flow analyzer on the adversarial shapes of <see cref="StressShapes"/> at growing sizes and says, per shape,
    /// whether its cost stays linear: analyzer time per 1k lines at the largest size divided by the same at the smallest
    /// (the flatness), flagged above 1.5. Each analyzer pass has a deadline (a cancellation token, and a wait that gives up
    /// should the token not be observed), so a shape that makes the analysis blow up shows as TIMEOUT instead of a hang.
    /// A plain console measurement, one iteration per size, like <see cref="FlowBenchmark"/>: the question is the shape of the
    /// curve, not the last percent.
    /// </summary>
    /// <remarks>
    /// Columns: the compiler alone (<c>GetDiagnostics()</c> plus <c>Emit</c> on a compilation without analyzers); the analyzer
    /// pass (<c>GetAnalyzerDiagnosticsAsync</c> on a fresh compilation, so it includes the driver's own binding of every
    /// body) and, within it, the time spent in the analyzer's callbacks, on which ms per 1k lines, the ratio to the compiler and the
    /// flatness are computed; the managed heap's peak growth during the pass (sampled every 50 ms) and what it still holds
    /// after it (the compilation with its analysis results alive); and the MIN001 and MIN011 counts.
    /// </remarks>
    public static class StressBenchmark
    {
        /// <summary>The sizes a run without explicit sizes measures.</summary>
        public static readonly int[] DefaultSizes = { 1_000, 10_000, 100_000 };

        /// <summary>Flatness (ms per 1k lines at the largest size / at the smallest) above which a shape is flagged.</summary>
        public const double FlatnessLimit = 1.5;

        /// <summary>How long to wait past the deadline for an analyzer pass that ignores its cancellation token before abandoning it.</summary>
        private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

        /// <summary>Measures every shape at every size and prints one markdown table of runs and one of flatness per shape.</summary>
        /// <param name="shapes">Names from <see cref="StressShapes.Names"/>.</param>
        /// <param name="sizes">Lines per generated project, smallest first; after a timeout the larger sizes of that shape are skipped.</param>
        /// <param name="output">Where the tables go.</param>
        /// <param name="perRunTimeout">The deadline of one analyzer pass.</param>
        /// <returns>
        /// 0 when every run completed cleanly; otherwise the sum of 1 (an analyzer exception: AD0001 or MIN012),
        /// 2 (a generated project did not compile) and 4 (an analyzer pass timed out).
        /// </returns>
        public static int Run(string[] shapes, int[] sizes, TextWriter output, TimeSpan perRunTimeout)
        {
            foreach (var shape in shapes)
            {
                StressShapes.Describe(shape); // fails fast on an unknown name
            }

            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(Minimization.IdentityBearingAttribute).Assembly.Location))
                .ToImmutableArray();
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);

            // Warm-up, untimed: JIT tiering of the analyzer would otherwise land in the first shape's first size.
            for (var warm = 0; warm < 2; warm++)
            {
                var warmTrees = ProjectGenerator.Generate(3_000).Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Name)).ToArray();
                var warmCompilation = CSharpCompilation.Create("Warm", warmTrees, references, options);
                warmCompilation.GetDiagnostics();
                warmCompilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdentityFlowAnalyzer())).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            }

            output.WriteLine($"Analyzer pass deadline: {perRunTimeout.TotalSeconds:N0} s per run.");
            output.WriteLine();
            output.WriteLine("| shape | lines | files | compile: GetDiagnostics + Emit | analyzer pass | analyzer callbacks | callbacks ms per 1k lines | callbacks / compile | peak extra heap | retained heap | MIN001 | MIN011 |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            output.Flush();

            var exit = 0;
            var perShape = new List<(string Shape, List<(int Lines, double? MsPerKloc)> Points)>();
            foreach (var shape in shapes)
            {
                var points = new List<(int Lines, double? MsPerKloc)>();
                perShape.Add((shape, points));
                var skip = false;
                foreach (var size in sizes)
                {
                    if (skip)
                    {
                        output.WriteLine($"| {shape} | ~{size:N0} | | | skipped: a smaller size timed out | | | | | | | |");
                        points.Add((size, null));
                        continue;
                    }

                    var run = Measure(shape, size, references, parse, options, perRunTimeout);
                    exit |= run.Exit;
                    if (run.Error is not null)
                    {
                        output.WriteLine($"| {shape} | {run.Lines:N0} | {run.Files:N0} | does not compile: {run.Error.Replace("|", "\\|")} | | | | | | | | |");
                        skip = true;
                    }
                    else if (run.TimedOut)
                    {
                        var note = run.Abandoned ? $"**TIMEOUT** (> {perRunTimeout.TotalSeconds:N0} s, token not observed; abandoned)" : $"**TIMEOUT** (> {perRunTimeout.TotalSeconds:N0} s)";
                        output.WriteLine($"| {shape} | {run.Lines:N0} | {run.Files:N0} | {run.CompileMs:N0} ms | {note} | | | | {Mb(run.PeakBytes)} | | | |");
                        points.Add((run.Lines, null));
                        skip = true;
                    }
                    else
                    {
                        var perKloc = run.CallbacksMs / (run.Lines / 1000.0);
                        var failures = run.Failures > 0 ? $" ({run.Failures} AD0001/MIN012)" : "";
                        output.WriteLine($"| {shape} | {run.Lines:N0} | {run.Files:N0} | {run.CompileMs:N0} ms | {run.PassMs:N0} ms{failures} | {run.CallbacksMs:N0} ms | {perKloc:N2} | {run.CallbacksMs / run.CompileMs:P1} | {Mb(run.PeakBytes)} | {Mb(run.RetainedBytes)} | {run.Min001} | {run.Min011} |");
                        points.Add((run.Lines, perKloc));
                    }

                    output.Flush();
                }
            }

            output.WriteLine();
            output.WriteLine($"| shape | what it stresses | smallest | largest | callbacks ms per 1k lines (smallest → largest) | flatness | |");
            output.WriteLine("|---|---|---:|---:|---:|---:|---|");
            foreach (var (shape, points) in perShape)
            {
                if (points.Count == 0)
                {
                    continue;
                }

                var first = points[0];
                var last = points[points.Count - 1];
                string flatness;
                string flag;
                if (first.MsPerKloc is null || last.MsPerKloc is null)
                {
                    flatness = "n/a";
                    flag = "**timeout**";
                }
                else if (points.Count < 2)
                {
                    flatness = "n/a";
                    flag = "one size";
                }
                else
                {
                    var ratio = last.MsPerKloc.Value / Math.Max(0.001, first.MsPerKloc.Value);
                    flatness = ratio.ToString("N2", System.Globalization.CultureInfo.CurrentCulture);
                    flag = ratio > FlatnessLimit ? $"**> {FlatnessLimit:N1}: not linear**" : "ok";
                }

                var perKloc = (first.MsPerKloc is null ? "TIMEOUT" : first.MsPerKloc.Value.ToString("N2", System.Globalization.CultureInfo.CurrentCulture))
                    + " → " + (last.MsPerKloc is null ? "TIMEOUT" : last.MsPerKloc.Value.ToString("N2", System.Globalization.CultureInfo.CurrentCulture));
                output.WriteLine($"| {shape} | {StressShapes.Describe(shape)} | {first.Lines:N0} | {last.Lines:N0} | {perKloc} | {flatness} | {flag} |");
            }

            output.Flush();
            return exit;
        }

        private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MB";

        /// <summary>One shape at one size: the compiler alone, then the analyzer pass under the deadline.</summary>
        private static RunResult Measure(string shape, int size, ImmutableArray<MetadataReference> references, CSharpParseOptions parse, CSharpCompilationOptions options, TimeSpan timeout)
        {
            var files = StressShapes.Generate(shape, size);
            var result = new RunResult
            {
                Files = files.Count,
                Lines = files.Sum(f => f.Text.Count(c => c == '\n') + 1),
            };
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Name)).ToArray();

            // The compiler alone.
            var plain = CSharpCompilation.Create("Stress", trees, references, options);
            var sw = Stopwatch.StartNew();
            var firstError = plain.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            using (var pe = new MemoryStream())
            {
                plain.Emit(pe);
            }

            result.CompileMs = sw.Elapsed.TotalMilliseconds;
            if (firstError is not null)
            {
                result.Error = firstError.ToString();
                result.Exit = 2;
                return result;
            }

            plain = null;

            // The analyzer pass, on a fresh compilation, with a deadline.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var analyzer = new IdentityFlowAnalyzer();
            var exceptions = 0;
            var withAnalyzers = CSharpCompilation.Create("Stress", trees, references, options)
                .WithAnalyzers(
                    ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                    new CompilationWithAnalyzersOptions(
                        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                        (_, _, _) => Interlocked.Increment(ref exceptions),
                        concurrentAnalysis: false,
                        logAnalyzerExecutionTime: true));
            long peak = before;
            using var sampler = new Timer(_ =>
            {
                var now = GC.GetTotalMemory(forceFullCollection: false);
                long seen;
                while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                {
                }
            }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
            using var deadline = new CancellationTokenSource(timeout);
            sw.Restart();
            var pass = Task.Run(() => withAnalyzers.GetAnalyzerDiagnosticsAsync(deadline.Token));
            ImmutableArray<Diagnostic> diagnostics;
            try
            {
                if (!pass.Wait(timeout + Grace))
                {
                    // The token was not observed: give the pass up (it goes on in the background until the process ends).
                    result.TimedOut = true;
                    result.Abandoned = true;
                    result.Exit = 4;
                    result.PeakBytes = Interlocked.Read(ref peak) - before;
                    return result;
                }

                diagnostics = pass.Result;
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
            {
                result.TimedOut = true;
                result.Exit = 4;
                result.PeakBytes = Interlocked.Read(ref peak) - before;
                return result;
            }

            result.PassMs = sw.Elapsed.TotalMilliseconds;
            sampler.Change(Timeout.Infinite, Timeout.Infinite);
            result.CallbacksMs = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
            result.PeakBytes = Math.Max(0, Interlocked.Read(ref peak) - before);
            result.RetainedBytes = Math.Max(0, GC.GetTotalMemory(forceFullCollection: true) - before);
            GC.KeepAlive(withAnalyzers);
            result.Min001 = diagnostics.Count(d => d.Id == RuleIdentifiers.IdentityReachesPartner);
            result.Min011 = diagnostics.Count(d => d.Id == RuleIdentifiers.AnalysisBoundReached);
            result.Failures = Math.Max(Volatile.Read(ref exceptions), diagnostics.Count(d => d.Id == "AD0001")) + diagnostics.Count(d => d.Id == RuleIdentifiers.AnalysisFailed);
            if (result.Failures > 0)
            {
                result.Exit = 1;
            }

            return result;
        }

        /// <summary>What one run measured.</summary>
        private sealed class RunResult
        {
            public int Files { get; set; }

            public int Lines { get; set; }

            public double CompileMs { get; set; }

            public string? Error { get; set; }

            public bool TimedOut { get; set; }

            public bool Abandoned { get; set; }

            public double PassMs { get; set; }

            public double CallbacksMs { get; set; }

            public long PeakBytes { get; set; }

            public long RetainedBytes { get; set; }

            public int Min001 { get; set; }

            public int Min011 { get; set; }

            public int Failures { get; set; }

            public int Exit { get; set; }
        }
    }
}
