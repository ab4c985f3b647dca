using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>A function value the analysis can follow when it is invoked: a lambda/local function in some graph, or a method.</summary>
    internal sealed class DelegateTarget : IEquatable<DelegateTarget>
    {
        public DelegateTarget(IFlowAnonymousFunctionOperation lambda, ControlFlowGraph owner)
        {
            Lambda = lambda;
            Owner = owner;
            Captured = ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>>.Empty;
        }

        /// <summary>
        /// A lambda that captured parameters of the function it was made in while they held functions (a handler wrapped in a
        /// lambda, <c>e => handler((T)e)</c>): those functions, so that where the lambda runs later, in another body, the
        /// captured parameter still calls them (Reading 4). One level only: the functions kept here keep nothing themselves.
        /// </summary>
        public DelegateTarget(IFlowAnonymousFunctionOperation lambda, ControlFlowGraph owner, ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>> captured)
        {
            Lambda = lambda;
            Owner = owner;
            Captured = captured;
        }

        public ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>> Captured { get; }

        public DelegateTarget(IMethodSymbol method, AbstractValue? receiver)
        {
            Method = method;
            Receiver = receiver;
            Captured = ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>>.Empty;
        }

        public IFlowAnonymousFunctionOperation? Lambda { get; }

        public ControlFlowGraph? Owner { get; }

        public IMethodSymbol? Method { get; }

        public AbstractValue? Receiver { get; }

        /// <summary>
        /// One lambda is one target, by its syntax: a graph built again for the same body (another pass, another solve) gives
        /// another operation object for it, and counting each as new would make a stored delegate's value grow forever.
        /// </summary>
        public bool Equals(DelegateTarget? other)
            => other is not null && ReferenceEquals(Lambda?.Syntax, other.Lambda?.Syntax) && SymbolEqualityComparer.Default.Equals(Method, other.Method)
                && SameCaptured(Captured, other.Captured);

        private static bool SameCaptured(ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>> a, ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(a[i].Key, b[i].Key) || a[i].Value.Length != b[i].Value.Length)
                {
                    return false;
                }

                foreach (var d in a[i].Value)
                {
                    if (!b[i].Value.Contains(d))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as DelegateTarget);

        public override int GetHashCode() => Lambda?.Syntax.GetHashCode() ?? SymbolEqualityComparer.Default.GetHashCode(Method);
    }

    /// <summary>
    /// The abstract value of one expression or variable: the identity the value itself carries (<see cref="Self"/>), and,
    /// field-sensitively, what its members carry (<see cref="Fields"/>). A member absent from <see cref="Fields"/> reads as
    /// <see cref="Self"/>: an object that is tainted as a whole taints all its members, while an object built from one
    /// identity field and one clean field leaks only through the first. Collections keep their elements in <see cref="Self"/>.
    /// </summary>
    internal sealed class AbstractValue
    {
        public const int MaxFieldDepth = 4;

        public static readonly AbstractValue Clean = new AbstractValue(Taint.Clean, ImmutableDictionary<string, AbstractValue>.Empty, ImmutableArray<DelegateTarget>.Empty);

        private AbstractValue(Taint self, ImmutableDictionary<string, AbstractValue> fields, ImmutableArray<DelegateTarget> delegates, bool fresh = false)
        {
            Self = self;
            Fields = fields;
            Delegates = delegates;
            IsFresh = fresh;
        }

        /// <summary>How deep the members nest: 0 without members, one more than the deepest member's otherwise (found once).</summary>
        public int Height
        {
            get
            {
                if (Fields.IsEmpty)
                {
                    return 0;
                }

                var known = _height;
                if (known > 0)
                {
                    return known;
                }

                var height = 1;
                foreach (var member in FieldEntries)
                {
                    height = Math.Max(height, member.Value.Height + 1);
                }

                _height = height;
                return height;
            }
        }

        private int _height;

        /// <summary>
        /// The members as an array, in the dictionary's order, made once: walking an immutable dictionary rents an enumerator
        /// stack each time, and joins, coverage checks and flattening walk the same small member maps over and over.
        /// </summary>
        public KeyValuePair<string, AbstractValue>[] FieldEntries
        {
            get
            {
                if (Fields.IsEmpty)
                {
                    return NoFields;
                }

                var known = _fieldEntries;
                if (known is not null)
                {
                    return known;
                }

                var entries = new KeyValuePair<string, AbstractValue>[Fields.Count];
                var i = 0;
                foreach (var member in Fields)
                {
                    entries[i++] = member;
                }

                _fieldEntries = entries;
                return entries;
            }
        }

        private static readonly KeyValuePair<string, AbstractValue>[] NoFields = new KeyValuePair<string, AbstractValue>[0];
        private KeyValuePair<string, AbstractValue>[]? _fieldEntries;

        /// <summary>
        /// The value with its members nested at most <paramref name="levels"/> deep: what lies deeper is folded into the member
        /// at the last level (its <see cref="Deep"/> taint), so nothing is lost and nothing nests without end. An object that
        /// holds itself (a service written back into its own field through a call) would otherwise gain a level on every pass
        /// of a loop and never converge.
        /// </summary>
        public AbstractValue Truncated(int levels)
        {
            if (Height <= levels)
            {
                return this;
            }

            if (levels <= 0)
            {
                return Create(Deep(), ImmutableDictionary<string, AbstractValue>.Empty, Delegates, IsFresh);
            }

            var builder = ImmutableDictionary.CreateBuilder<string, AbstractValue>(StringComparer.Ordinal);
            foreach (var field in FieldEntries)
            {
                builder[field.Key] = field.Value.Truncated(levels - 1);
            }

            return Create(Self, builder.ToImmutable(), Delegates, IsFresh);
        }

        /// <summary>
        /// An object created by analyzed code in this method (<c>new</c> of a source type): every member it carries is in
        /// <see cref="Fields"/>, so a member not there is clean — what other code stores into that member elsewhere is not
        /// this object's business.
        /// </summary>
        public bool IsFresh { get; }

        public static readonly AbstractValue FreshObject = new AbstractValue(Taint.Clean, ImmutableDictionary<string, AbstractValue>.Empty, ImmutableArray<DelegateTarget>.Empty, fresh: true);

        public AbstractValue AsFresh() => IsFresh ? this : new AbstractValue(Self, Fields, Delegates, fresh: true);

        public Taint Self { get; }

        /// <summary>The value with every symbolic label folded into its parameter as a whole, in its members too (<see cref="Taint.Widened"/>).</summary>
        public AbstractValue Widened()
        {
            var self = Self.Widened();
            var fields = Fields;
            if (!Fields.IsEmpty)
            {
                var builder = Fields.ToBuilder();
                var changed = false;
                foreach (var kv in FieldEntries)
                {
                    var widened = kv.Value.Widened();
                    if (!ReferenceEquals(widened, kv.Value))
                    {
                        builder[kv.Key] = widened;
                        changed = true;
                    }
                }

                if (changed)
                {
                    fields = builder.ToImmutable();
                }
            }

            return ReferenceEquals(self, Self) && ReferenceEquals(fields, Fields) ? this : new AbstractValue(self, fields, Delegates, IsFresh);
        }

        public ImmutableDictionary<string, AbstractValue> Fields { get; }

        public ImmutableArray<DelegateTarget> Delegates { get; }

        public bool IsClean => Self.IsClean && Fields.IsEmpty && Delegates.IsEmpty;

        public static AbstractValue Of(Taint taint) => taint.IsClean ? Clean : new AbstractValue(taint, ImmutableDictionary<string, AbstractValue>.Empty, ImmutableArray<DelegateTarget>.Empty);

        public static AbstractValue OfDelegate(DelegateTarget target, Taint captured)
            => new AbstractValue(captured, ImmutableDictionary<string, AbstractValue>.Empty, ImmutableArray.Create(target));

        public static AbstractValue Of(Taint taint, ImmutableArray<DelegateTarget> delegates) => Create(taint, ImmutableDictionary<string, AbstractValue>.Empty, delegates);

        public AbstractValue WithSelf(Taint self) => ReferenceEquals(self, Self) ? this : Create(self, Fields, Delegates, IsFresh);

        /// <summary>The value without the labels <paramref name="drop"/> selects, in its members too.</summary>
        public AbstractValue Without(Func<Label, bool> drop)
        {
            var fields = Fields;
            foreach (var kv in FieldEntries)
            {
                var kept = kv.Value.Without(drop);
                if (!ReferenceEquals(kept, kv.Value))
                {
                    fields = kept.IsClean ? fields.Remove(kv.Key) : fields.SetItem(kv.Key, kept);
                }
            }

            var self = Self.Without(drop);
            return ReferenceEquals(self, Self) && ReferenceEquals(fields, Fields) ? this : Create(self, fields, Delegates, IsFresh);
        }

        private static AbstractValue Create(Taint self, ImmutableDictionary<string, AbstractValue> fields, ImmutableArray<DelegateTarget> delegates, bool fresh = false)
            => self.IsClean && fields.IsEmpty && delegates.IsEmpty ? (fresh ? FreshObject : Clean) : new AbstractValue(self, fields, delegates, fresh);

        public AbstractValue WithField(string name, AbstractValue value, int depth = 0)
        {
            if (depth >= MaxFieldDepth)
            {
                return WithSelf(Self.Union(value.Deep()));
            }

            return Create(Self, Fields.SetItem(name, value.Truncated(MaxFieldDepth - 1)), Delegates, IsFresh);
        }

        /// <summary>The value read from member <paramref name="name"/>: the tracked field if known, else what the object as a whole carries.</summary>
        public AbstractValue Member(string name, int maxMemberPath)
        {
            if (Label.IsScalarMember(name, out var member))
            {
                // A scalar member of a container (Reading 11): the member as written, else only what the caller's own
                // parameters may put there; the container's identity as a whole does not pass.
                return Fields.TryGetValue(member, out var written) ? written : Of(Self.OnlySymbolic().WithMember(name, maxMemberPath));
            }

            if (Fields.TryGetValue(name, out var field))
            {
                return field;
            }

            return Of(Self.WithMember(name, maxMemberPath));
        }

        /// <summary>Everything the value carries anywhere inside it: what a sink that receives the whole object receives.</summary>
        public Taint Deep(int depth = 0)
        {
            if (Fields.IsEmpty || depth > MaxFieldDepth)
            {
                return Self;
            }

            if (depth == 0 && _deep is { } known)
            {
                // Values are immutable: the flattened taint is computed once (a benign race at worst computes it twice).
                return known;
            }

            var t = Self;
            foreach (var kv in FieldEntries)
            {
                t = t.Union(kv.Value.Deep(depth + 1));
            }

            if (depth == 0)
            {
                _deep = t;
            }

            return t;
        }

        private Taint? _deep;

        public AbstractValue Join(AbstractValue other)
        {
            if (ReferenceEquals(this, other) || other.IsClean && other.IsFresh == IsFresh)
            {
                return this;
            }

            if (IsClean && other.IsFresh == IsFresh)
            {
                return other;
            }

            var fields = Fields;
            if (!other.Fields.IsEmpty || !Fields.IsEmpty)
            {
                var builder = ImmutableDictionary.CreateBuilder<string, AbstractValue>(StringComparer.Ordinal);
                foreach (var kv in FieldEntries)
                {
                    var theirs = other.Fields.TryGetValue(kv.Key, out var o) ? o : Of(other.Self.WithMember(kv.Key, 8));
                    builder[kv.Key] = kv.Value.Join(theirs);
                }

                foreach (var kv in other.FieldEntries)
                {
                    if (!Fields.ContainsKey(kv.Key))
                    {
                        builder[kv.Key] = kv.Value.Join(Of(Self.WithMember(kv.Key, 8)));
                    }
                }

                fields = builder.ToImmutable();
            }

            var delegates = Delegates;
            foreach (var d in other.Delegates)
            {
                if (!delegates.Contains(d) && delegates.Length < 16)
                {
                    delegates = delegates.Add(d);
                }
            }

            return Create(Self.Union(other.Self), fields, delegates, IsFresh && other.IsFresh);
        }

        /// <summary>
        /// Whether <c>Join(other)</c> would be <see cref="SameAs"/> this value: everything <paramref name="other"/> carries (labels,
        /// members, delegates) is here already. Answered without building the join, which a state at a loop head or a branch's
        /// end would otherwise build only to throw away.
        /// </summary>
        public bool Covers(AbstractValue other, int depth = 0)
        {
            if (ReferenceEquals(this, other) || other.IsClean && other.IsFresh == IsFresh)
            {
                return true;
            }

            if (IsFresh && !other.IsFresh || !Self.CoversLabels(other.Self))
            {
                return false;
            }

            foreach (var d in other.Delegates)
            {
                if (!Delegates.Contains(d))
                {
                    return false;
                }
            }

            foreach (var kv in other.FieldEntries)
            {
                if (!Fields.ContainsKey(kv.Key))
                {
                    return false;
                }
            }

            if (depth > MaxFieldDepth)
            {
                return true;
            }

            foreach (var kv in other.FieldEntries)
            {
                if (!Fields[kv.Key].Covers(kv.Value, depth + 1))
                {
                    return false;
                }
            }

            if (Fields.Count > other.Fields.Count)
            {
                // A member only this value tracks meets what the other carries as a whole, read through that member.
                foreach (var kv in FieldEntries)
                {
                    if (!other.Fields.ContainsKey(kv.Key) && !kv.Value.Covers(Of(other.Self.WithMember(kv.Key, 8)), depth + 1))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public bool SameAs(AbstractValue other, int depth = 0)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (IsFresh != other.IsFresh || !Self.SameLabels(other.Self) || Fields.Count != other.Fields.Count || Delegates.Length != other.Delegates.Length)
            {
                return false;
            }

            foreach (var d in Delegates)
            {
                if (!other.Delegates.Contains(d))
                {
                    return false;
                }
            }

            if (depth > MaxFieldDepth)
            {
                return true;
            }

            foreach (var kv in FieldEntries)
            {
                if (!other.Fields.TryGetValue(kv.Key, out var o) || !kv.Value.SameAs(o, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        public AbstractValue WithStep(string display, Location? location, int maxPath)
            => MapTaints((display, location, maxPath), static (t, s) => t.WithStep(s.display, s.location, s.maxPath));

        /// <summary>The value with its own taint and every member's mapped by <paramref name="map"/> (a step added to every path, ...).</summary>
        public AbstractValue MapTaints<TState>(TState state, Func<Taint, TState, Taint> map)
        {
            if (IsClean)
            {
                return this;
            }

            var fields = Fields;
            if (!fields.IsEmpty)
            {
                var builder = fields.ToBuilder();
                foreach (var kv in fields)
                {
                    builder[kv.Key] = kv.Value.MapTaints(state, map);
                }

                fields = builder.ToImmutable();
            }

            return Create(map(Self, state), fields, Delegates, IsFresh);
        }

        /// <summary>The value with every taint collapsed into <see cref="Self"/>: used where precision would cost soundness (library calls, dynamic).</summary>
        public AbstractValue Flatten() => Fields.IsEmpty ? this : Create(Deep(), ImmutableDictionary<string, AbstractValue>.Empty, Delegates);
    }
}
