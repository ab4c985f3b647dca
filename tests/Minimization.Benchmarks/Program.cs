using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Minimization.Benchmarks.Flow;

namespace Minimization.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// <c>--flow [lines...]</c> runs the analyzer-versus-compiler measurement (default 10k, 50k, 200k lines) on a
        /// dense pipeline, <c>--flow-mixed</c> on one where a fifth of the code handles identity;
        /// <c>--smoke</c> runs it once on a small project (CI); anything else goes to BenchmarkDotNet's switcher.
        /// </summary>
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
