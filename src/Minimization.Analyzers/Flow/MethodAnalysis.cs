using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>Identity that reached a sink by a route the method itself completes: it becomes a MIN001 at <see cref="Location"/>.</summary>
    internal sealed class FlowFinding
    {
        public FlowFinding(Location location, Taint taint, SinkInfo sink)
        {
            Location = location;
            Taint = taint;
            Sink = sink;
        }

        /// <summary>The argument (or assigned value) where the identity meets the sink, or the call that leads to it.</summary>
        public Location Location { get; }

        /// <summary>Concrete labels only, each with the path it took to get here (through callees, where the sink is inside one).</summary>
        public Taint Taint { get; set; }

        public SinkInfo Sink { get; }
    }

    /// <summary>A parameter (or the receiver, through a chain of members) that reaches a sink inside the method.</summary>
    internal sealed class SinkReach
    {
        public SinkReach(TaintEntry entry, SinkInfo sink)
        {
            Entry = entry;
            Sink = sink;
        }

        /// <summary>A symbolic label with the path from the parameter to the sink.</summary>
        public TaintEntry Entry { get; }

        public SinkInfo Sink { get; }
    }

    /// <summary>An analysis bound that made the engine assume a flow (MIN011).</summary>
    internal sealed class BoundFinding
    {
        public BoundFinding(Location location, string bound, string option, string what, string sources)
        {
            Location = location;
            Bound = bound;
            Option = option;
            What = what;
            Sources = sources;
        }

        /// <summary>The identity that was flowing when the bound was hit, as the message names it.</summary>
        public string Sources { get; }

        public Location Location { get; }

        public string Bound { get; }

        public string Option { get; }

        public string What { get; }
    }

    /// <summary>
    /// Everything one analysis of a method body yields: its summary for callers (return value, effects on parameters and the
    /// receiver, parameters that reach sinks) and the findings for the method's own diagnostics. Immutable once published.
    /// </summary>
    internal sealed class MethodAnalysis
    {
        public static readonly MethodAnalysis Empty = new MethodAnalysis(
            AbstractValue.Clean,
            ImmutableDictionary<int, AbstractValue>.Empty,
            ImmutableArray<SinkReach>.Empty,
            ImmutableArray<FlowFinding>.Empty,
            ImmutableArray<BoundFinding>.Empty,
            ImmutableDictionary<ISymbol, AbstractValue>.Empty.WithComparers(SymbolEqualityComparer.Default),
            0,
            false);

        public MethodAnalysis(
            AbstractValue returnValue,
            ImmutableDictionary<int, AbstractValue> parameterEffects,
            ImmutableArray<SinkReach> sinkReaches,
            ImmutableArray<FlowFinding> findings,
            ImmutableArray<BoundFinding> bounds,
            ImmutableDictionary<ISymbol, AbstractValue> memberWrites,
            int depth,
            bool truncated)
        {
            Depth = depth;
            Truncated = truncated;
            ReturnValue = returnValue;
            ParameterEffects = parameterEffects;
            SinkReaches = sinkReaches;
            Findings = findings;
            Bounds = bounds;
            MemberWrites = memberWrites;
            var symbolicWrites = false;
            foreach (var w in memberWrites)
            {
                symbolicWrites |= !w.Value.Self.OnlySymbolic().IsClean;
            }

            IsInert = returnValue.IsClean && parameterEffects.IsEmpty && sinkReaches.IsEmpty && !symbolicWrites;
        }

        /// <summary>How many nested summaries this one rests on, itself included: what it costs a caller against <c>max_call_depth</c>.</summary>
        public int Depth { get; }

        /// <summary>A bound cut this analysis short somewhere inside: a caller treats the call as bounded too (deterministically, whatever the order).</summary>
        public bool Truncated { get; }

        /// <summary>Nothing a caller needs to apply: a clean result, no effects, no sink reached, no parameter stored.</summary>
        public bool IsInert { get; }

        /// <summary>The returned value, with symbolic labels for what comes from parameters or the receiver.</summary>
        public AbstractValue ReturnValue { get; }

        /// <summary>Final values of ref/out parameters, of mutated reference parameters, and of the receiver (key -1).</summary>
        public ImmutableDictionary<int, AbstractValue> ParameterEffects { get; }

        public ImmutableArray<SinkReach> SinkReaches { get; }

        public ImmutableArray<FlowFinding> Findings { get; }

        public ImmutableArray<BoundFinding> Bounds { get; }

        /// <summary>Concrete identity written into fields and properties (any receiver), for the compilation's member-write index.</summary>
        public ImmutableDictionary<ISymbol, AbstractValue> MemberWrites { get; }

        /// <summary>
        /// The entries of <see cref="MemberWrites"/> whose member is an event, in the dictionary's order, found once: the member-write
        /// index asks every writer of every event implementation for them (handlers added through an interface), and enumerating
        /// an immutable dictionary each time cost more than the rest of the shape's analysis.
        /// </summary>
        public KeyValuePair<ISymbol, AbstractValue>[] EventWrites
        {
            get
            {
                var known = Volatile.Read(ref _eventWrites);
                if (known is not null)
                {
                    return known;
                }

                List<KeyValuePair<ISymbol, AbstractValue>>? events = null;
                foreach (var entry in MemberWrites)
                {
                    if (entry.Key is IEventSymbol)
                    {
                        (events ??= new List<KeyValuePair<ISymbol, AbstractValue>>()).Add(entry);
                    }
                }

                var result = events?.ToArray() ?? Array.Empty<KeyValuePair<ISymbol, AbstractValue>>();
                return Interlocked.CompareExchange(ref _eventWrites, result, null) ?? result;
            }
        }

        private KeyValuePair<ISymbol, AbstractValue>[]? _eventWrites;

        /// <summary>
        /// What a caller sees through a call that may run either body: return values, effects and member writes joined, sink
        /// reaches united (one per label). Findings and bounds are the bodies' own and stay with them.
        /// </summary>
        public static MethodAnalysis Join(MethodAnalysis a, MethodAnalysis b)
        {
            if (ReferenceEquals(a, b) || b.IsInert && b.Depth <= a.Depth && (!b.Truncated || a.Truncated))
            {
                return a;
            }

            var effects = a.ParameterEffects;
            foreach (var kv in b.ParameterEffects)
            {
                effects = effects.SetItem(kv.Key, effects.TryGetValue(kv.Key, out var mine) ? mine.Join(kv.Value) : kv.Value);
            }

            var writes = a.MemberWrites;
            foreach (var kv in b.MemberWrites)
            {
                writes = writes.SetItem(kv.Key, writes.TryGetValue(kv.Key, out var mine) ? mine.Join(kv.Value) : kv.Value);
            }

            return new MethodAnalysis(
                a.ReturnValue.Join(b.ReturnValue),
                effects,
                WidenReaches(JoinReaches(a.SinkReaches, b.SinkReaches)),
                ImmutableArray<FlowFinding>.Empty,
                ImmutableArray<BoundFinding>.Empty,
                writes,
                System.Math.Max(a.Depth, b.Depth),
                a.Truncated || b.Truncated);
        }

        /// <summary>
        /// The reaches of both in canonical form (<see cref="CanonicalReaches"/>): the same whichever side is <paramref name="a"/>,
        /// so a join of implementations or of passes does not depend on their order.
        /// </summary>
        private static ImmutableArray<SinkReach> JoinReaches(ImmutableArray<SinkReach> a, ImmutableArray<SinkReach> b)
        {
            if (b.IsEmpty || a == b)
            {
                return a;
            }

            if (a.IsEmpty)
            {
                return b;
            }

            var all = new List<SinkReach>(a.Length + b.Length);
            all.AddRange(a);
            all.AddRange(b);
            return CanonicalReaches(all);
        }

        /// <summary>
        /// Sink reaches as a set, whatever order they were found in: one per label, with the better path; past
        /// <see cref="MaxReaches"/>, widened.
        /// </summary>
        private static ImmutableArray<SinkReach> CanonicalReaches(IEnumerable<SinkReach> reaches)
        {
            var result = new List<SinkReach>();
            var byLabel = new Dictionary<Label, int>();
            foreach (var r in reaches)
            {
                if (byLabel.TryGetValue(r.Entry.Label, out var at))
                {
                    if (!ReferenceEquals(result[at], r) && Taint.IsBetter(r.Entry.Path, result[at].Entry.Path))
                    {
                        result[at] = r;
                    }

                    continue;
                }

                byLabel[r.Entry.Label] = result.Count;
                result.Add(r);
            }

            return WidenReaches(result.ToImmutableArray());
        }

        /// <summary>The most sink reaches a summary keeps one by one; past it they are widened (<see cref="WidenReaches"/>).</summary>
        public const int MaxReaches = 2 * Taint.MaxLabels;

        /// <summary>
        /// Sink reaches past <see cref="MaxReaches"/>: each label becomes its parameter as a whole (a caller's argument reaching
        /// the sink by any of its members), one reach per parameter. Like <see cref="Taint"/>'s widening, nothing is dropped:
        /// a summary whose reaches grow member path by member path around a cycle of fields stops growing instead.
        /// </summary>
        public static ImmutableArray<SinkReach> WidenReaches(ImmutableArray<SinkReach> reaches)
            => reaches.Length <= MaxReaches ? reaches : WidenAll(reaches);

        private static ImmutableArray<SinkReach> WidenAll(ImmutableArray<SinkReach> reaches)
        {
            var byLabel = new Dictionary<Label, int>();
            var result = new List<SinkReach>();
            foreach (var r in reaches)
            {
                var whole = r.Entry.Label.Whole();
                if (!byLabel.TryGetValue(whole, out var at))
                {
                    byLabel[whole] = result.Count;
                    result.Add(ReferenceEquals(whole, r.Entry.Label) ? r : new SinkReach(new TaintEntry(whole, r.Entry.Path), r.Sink));
                }
                else if (Taint.IsBetter(r.Entry.Path, result[at].Entry.Path))
                {
                    result[at] = new SinkReach(new TaintEntry(whole, r.Entry.Path), r.Sink);
                }
            }

            return result.ToImmutableArray();
        }

        /// <summary>
        /// What callers see with every symbolic label folded into its parameter as a whole (values, effects, member writes,
        /// sink reaches): the widening a component applies to members that keep changing, so that its passes end.
        /// </summary>
        public MethodAnalysis Widened()
        {
            var effects = ParameterEffects;
            foreach (var kv in ParameterEffects)
            {
                var widened = kv.Value.Widened();
                if (!ReferenceEquals(widened, kv.Value))
                {
                    effects = effects.SetItem(kv.Key, widened);
                }
            }

            var writes = MemberWrites;
            foreach (var kv in MemberWrites)
            {
                var widened = kv.Value.Widened();
                if (!ReferenceEquals(widened, kv.Value))
                {
                    writes = writes.SetItem(kv.Key, widened);
                }
            }

            var reaches = SinkReaches;
            foreach (var r in SinkReaches)
            {
                if (!r.Entry.Label.IsConcrete && r.Entry.Label.MemberPath.Length > 0)
                {
                    reaches = WidenAll(SinkReaches);
                    break;
                }
            }

            var value = ReturnValue.Widened();
            return ReferenceEquals(value, ReturnValue) && ReferenceEquals(effects, ParameterEffects) && ReferenceEquals(writes, MemberWrites) && reaches == SinkReaches
                ? this
                : new MethodAnalysis(value, effects, reaches, Findings, Bounds, writes, Depth, Truncated);
        }

        /// <summary>
        /// One more evaluation of a member of a component being solved, on top of what its earlier evaluations gave: what
        /// callers see only grows from pass to pass (a widened value can make a later evaluation carry fewer, coarser labels,
        /// and without this the passes could swing between the two), while findings and bounds are the newest evaluation's.
        /// </summary>
        public static MethodAnalysis Accumulate(MethodAnalysis previous, MethodAnalysis next)
        {
            if (ReferenceEquals(previous, Empty) || previous.IsInert && previous.MemberWrites.IsEmpty)
            {
                return next;
            }

            var joined = Join(previous, next);
            return new MethodAnalysis(joined.ReturnValue, joined.ParameterEffects, joined.SinkReaches, next.Findings, next.Bounds, joined.MemberWrites, next.Depth, next.Truncated);
        }

        /// <summary>The same analysis with one more bound reached (MIN011).</summary>
        public MethodAnalysis WithBound(BoundFinding bound)
            => new MethodAnalysis(ReturnValue, ParameterEffects, SinkReaches, Findings, Bounds.Add(bound), MemberWrites, Depth, Truncated);

        /// <summary>The same analysis with another depth and truncation (a component publishes one depth for all its members).</summary>
        public MethodAnalysis WithDepth(int depth, bool truncated)
            => depth == Depth && truncated == Truncated ? this : new MethodAnalysis(ReturnValue, ParameterEffects, SinkReaches, Findings, Bounds, MemberWrites, depth, truncated);

        /// <summary>
        /// Whether a calling method would see the same thing: as <see cref="SameSummary"/>, but member writes compared by their
        /// symbolic labels only (a caller instantiates those; the concrete part is read by the write index alone, that is by
        /// the member's own node). A change that only a member's value sees does not send every caller round again.
        /// </summary>
        public bool SameForCallers(MethodAnalysis other)
        {
            if (Truncated != other.Truncated || !ReturnValue.SameAs(other.ReturnValue) || SinkReaches.Length != other.SinkReaches.Length
                || ParameterEffects.Count != other.ParameterEffects.Count)
            {
                return false;
            }

            foreach (var kv in ParameterEffects)
            {
                if (!other.ParameterEffects.TryGetValue(kv.Key, out var o) || !kv.Value.SameAs(o))
                {
                    return false;
                }
            }

            if (!SymbolicWritesWithin(this, other) || !SymbolicWritesWithin(other, this))
            {
                return false;
            }

            var mine = new HashSet<Label>();
            foreach (var r in SinkReaches)
            {
                mine.Add(r.Entry.Label);
            }

            foreach (var r in other.SinkReaches)
            {
                if (!mine.Contains(r.Entry.Label))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SymbolicWritesWithin(MethodAnalysis a, MethodAnalysis b)
        {
            foreach (var kv in a.MemberWrites)
            {
                var symbolic = kv.Value.Self.OnlySymbolic();
                if (symbolic.IsClean)
                {
                    continue;
                }

                if (!b.MemberWrites.TryGetValue(kv.Key, out var o) || !symbolic.SameLabels(o.Self.OnlySymbolic()))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether a caller would see the same thing: return value, effects, sink reaches, member writes, truncation (paths ignored).</summary>
        public bool SameSummary(MethodAnalysis other)
        {
            if (MemberWrites.Count != other.MemberWrites.Count)
            {
                return false;
            }

            foreach (var kv in MemberWrites)
            {
                if (!other.MemberWrites.TryGetValue(kv.Key, out var o) || !kv.Value.SameAs(o))
                {
                    return false;
                }
            }

            // The writes being the same, their symbolic parts are too: the rest is what a calling method compares.
            return SameForCallers(other);
        }
    }
}
