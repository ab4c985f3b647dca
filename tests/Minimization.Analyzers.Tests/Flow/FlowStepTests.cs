using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A callee's inner path is placed on a caller's path as one step that makes the rest when first walked. These check,
    /// against the plain list of steps, that the placed path reads the same (steps, order, elision past the cap), that its
    /// length is its number of steps, and that comparing two paths gives the same answer as comparing their lists, also
    /// when both repeat one callee path.
    /// </summary>
    public sealed class FlowStepTests
    {
        private const int MaxPath = 16;

        private static FlowStep Chain(IEnumerable<string> displays)
        {
            FlowStep? step = null;
            foreach (var d in displays)
            {
                step = new FlowStep(d, null, step);
            }

            return step!;
        }

        private static List<string> Steps(FlowStep? path) => path is null ? new List<string>() : path.InOrder().Select(s => s.Display).ToList();

        /// <summary>What appending <paramref name="tail"/> to <paramref name="path"/> must read: both in order, or past the cap the first step, the marker and the newest half.</summary>
        private static List<string> Expected(List<string> path, List<string> tail)
        {
            var all = path.Concat(tail).ToList();
            if (all.Count <= MaxPath)
            {
                return all;
            }

            var keep = Math.Max(1, MaxPath / 2);
            var fromTail = Math.Min(keep, tail.Count);
            var result = new List<string> { all[0], FlowStep.ElisionDisplay };
            if (fromTail < keep && path.Count > 1)
            {
                result.AddRange(path.Skip(path.Count - Math.Min(keep - fromTail, path.Count - 1)));
            }

            result.AddRange(tail.Skip(tail.Count - fromTail));
            return result;
        }

        private static int Compare(List<string> a, List<string> b)
        {
            if (a.Count != b.Count)
            {
                return a.Count.CompareTo(b.Count);
            }

            for (var i = a.Count - 1; i >= 0; i--)
            {
                var c = string.CompareOrdinal(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }

        [Fact]
        public void A_callee_path_placed_on_caller_paths_reads_as_its_steps_in_order_with_the_elision_of_a_copy()
        {
            var random = new Random(7);
            var paths = new List<FlowStep>();
            for (var round = 0; round < 3000; round++)
            {
                var prefix = random.Next(4) == 0 || paths.Count == 0
                    ? Chain(Enumerable.Range(0, random.Next(1, 20)).Select(i => $"p{random.Next(4)}"))
                    : paths[random.Next(paths.Count)];
                var tail = random.Next(3) == 0 && paths.Count > 0
                    ? paths[random.Next(paths.Count)]
                    : Chain(Enumerable.Range(0, random.Next(1, 20)).Select(i => $"t{random.Next(4)}"));

                var joined = FlowStep.Append(prefix, tail, MaxPath)!;
                var expected = Expected(Steps(prefix), Steps(tail));

                Assert.Equal(expected, Steps(joined));
                Assert.Equal(expected.Count, joined.Length);
                paths.Add(joined);
            }
        }

        [Fact]
        public void Comparing_paths_that_repeat_one_callee_path_agrees_with_comparing_their_steps()
        {
            var random = new Random(11);
            var tails = Enumerable.Range(0, 5).Select(_ => Chain(Enumerable.Range(0, random.Next(2, 9)).Select(i => $"t{random.Next(3)}"))).ToList();
            var paths = new List<FlowStep>();
            for (var i = 0; i < 400; i++)
            {
                var prefix = Chain(Enumerable.Range(0, random.Next(1, 8)).Select(j => $"p{random.Next(3)}"));
                var path = FlowStep.Append(prefix, tails[random.Next(tails.Count)], MaxPath)!;
                paths.Add(random.Next(2) == 0 ? path : FlowStep.Append(path, tails[random.Next(tails.Count)], MaxPath)!);
            }

            var lists = paths.Select(Steps).ToList();
            var sameLength = 0;
            for (var a = 0; a < paths.Count; a++)
            {
                for (var b = 0; b < paths.Count; b++)
                {
                    sameLength += paths[a].Length == paths[b].Length ? 1 : 0;
                    Assert.Equal(Math.Sign(Compare(lists[a], lists[b])), Math.Sign(Taint.ComparePaths(paths[a], paths[b])));
                }
            }

            // The comparison went past the lengths for many pairs: the shared steps were really compared.
            Assert.True(sameLength > paths.Count * 10, $"only {sameLength} pairs of the same length");
        }
    }
}
