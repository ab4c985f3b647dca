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

            ImmutableArray<TaintEntry>.Builder? builder = null;
            foreach (var e in other.Entries)
            {
                if (Contains(e.Label) || (builder is not null && ContainsIn(builder, e.Label)))
                {
                    continue;
                }

                if (Entries.Length + (builder?.Count ?? 0) >= MaxLabels)
                {
                    break;
                }

                builder ??= ImmutableArray.CreateBuilder<TaintEntry>();
                builder.Add(e);
            }

            return builder is null ? this : new Taint(Entries.AddRange(builder));
        }

        private static bool ContainsIn(ImmutableArray<TaintEntry>.Builder builder, Label label)
        {
            foreach (var e in builder)
            {
                if (e.Label.Equals(label))
                {
                    return true;
                }
            }

            return false;
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

        public override string ToString() => IsClean ? "clean" : string.Join(", ", Entries.Select(e => e.Label.ToString()));
    }
}
