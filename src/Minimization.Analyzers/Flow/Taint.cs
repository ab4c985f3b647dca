using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// An immutable, small set of labels with their provenance. Sets stay tiny in practice (a value rarely mixes more
    /// than a handful of sources), so a flat array beats a hash set; past <see cref="MaxLabels"/> the set is widened
    /// (symbolic labels collapse to their parameters, no label is dropped), so that a pathological merge can never grow
    /// without bound and never loses a source.
    /// </summary>
    internal sealed class Taint
    {
        public const int MaxLabels = 24;

        public static readonly Taint Clean = new Taint(ImmutableArray<TaintEntry>.Empty);

        private Taint(ImmutableArray<TaintEntry> entries)
        {
            Entries = entries;
        }

        public ImmutableArray<TaintEntry> Entries { get; }

        public bool IsClean => Entries.Length == 0;

        public static Taint Of(Label label, FlowStep? path) => new Taint(ImmutableArray.Create(new TaintEntry(label, path)));

        public bool Contains(Label label)
        {
            foreach (var e in Entries)
            {
                if (e.Label.Equals(label))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The union of two label sets. Where both carry a label, the entry with the better path stays (shorter, then the
        /// first in a fixed order of steps), so the path a diagnostic shows does not depend on the order values were joined in.
        /// A symbolic label whose parameter is already carried whole (no member path) adds nothing and is left out. Past
        /// <see cref="MaxLabels"/> the set is widened (<see cref="Widen"/>): never cut, since a label dropped is a flow lost.
        /// </summary>
        public Taint Union(Taint other)
        {
            if (other.IsClean || ReferenceEquals(this, other))
            {
                return this;
            }

            if (IsClean)
            {
                return other;
            }

            if (Entries.Length + other.Entries.Length > IndexedUnionFrom)
            {
                return UnionIndexed(other);
            }

            TaintEntry[]? replaced = null;
            List<TaintEntry>? added = null;
            foreach (var e in other.Entries)
            {
                var at = IndexOf(Entries, e.Label);
                if (at >= 0)
                {
                    var mine = replaced is null ? Entries[at] : replaced[at];
                    if (!ReferenceEquals(mine.Path, e.Path) && IsBetter(e.Path, mine.Path))
                    {
                        replaced ??= Entries.ToArray();
                        replaced[at] = e;
                    }

                    continue;
                }

                if (added is not null)
                {
                    var inAdded = IndexOf(added, e.Label);
                    if (inAdded >= 0)
                    {
                        if (IsBetter(e.Path, added[inAdded].Path))
                        {
                            added[inAdded] = e;
                        }

                        continue;
                    }
                }

                if (!e.Label.IsConcrete && e.Label.MemberPath.Length > 0 && (HasWhole(Entries, e.Label) || added is not null && HasWhole(added, e.Label)))
                {
                    continue;
                }

                (added ??= new List<TaintEntry>()).Add(e);
            }

            if (replaced is null && added is null)
            {
                return this;
            }

            var baseEntries = replaced is null ? Entries : ImmutableArray.Create(replaced);
            var all = baseEntries;
            if (added is not null)
            {
                // One exact-size builder: ImmutableArray.AddRange over a list goes through a slow general insert.
                var builder = ImmutableArray.CreateBuilder<TaintEntry>(baseEntries.Length + added.Count);
                builder.AddRange(baseEntries);
                foreach (var e in added)
                {
                    builder.Add(e);
                }

                all = builder.MoveToImmutable();
            }

            return all.Length > MaxLabels ? Widen(all) : new Taint(all);
        }

        /// <summary>
        /// The same union as <see cref="Union"/>, with the labels found through a hash index instead of a scan: sets past the
        /// cap keep every source (widening folds only symbolic labels), so a program with hundreds of sources meets sets of
        /// hundreds of labels, and a scan per label would make each join quadratic in them.
        /// </summary>
        private Taint UnionIndexed(Taint other)
        {
            var all = new List<TaintEntry>(Entries.Length + other.Entries.Length);
            var index = new Dictionary<Label, int>(Entries.Length + other.Entries.Length);
            foreach (var e in Entries)
            {
                index[e.Label] = all.Count;
                all.Add(e);
            }

            var changed = false;
            foreach (var e in other.Entries)
            {
                if (index.TryGetValue(e.Label, out var at))
                {
                    if (!ReferenceEquals(all[at].Path, e.Path) && IsBetter(e.Path, all[at].Path))
                    {
                        all[at] = e;
                        changed = true;
                    }

                    continue;
                }

                if (!e.Label.IsConcrete && e.Label.MemberPath.Length > 0 && index.ContainsKey(e.Label.Whole()))
                {
                    continue;
                }

                index[e.Label] = all.Count;
                all.Add(e);
                changed = true;
            }

            if (!changed)
            {
                return this;
            }

            return all.Count > MaxLabels ? Widen(all) : new Taint(all.ToImmutableArray());
        }

        /// <summary>Sets at least this large are joined through a hash index (<see cref="UnionIndexed"/>).</summary>
        private const int IndexedUnionFrom = 32;

        /// <summary>
        /// A set grown past <see cref="MaxLabels"/>: every symbolic label is replaced by its parameter as a whole (what the caller
        /// passes, with all its members), which covers it. Concrete labels all stay. The result has at most one label per
        /// parameter besides the sources, so a join stays bounded by the program's sources and a method's parameters, and a
        /// fixpoint over widened values still converges: the set only grows in what it covers.
        /// </summary>
        private static Taint Widen(IReadOnlyList<TaintEntry> entries)
        {
            var foldable = false;
            foreach (var e in entries)
            {
                foldable |= !e.Label.IsConcrete && e.Label.MemberPath.Length > 0;
            }

            if (!foldable)
            {
                // Already as wide as it gets (sources and whole parameters): nothing to fold, and the labels are distinct.
                return new Taint(entries switch
                {
                    ImmutableArray<TaintEntry> array => array,
                    List<TaintEntry> list => list.ToImmutableArray(),
                    _ => ImmutableArray.CreateRange(entries),
                });
            }

            var result = new List<TaintEntry>(entries.Count);
            var index = new Dictionary<Label, int>(entries.Count);
            foreach (var e in entries)
            {
                var label = e.Label.Whole();
                if (!index.TryGetValue(label, out var at))
                {
                    index[label] = result.Count;
                    result.Add(new TaintEntry(label, e.Path));
                }
                else if (IsBetter(e.Path, result[at].Path))
                {
                    result[at] = new TaintEntry(label, e.Path);
                }
            }

            return new Taint(result.ToImmutableArray());
        }

        /// <summary>
        /// Every symbolic label folded into its parameter as a whole (what <see cref="Union"/> does past its cap), whatever the
        /// size: a component whose values keep growing member path by member path stops growing.
        /// </summary>
        public Taint Widened()
        {
            foreach (var e in Entries)
            {
                if (!e.Label.IsConcrete && e.Label.MemberPath.Length > 0)
                {
                    return Widen(Entries);
                }
            }

            return this;
        }

        private static bool HasWhole(IReadOnlyList<TaintEntry> entries, Label label)
        {
            foreach (var e in entries)
            {
                var l = e.Label;
                if (!l.IsConcrete && l.MemberPath.Length == 0 && l.Parameter == label.Parameter && string.Equals(l.Minimizer, label.Minimizer, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static int IndexOf(ImmutableArray<TaintEntry> entries, Label label)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (entries[i].Label.Equals(label))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int IndexOf(List<TaintEntry> entries, Label label)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Label.Equals(label))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The deterministic preference between two paths of one label: shorter first, then step by step by text and position.</summary>
        internal static bool IsBetter(FlowStep? candidate, FlowStep? incumbent) => ComparePaths(candidate, incumbent) < 0;

        internal static int ComparePaths(FlowStep? a, FlowStep? b)
        {
            var la = a?.Length ?? 0;
            var lb = b?.Length ?? 0;
            if (la != lb)
            {
                return la.CompareTo(lb);
            }

            for (; a is not null && b is not null; a = a.Previous, b = b.Previous)
            {
                if (ReferenceEquals(a, b))
                {
                    return 0;
                }

                var c = string.CompareOrdinal(a.Display, b.Display);
                if (c != 0)
                {
                    return c;
                }

                c = CompareLocations(a.Location, b.Location);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }

        internal static int CompareLocations(Location? a, Location? b)
        {
            if (a is null || b is null)
            {
                return a is null ? (b is null ? 0 : -1) : 1;
            }

            var c = string.CompareOrdinal(a.SourceTree?.FilePath ?? string.Empty, b.SourceTree?.FilePath ?? string.Empty);
            return c != 0 ? c : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }

        /// <summary>Appends a hop to every path (bounded, so loops cannot make paths grow forever).</summary>
        public Taint WithStep(string display, Location? location, int maxPath)
        {
            if (IsClean)
            {
                return this;
            }

            var builder = ImmutableArray.CreateBuilder<TaintEntry>(Entries.Length);
            foreach (var e in Entries)
            {
                if (e.Path is not null && (e.Path.Length >= maxPath || string.Equals(e.Path.Display, display, StringComparison.Ordinal)))
                {
                    builder.Add(e);
                }
                else
                {
                    builder.Add(new TaintEntry(e.Label, new FlowStep(display, location, e.Path)));
                }
            }

            return new Taint(builder.MoveToImmutable());
        }

        /// <summary>
        /// Every path extended by a call hop and then by the callee's own inner path (from its parameter to where the label
        /// ends up): how a caller's provenance and a callee's summary compose into one path.
        /// </summary>
        public Taint Extend(string display, Location? location, FlowStep? tail, int maxPath)
        {
            if (IsClean)
            {
                return this;
            }

            var inner = tail?.InOrder();
            var builder = ImmutableArray.CreateBuilder<TaintEntry>(Entries.Length);
            foreach (var e in Entries)
            {
                var path = e.Path;
                if (path is null || path.Length < maxPath)
                {
                    path = new FlowStep(display, location, path);
                }

                if (inner is not null)
                {
                    foreach (var step in inner)
                    {
                        if (path.Length >= maxPath)
                        {
                            break;
                        }

                        path = new FlowStep(step.Display, step.Location, path);
                    }
                }

                builder.Add(new TaintEntry(e.Label, path));
            }

            return new Taint(builder.MoveToImmutable());
        }

        /// <summary>Symbolic labels extended by a member read; concrete labels pass unchanged.</summary>
        public Taint WithMember(string member, int maxMemberPath)
        {
            if (IsClean)
            {
                return this;
            }

            var changed = false;
            var builder = ImmutableArray.CreateBuilder<TaintEntry>(Entries.Length);
            foreach (var e in Entries)
            {
                var label = e.Label.WithMember(member, maxMemberPath);
                changed |= !ReferenceEquals(label, e.Label);
                builder.Add(new TaintEntry(label, e.Path));
            }

            return changed ? new Taint(builder.MoveToImmutable()) : this;
        }

        public Taint OnlyConcrete()
        {
            if (IsClean)
            {
                return this;
            }

            var allConcrete = true;
            foreach (var e in Entries)
            {
                allConcrete &= e.Label.IsConcrete;
            }

            if (allConcrete)
            {
                return this;
            }

            var builder = ImmutableArray.CreateBuilder<TaintEntry>();
            foreach (var e in Entries)
            {
                if (e.Label.IsConcrete)
                {
                    builder.Add(e);
                }
            }

            return builder.Count == 0 ? Clean : new Taint(builder.ToImmutable());
        }

        /// <summary>
        /// Every label marked as having passed through <paramref name="minimizer"/> (labels already minimized keep their first
        /// minimizer); with a <paramref name="display"/>, the minimizer call becomes a hop of every path.
        /// </summary>
        public Taint MinimizedBy(string minimizer, string? display, Location? location, int maxPath)
        {
            if (IsClean)
            {
                return this;
            }

            // One pass with an index, as a union of the relabelled entries one by one would give, without its quadratic copies.
            var all = new List<TaintEntry>(Entries.Length);
            var index = new Dictionary<Label, int>(Entries.Length);
            foreach (var e in Entries)
            {
                var path = display is null || (e.Path is not null && e.Path.Length >= maxPath) ? e.Path : new FlowStep(display, location, e.Path);
                var label = e.Label.MinimizedBy(minimizer);
                if (index.TryGetValue(label, out var at))
                {
                    if (IsBetter(path, all[at].Path))
                    {
                        all[at] = new TaintEntry(label, path);
                    }

                    continue;
                }

                if (!label.IsConcrete && label.MemberPath.Length > 0 && index.ContainsKey(label.Whole()))
                {
                    continue;
                }

                index[label] = all.Count;
                all.Add(new TaintEntry(label, path));
            }

            return all.Count > MaxLabels ? Widen(all) : new Taint(all.ToImmutableArray());
        }

        /// <summary>The labels that have not passed through a minimizer: what MIN001, MIN010 and MIN011 speak of.</summary>
        public Taint WithoutMinimized()
        {
            var any = false;
            foreach (var e in Entries)
            {
                any |= e.Label.IsMinimized;
            }

            if (!any)
            {
                return this;
            }

            var builder = ImmutableArray.CreateBuilder<TaintEntry>();
            foreach (var e in Entries)
            {
                if (!e.Label.IsMinimized)
                {
                    builder.Add(e);
                }
            }

            return builder.Count == 0 ? Clean : new Taint(builder.ToImmutable());
        }

        /// <summary>The labels that have passed through a minimizer (none unless <c>minimization.report_minimized_flows</c> is on).</summary>
        public Taint OnlyMinimized()
        {
            var builder = ImmutableArray.CreateBuilder<TaintEntry>();
            foreach (var e in Entries)
            {
                if (e.Label.IsMinimized)
                {
                    builder.Add(e);
                }
            }

            return builder.Count == 0 ? Clean : builder.Count == Entries.Length ? this : new Taint(builder.ToImmutable());
        }

        public Taint OnlySymbolic()
        {
            var builder = ImmutableArray.CreateBuilder<TaintEntry>();
            foreach (var e in Entries)
            {
                if (!e.Label.IsConcrete)
                {
                    builder.Add(e);
                }
            }

            return builder.Count == 0 ? Clean : builder.Count == Entries.Length ? this : new Taint(builder.ToImmutable());
        }

        /// <summary>Label-set equality (paths ignored): the fixpoint only needs to know whether new identity arrived.</summary>
        public bool SameLabels(Taint other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (Entries.Length != other.Entries.Length)
            {
                return false;
            }

            if (Entries.Length > IndexedUnionFrom)
            {
                var theirs = new HashSet<Label>();
                foreach (var e in other.Entries)
                {
                    theirs.Add(e.Label);
                }

                foreach (var e in Entries)
                {
                    if (!theirs.Contains(e.Label))
                    {
                        return false;
                    }
                }

                return true;
            }

            foreach (var e in Entries)
            {
                if (!other.Contains(e.Label))
                {
                    return false;
                }
            }

            return true;
        }

        public IEnumerable<IdentitySource> Sources()
        {
            foreach (var e in Entries)
            {
                if (e.Label.Source is not null)
                {
                    yield return e.Label.Source;
                }
            }
        }

        /// <summary>The names of the sources, each once, in source order (file, position, then name): the same whatever order they were joined in.</summary>
        public List<string> OrderedSourceNames()
            => Sources()
                .OrderBy(s => s.Location?.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(s => s.Location?.SourceSpan.Start ?? -1)
                .ThenBy(s => s.Display, StringComparer.Ordinal)
                .Select(s => s.Display)
                .Distinct(StringComparer.Ordinal)
                .ToList();

        public override string ToString() => IsClean ? "clean" : string.Join(", ", Entries.Select(e => e.Label.ToString()));
    }
}
