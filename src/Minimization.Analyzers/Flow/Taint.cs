using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
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

        private Taint(ImmutableArray<TaintEntry> entries, bool widened = false)
        {
            Entries = entries;
            IsWidened = widened;
        }

        /// <summary>
        /// The set has been widened (its symbolic labels folded into whole parameters), and every union it takes part in is
        /// widened too. Sticky, so that a chain of unions gives the same set whatever order its values come in: without it,
        /// a member path joined after the set crossed <see cref="MaxLabels"/> would stay, and one joined before would be folded.
        /// </summary>
        public bool IsWidened { get; }

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
        /// The union of two label sets: one entry per label, with the better path (shorter, then the first in a fixed order of
        /// steps); past <see cref="MaxLabels"/>, or when either side was widened, the set is widened (never cut, since a label
        /// dropped is a flow lost). It is a plain set union with a sticky widening, so it is commutative and associative in what
        /// it carries and in the paths it keeps: the result is the same whatever order values are joined in (the members of
        /// an object are listed in hash order), and so is every diagnostic's path. A member path stays next to its parameter
        /// carried whole (it is covered, and reporting does not mind): dropping it would make the set, and so the moment the
        /// cap is crossed, depend on which of the two came first.
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

            // The entries of either side are distinct labels: one pass finds what the other side brings (labels not here, and
            // labels here with a worse path), the second writes the union into one array of its exact size, in the order a
            // chain of adds gives (this side's entries in place, the new ones after, in their order). No builder, no index of
            // the result: a large side is looked up through its own index, made once per set.
            var widen = IsWidened || other.IsWidened;
            var index = Entries.Length > IndexedUnionFrom ? LabelIndex() : null;
            var added = 0;
            var better = false;
            foreach (var e in other.Entries)
            {
                var at = Find(index, e.Label);
                if (at < 0)
                {
                    added++;
                }
                else if (!ReferenceEquals(Entries[at].Path, e.Path) && IsBetter(e.Path, Entries[at].Path))
                {
                    better = true;
                }
            }

            if (added == 0 && !better && (IsWidened || !widen))
            {
                return this;
            }

            var result = new TaintEntry[Entries.Length + added];
            Entries.CopyTo(result);
            var count = Entries.Length;
            foreach (var e in other.Entries)
            {
                var at = Find(index, e.Label);
                if (at < 0)
                {
                    result[count++] = e;
                }
                else if (!ReferenceEquals(result[at].Path, e.Path) && IsBetter(e.Path, result[at].Path))
                {
                    result[at] = e;
                }
            }

            return widen || result.Length > MaxLabels ? Widen(result) : new Taint(ImmutableCollectionsMarshal.AsImmutableArray(result));
        }

        private int Find(Dictionary<Label, int>? index, Label label)
            => index is null ? IndexOf(Entries, label) : index.TryGetValue(label, out var found) ? found : -1;

        /// <summary>The position of each label, built once for a large set (immutable, so a race at worst builds it twice).</summary>
        private Dictionary<Label, int> LabelIndex()
        {
            if (Volatile.Read(ref _index) is { } known)
            {
                return known;
            }

            var index = new Dictionary<Label, int>(Entries.Length);
            for (var i = 0; i < Entries.Length; i++)
            {
                index[Entries[i].Label] = i;
            }

            Volatile.Write(ref _index, index);
            return index;
        }

        private Dictionary<Label, int>? _index;

        /// <summary>
        /// Many values joined into one, each entry looked up once: the same set as a chain of <see cref="Union"/>s (a plain
        /// set union whose widening is decided on the whole), without the copy of the growing set that each union of the
        /// chain makes.
        /// </summary>
        public sealed class Builder
        {
            private readonly List<TaintEntry> _all;
            private Dictionary<Label, int>? _index;
            private bool _widen;

            public Builder(int capacity = 0)
            {
                _all = new List<TaintEntry>(capacity);
            }

            /// <summary>Every entry of <paramref name="taint"/>; a widened one widens the result.</summary>
            public void Add(Taint taint)
            {
                _widen |= taint.IsWidened;
                foreach (var e in taint.Entries)
                {
                    Add(e);
                }
            }

            /// <summary>One entry: a label not here yet is added, one here keeps the better of the two paths.</summary>
            public void Add(TaintEntry entry)
            {
                if (_index is null && _all.Count >= IndexedUnionFrom)
                {
                    _index = new Dictionary<Label, int>(_all.Count * 2);
                    for (var i = 0; i < _all.Count; i++)
                    {
                        _index[_all[i].Label] = i;
                    }
                }

                var at = _index is null ? IndexOf(_all, entry.Label) : _index.TryGetValue(entry.Label, out var found) ? found : -1;
                if (at >= 0)
                {
                    if (!ReferenceEquals(_all[at].Path, entry.Path) && IsBetter(entry.Path, _all[at].Path))
                    {
                        _all[at] = entry;
                    }

                    return;
                }

                if (_index is not null)
                {
                    _index[entry.Label] = _all.Count;
                }

                _all.Add(entry);
            }

            /// <summary>Widens the result whatever its size (the entries came from a widened set).</summary>
            public void Widen() => _widen = true;

            /// <summary>The set, widened when asked or past the cap.</summary>
            public Taint ToTaint()
                => _all.Count == 0 ? Clean : _widen || _all.Count > MaxLabels ? Taint.Widen(_all) : new Taint(_all.ToImmutableArray());
        }

        /// <summary>Sets at least this large are joined through a hash index instead of a scan.</summary>
        private const int IndexedUnionFrom = 16;

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
                return new Taint(
                    entries switch
                    {
                        ImmutableArray<TaintEntry> array => array,
                        TaintEntry[] owned => ImmutableCollectionsMarshal.AsImmutableArray(owned),
                        List<TaintEntry> list => list.ToImmutableArray(),
                        _ => ImmutableArray.CreateRange(entries),
                    },
                    widened: true);
            }

            // The folded set is small (the sources, and one label per parameter): found by a scan, a dictionary only past that.
            var result = new TaintEntry[entries.Count];
            var count = 0;
            Dictionary<Label, int>? index = null;
            foreach (var e in entries)
            {
                var label = e.Label.Whole();
                var at = -1;
                if (index is not null)
                {
                    at = index.TryGetValue(label, out var found) ? found : -1;
                }
                else
                {
                    for (var i = 0; i < count; i++)
                    {
                        if (result[i].Label.Equals(label))
                        {
                            at = i;
                            break;
                        }
                    }
                }

                if (at < 0)
                {
                    result[count] = new TaintEntry(label, e.Path);
                    if (index is not null)
                    {
                        index[label] = count;
                    }
                    else if (count == IndexedUnionFrom)
                    {
                        index = new Dictionary<Label, int>(entries.Count);
                        for (var i = 0; i <= count; i++)
                        {
                            index[result[i].Label] = i;
                        }
                    }

                    count++;
                }
                else if (IsBetter(e.Path, result[at].Path))
                {
                    result[at] = new TaintEntry(label, e.Path);
                }
            }

            if (count < result.Length)
            {
                Array.Resize(ref result, count);
            }

            return new Taint(ImmutableCollectionsMarshal.AsImmutableArray(result), widened: true);
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

            return IsWidened || IsClean ? this : new Taint(Entries, widened: true);
        }

        private static int IndexOf(ImmutableArray<TaintEntry> entries, Label label)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (label.Equals(entries[i].Label))
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
                if (label.Equals(entries[i].Label))
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

                while (FlowStep.SameSteps(a, b, out var ontoA, out var ontoB))
                {
                    a = ontoA!;
                    b = ontoB!;
                    if (ReferenceEquals(a, b))
                    {
                        return 0;
                    }
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
            c = c != 0 ? c : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);

            // Chained calls (sb.Append(x).Append(y)) start at the same place: the end tells them apart.
            return c != 0 ? c : a.SourceSpan.End.CompareTo(b.SourceSpan.End);
        }

        /// <summary>One path with a hop appended, as <see cref="WithStep"/> appends it to each of its entries (a hop that repeats the last is not added).</summary>
        public static FlowStep? Step(FlowStep? path, string display, Location? location, int maxPath)
            => path is not null && string.Equals(path.Display, display, StringComparison.Ordinal) ? path : FlowStep.Append(path, display, location, maxPath);

        /// <summary>Appends a hop to every path (bounded: past the cap the oldest steps after the first give way, see <see cref="FlowStep.Append(FlowStep?, string, Location?, int)"/>).</summary>
        public Taint WithStep(string display, Location? location, int maxPath)
        {
            if (IsClean)
            {
                return this;
            }

            return MapPaths((display, location, maxPath), static (path, a) => Step(path, a.display, a.location, a.maxPath));
        }

        /// <summary>
        /// Every path extended by a call hop and then by the callee's own inner path (from its parameter to where the label
        /// ends up): how a caller's provenance and a callee's summary compose into one path.
        /// </summary>
        public Taint Extend(string display, Location? location, FlowStep? tail, int maxPath)
            => IsClean ? this : MapPaths((display, location, tail, maxPath), static (path, a) => FlowStep.Append(FlowStep.Append(path, a.display, a.location, a.maxPath), a.tail, a.maxPath));

        /// <summary>
        /// Every entry's path mapped by <paramref name="extend"/>; entries that share a path (every label a parameter carries in,
        /// often no path at all) share the mapped one too. Itself when no path changes.
        /// </summary>
        private Taint MapPaths<TArgs>(TArgs args, Func<FlowStep?, TArgs, FlowStep?> extend)
        {
            TaintEntry[]? mapped = null;
            FlowStep? lastFrom = null, lastTo = null;
            var any = false;
            for (var i = 0; i < Entries.Length; i++)
            {
                var e = Entries[i];
                if (!any || !ReferenceEquals(e.Path, lastFrom))
                {
                    lastFrom = e.Path;
                    lastTo = extend(e.Path, args);
                    any = true;
                }

                if (mapped is null && !ReferenceEquals(lastTo, e.Path))
                {
                    // The first path that changes: the entries before it are copied as they are, once.
                    mapped = new TaintEntry[Entries.Length];
                    Entries.CopyTo(0, mapped, 0, i);
                }

                if (mapped is not null)
                {
                    mapped[i] = new TaintEntry(e.Label, lastTo);
                }
            }

            return mapped is null ? this : new Taint(ImmutableCollectionsMarshal.AsImmutableArray(mapped), IsWidened);
        }

        /// <summary>Symbolic labels extended by a member read; concrete labels pass unchanged.</summary>
        public Taint WithMember(string member, int maxMemberPath)
        {
            if (IsClean)
            {
                return this;
            }

            if (Entries.Length > MaxLabels)
            {
                // A set past the cap is widened and stays so: its parameters are carried whole, and a member read of them
                // gives them whole again. (Unflagged member paths here would make a later union widen or not depending on
                // which side it started from.)
                return Widened();
            }

            var changed = false;
            var atLimit = false;
            var read = new TaintEntry[Entries.Length];
            for (var i = 0; i < read.Length; i++)
            {
                var e = Entries[i];
                var label = e.Label.WithMember(member, maxMemberPath);
                var same = ReferenceEquals(label, e.Label);
                changed |= !same;
                atLimit |= same && !label.IsConcrete;
                read[i] = new TaintEntry(label, e.Path);
            }

            if (!changed)
            {
                return this;
            }

            if (atLimit)
            {
                // A label already at the member-path limit stays as it is and can meet one that just reached it: one entry each.
                var distinct = new Builder(read.Length);
                foreach (var e in read)
                {
                    distinct.Add(e);
                }

                return distinct.ToTaint();
            }

            return new Taint(ImmutableCollectionsMarshal.AsImmutableArray(read));
        }

        /// <summary>The set without the labels <paramref name="drop"/> selects (itself when none is).</summary>
        public Taint Without(Func<Label, bool> drop)
        {
            var any = false;
            foreach (var e in Entries)
            {
                any |= drop(e.Label);
            }

            if (!any)
            {
                return this;
            }

            var builder = ImmutableArray.CreateBuilder<TaintEntry>();
            foreach (var e in Entries)
            {
                if (!drop(e.Label))
                {
                    builder.Add(e);
                }
            }

            return builder.Count == 0 ? Clean : new Taint(builder.ToImmutable(), IsWidened);
        }

        public Taint OnlyConcrete() => Without(l => !l.IsConcrete);

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

            // Relabelled in one pass into the set a union gives (two labels can meet once both are minimized).
            var result = new Builder(Entries.Length);
            if (IsWidened)
            {
                result.Widen();
            }

            foreach (var e in Entries)
            {
                var path = display is null ? e.Path : FlowStep.Append(e.Path, display, location, maxPath);
                result.Add(new TaintEntry(e.Label.MinimizedBy(minimizer), path));
            }

            return result.ToTaint();
        }

        /// <summary>The labels that have not passed through a minimizer: what MIN001, MIN010 and MIN011 speak of.</summary>
        public Taint WithoutMinimized() => Without(l => l.IsMinimized);

        /// <summary>The labels that have passed through a minimizer (none unless <c>minimization.report_minimized_flows</c> is on).</summary>
        public Taint OnlyMinimized() => Without(l => !l.IsMinimized);

        public Taint OnlySymbolic() => Without(l => l.IsConcrete);

        /// <summary>
        /// Whether a union with <paramref name="other"/> keeps the same labels (<see cref="SameLabels"/>): each of its labels is
        /// here, and it cannot widen this set (this one is widened already, or has no member path to fold).
        /// </summary>
        public bool CoversLabels(Taint other)
        {
            if (other.IsClean || ReferenceEquals(this, other))
            {
                return true;
            }

            if (!IsWidened && Entries.Length > MaxLabels)
            {
                // Not in the form a union gives (past the cap unwidened): the union would widen it.
                return false;
            }

            if (other.IsWidened && !IsWidened)
            {
                foreach (var e in Entries)
                {
                    if (!e.Label.IsConcrete && e.Label.MemberPath.Length > 0)
                    {
                        return false;
                    }
                }
            }

            if (other.Entries.Length > Entries.Length)
            {
                return false;
            }

            var index = Entries.Length > IndexedUnionFrom ? LabelIndex() : null;
            foreach (var e in other.Entries)
            {
                if (index is null ? IndexOf(Entries, e.Label) < 0 : !index.ContainsKey(e.Label))
                {
                    return false;
                }
            }

            return true;
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
                var theirs = other.LabelIndex();
                foreach (var e in Entries)
                {
                    if (!theirs.ContainsKey(e.Label))
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
