using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// An immutable, small set of labels with their provenance. Sets stay tiny in practice (a value rarely mixes more
    /// than a handful of sources), so a flat array beats a hash set; the set is capped at <see cref="MaxLabels"/>
    /// so that a pathological merge can never grow without bound (the cap keeps the set non-empty, so it stays sound).
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

            TaintEntry[]? replaced = null;
            ImmutableArray<TaintEntry>.Builder? builder = null;
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

                if (builder is not null)
                {
                    var inBuilder = IndexOf(builder, e.Label);
                    if (inBuilder >= 0)
                    {
                        if (IsBetter(e.Path, builder[inBuilder].Path))
                        {
                            builder[inBuilder] = e;
                        }

                        continue;
                    }
                }

                if (Entries.Length + (builder?.Count ?? 0) >= MaxLabels)
                {
                    break;
                }

                builder ??= ImmutableArray.CreateBuilder<TaintEntry>();
                builder.Add(e);
            }

            if (replaced is null && builder is null)
            {
                return this;
            }

            var baseEntries = replaced is null ? Entries : ImmutableArray.Create(replaced);
            return new Taint(builder is null ? baseEntries : baseEntries.AddRange(builder));
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

        private static int IndexOf(ImmutableArray<TaintEntry>.Builder entries, Label label)
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

            var result = Clean;
            foreach (var e in Entries)
            {
                var path = display is null || (e.Path is not null && e.Path.Length >= maxPath) ? e.Path : new FlowStep(display, location, e.Path);
                result = result.Union(Of(e.Label.MinimizedBy(minimizer), path));
            }

            return result;
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
