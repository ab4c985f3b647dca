using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Minimization.Benchmarks.Flow;
using Minimization.Benchmarks.Stress;

namespace Minimization.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// <c>--flow [lines...]</c> runs the analyzer-versus-compiler measurement (default 10k, 50k, 200k lines) on a
        /// dense pipeline, <c>--flow-mixed</c> on one where a fifth of the code handles identity;
        /// <c>--smoke</c> runs it once on a small project (CI).
        /// <c>--stress [shape,...] [lines...] [--timeout seconds]</c> runs the adversarial shapes of <see cref="StressShapes"/>
        /// (default: every shape at 1k, 10k and 100k lines, 300 s per analyzer pass) and reports whether the analyzer's cost per
        /// line stays flat; <c>--stress-smoke</c> runs every shape once at about 1,000 lines with 60 s per pass;
        /// <c>--dump-stress &lt;folder&gt; &lt;shape&gt; &lt;lines&gt;</c> writes one shape's files.
        /// <c>--dump &lt;folder&gt; &lt;lines&gt; [identity share]</c> writes a generated pipeline project.
        /// <c>--latency [lines] [analyzer]</c> measures the editor's latency after a keystroke in every document of the generated project
        /// (default 50k lines), with the MIN analyzers and without; 0 when the floor (median 50 ms, p95 200 ms) is met.
        /// Anything else goes to BenchmarkDotNet's switcher.
        /// </summary>
        /// <returns>0 on success; for the stress runs, see <see cref="StressBenchmark.Run"/>.</returns>
        public static int Main(string[] args)
        {
            if (args.Length > 2 && args[0] == "--dump")
            {
                // --dump <folder> <lines> [identity share]: writes a generated project, to read it or to build it by hand.
                System.IO.Directory.CreateDirectory(args[1]);
                var share = args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
                foreach (var (name, text) in ProjectGenerator.Generate(int.Parse(args[2]), share))
                {
                    System.IO.File.WriteAllText(System.IO.Path.Combine(args[1], name), text);
                }

                return 0;
            }

            if (args.Length > 3 && args[0] == "--dump-stress")
            {
                // --dump-stress <folder> <shape> <lines>: writes one stress shape's files.
                System.IO.Directory.CreateDirectory(args[1]);
                foreach (var (name, text) in StressShapes.Generate(args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)))
                {
                    System.IO.File.WriteAllText(System.IO.Path.Combine(args[1], name), text);
                }

                return 0;
            }

            if (args.Length > 0 && args[0] == "--harness-survival-parts")
            {
                return Harness.HarnessSpeed.Parts(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, Console.Out);
            }

            if (args.Length > 0 && args[0] == "--harness-speed")
            {
                // --harness-speed [records] [evaluations]: every population check of the harness on one generated population,
                // timed per phase, evaluated once or more (the first evaluation pays for compiling the checks' code).
                int records = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
                int evaluations = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
                return Harness.HarnessSpeed.Run(records, Console.Out, evaluations);
            }

            if (args.Length > 0 && args[0] == "--stress-smoke")
            {
                return StressBenchmark.Run(StressShapes.Names.ToArray(), new[] { 1_000 }, Console.Out, TimeSpan.FromSeconds(60));
            }

            if (args.Length > 0 && args[0] == "--stress")
            {
                // --stress [shape,...] [lines...] [--timeout seconds]: numbers are sizes, anything else a comma-separated list of shapes.
                var shapes = new System.Collections.Generic.List<string>();
                var sizes = new System.Collections.Generic.List<int>();
                var timeout = TimeSpan.FromSeconds(300);
                for (var i = 1; i < args.Length; i++)
                {
                    if (args[i] == "--timeout" && i + 1 < args.Length)
                    {
                        timeout = TimeSpan.FromSeconds(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (int.TryParse(args[i], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var size))
                    {
                        sizes.Add(size);
                    }
                    else
                    {
                        shapes.AddRange(args[i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    }
                }

                return StressBenchmark.Run(
                    shapes.Count > 0 ? shapes.ToArray() : StressShapes.Names.ToArray(),
                    sizes.Count > 0 ? sizes.OrderBy(s => s).ToArray() : StressBenchmark.DefaultSizes,
                    Console.Out,
                    timeout);
            }

            if (args.Length > 0 && args[0] == "--latency")
            {
                // --latency [lines] [analyzer,...]: the last, parts of analyzer type names, measures those analyzers alone.
                return LatencyBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000, Console.Out, args.Length > 2 ? args[2] : null);
            }

            if (args.Length > 0 && args[0] == "--smoke")
            {
                return FlowBenchmark.Run(new[] { 2_000 }, 1, Console.Out);
            }

            if (args.Length > 0 && args[0] is "--flow" or "--flow-mixed")
            {
                // --flow-mixed: one module in five handles identity, the rest is ordinary business code.
                var sizes = args.Skip(1).Select(int.Parse).ToArray();
                return FlowBenchmark.Run(sizes.Length > 0 ? sizes : new[] { 10_000, 50_000, 200_000 }, 3, Console.Out, args[0] == "--flow-mixed" ? 0.2 : 1.0);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
