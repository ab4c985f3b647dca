using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Minimization.Benchmarks.Flow;

namespace Minimization.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// <c>--flow [lines...]</c> runs the analyzer-versus-compiler measurement (default 10k, 50k, 200k lines);
        /// <c>--smoke</c> runs it once on a small project (CI); anything else goes to BenchmarkDotNet's switcher.
        /// </summary>
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--smoke")
            {
                return FlowBenchmark.Run(new[] { 2_000 }, 1, Console.Out);
            }

            if (args.Length > 0 && args[0] == "--flow")
            {
                var sizes = args.Skip(1).Select(int.Parse).ToArray();
                return FlowBenchmark.Run(sizes.Length > 0 ? sizes : new[] { 10_000, 50_000, 200_000 }, 3, Console.Out);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
