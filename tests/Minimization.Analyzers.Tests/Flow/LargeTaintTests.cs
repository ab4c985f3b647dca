using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Analyzers.Flow;
using Xunit;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Values that carry many sources (widening folds only symbolic labels, so a value past the cap keeps every source) are
    /// joined through a hash index. These check that the indexed join keeps the union's meaning: every source kept, the
    /// better path of each label chosen, and the result the same whichever side is joined into which.
    /// </summary>
    public sealed class LargeTaintTests
    {
        private static readonly IdentitySource[] Sources = Enumerable.Range(0, 300)
            .Select(i => new IdentitySource($"Person{i}.Phone", "Phone", null, $"source-{i}"))
            .ToArray();

        private static FlowStep Path(Random random)
        {
            FlowStep? step = null;
            var length = random.Next(1, 5);
            for (var i = 0; i < length; i++)
            {
                step = new FlowStep($"local 'v{random.Next(0, 3)}'", null, step);
            }

            return step!;
        }

        private static Taint Value(Random random, int sources, int symbolic)
        {
            var value = Taint.Clean;
            foreach (var i in Enumerable.Range(0, Sources.Length).OrderBy(_ => random.Next()).Take(sources))
            {
                value = value.Union(Taint.Of(Sources[i].AsLabel, Path(random)));
            }

            for (var p = 0; p < symbolic; p++)
            {
                var label = Label.Symbolic(random.Next(0, 6));
                if (random.Next(0, 2) == 0)
                {
                    label = label.WithMember($"M{random.Next(0, 4)}", 4);
                }

                value = value.Union(Taint.Of(label, Path(random)));
            }

            return value;
        }

        public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 12).Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(Seeds))]
        public void A_join_of_two_values_with_hundreds_of_sources_keeps_every_source_with_its_better_path_whichever_side_it_starts_from(int seed)
        {
            var random = new Random(seed);
            var a = Value(random, random.Next(20, 200), random.Next(0, 10));
            var b = Value(random, random.Next(20, 200), random.Next(0, 10));

            var ab = a.Union(b);
            var ba = b.Union(a);

            foreach (var source in a.Sources().Concat(b.Sources()).Distinct())
            {
                Assert.True(ab.Contains(source.AsLabel), $"{source.Display} lost");
                var fromA = a.Entries.Where(e => e.Label.Equals(source.AsLabel)).Select(e => e.Path).DefaultIfEmpty(null).First();
                var fromB = b.Entries.Where(e => e.Label.Equals(source.AsLabel)).Select(e => e.Path).DefaultIfEmpty(null).First();
                var expected = fromA is null ? fromB : fromB is null ? fromA : Taint.IsBetter(fromB, fromA) ? fromB : fromA;
                var kept = ab.Entries.Single(e => e.Label.Equals(source.AsLabel)).Path;
                Assert.Equal(0, Taint.ComparePaths(expected, kept));
            }

            Assert.True(ab.SameLabels(ba), $"{ab} differs from {ba}");
            foreach (var e in ab.Entries)
            {
                Assert.Equal(0, Taint.ComparePaths(e.Path, ba.Entries.Single(x => x.Label.Equals(e.Label)).Path));
            }

            Assert.Equal(ab.Entries.Length, ab.Entries.Select(e => e.Label).Distinct().Count());
        }

        /// <summary>
        /// Small values over a few parameters, whole and by member path, and a few sources: unions of them cross the cap or
        /// not depending on what they hold, which is where order used to matter (a member path dropped next to its whole, a
        /// cap crossed in one order and not in another).
        /// </summary>
        private static List<Taint> Pieces(Random random, int count)
        {
            var pieces = new List<Taint>();
            for (var i = 0; i < count; i++)
            {
                var piece = Taint.Clean;
                var size = random.Next(1, 6);
                for (var j = 0; j < size; j++)
                {
                    Label label;
                    switch (random.Next(0, 3))
                    {
                        case 0:
                            label = Sources[random.Next(0, 12)].AsLabel;
                            break;
                        case 1:
                            label = Label.Symbolic(random.Next(0, 4));
                            break;
                        default:
                            label = Label.Symbolic(random.Next(0, 4)).WithMember($"M{random.Next(0, 5)}", 4);
                            break;
                    }

                    piece = piece.Union(Taint.Of(label, Path(random)));
                }

                pieces.Add(piece);
            }

            return pieces;
        }

        private static Taint Fold(IReadOnlyList<Taint> pieces, Random random)
        {
            // A random binary tree over a random order of the pieces.
            var work = pieces.OrderBy(_ => random.Next()).ToList();
            while (work.Count > 1)
            {
                var i = random.Next(0, work.Count - 1);
                var joined = random.Next(0, 2) == 0 ? work[i].Union(work[i + 1]) : work[i + 1].Union(work[i]);
                work.RemoveAt(i + 1);
                work[i] = joined;
            }

            return work[0];
        }

        private static string Canonical(Taint taint)
            => (taint.IsWidened ? "widened: " : "") + string.Join(
                " | ",
                taint.Entries
                    .Select(e => e.Label + " @ " + string.Join(" > ", e.Path?.InOrder().Select(s => s.Display) ?? Enumerable.Empty<string>()))
                    .OrderBy(x => x, StringComparer.Ordinal));

        [Theory]
        [MemberData(nameof(Seeds))]
        public void Unions_give_the_same_labels_paths_and_widening_whatever_the_order_and_grouping_of_the_values(int seed)
        {
            var random = new Random(seed);
            var pieces = Pieces(random, random.Next(4, 14));
            if (seed % 3 == 0)
            {
                // A member read of a value past the cap next to small ones: it must not come back unwidened.
                pieces.Add(Value(random, 26, 3).WithMember("M1", 4));
            }

            var expected = Canonical(Fold(pieces, random));
            for (var attempt = 0; attempt < 40; attempt++)
            {
                Assert.Equal(expected, Canonical(Fold(pieces, random)));
            }
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void A_builder_gives_the_same_set_as_a_chain_of_unions(int seed)
        {
            var random = new Random(seed);
            var pieces = Pieces(random, random.Next(4, 40));
            pieces.Add(Value(random, random.Next(0, 60), 4));
            var chain = Taint.Clean;
            var builder = new Taint.Builder();
            foreach (var piece in pieces)
            {
                chain = chain.Union(piece);
                builder.Add(piece);
            }

            Assert.Equal(Canonical(chain), Canonical(builder.ToTaint()));
        }

        [Fact]
        public void Joining_a_large_value_with_what_it_already_covers_returns_the_same_value()
        {
            var random = new Random(7);
            var a = Value(random, 150, 0);
            var part = Taint.Clean;
            foreach (var e in a.Entries.Take(40))
            {
                part = part.Union(Taint.Of(e.Label, e.Path));
            }

            Assert.Same(a, a.Union(part));
        }

        [Fact]
        public void A_large_value_minimized_keeps_every_source_once_and_marks_each_minimized()
        {
            var random = new Random(11);
            var a = Value(random, 120, 8);
            var minimized = a.MinimizedBy("Token", "Token(string)", null, 16);

            Assert.Equal(a.Sources().Count(), minimized.Sources().Count());
            Assert.All(minimized.Entries, e => Assert.True(e.Label.IsMinimized));
            Assert.Equal(minimized.Entries.Length, minimized.Entries.Select(e => e.Label).Distinct().Count());
            Assert.True(minimized.WithoutMinimized().IsClean);
        }
    }
}
