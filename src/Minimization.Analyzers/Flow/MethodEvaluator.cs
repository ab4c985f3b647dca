using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// Interprets one control-flow graph over abstract values: a forward, flow-sensitive fixpoint over basic blocks whose
    /// state maps locals, parameters, flow captures, the receiver and static fields to <see cref="AbstractValue"/>s.
    /// Calls are resolved through callee summaries (ordinary methods) or by evaluating the callee's graph in place
    /// (lambdas and local functions, so that captured state is seen exactly).
    /// </summary>
    internal sealed partial class MethodEvaluator
    {
        internal const int MaxPath = 16;
        internal const int MaxMemberPath = 4;
        private const int MaxInlineDepth = 6;

        private static readonly object ThisKey = new object();

        private readonly FlowEngine _engine;
        private readonly FlowAnnotations _ann;
        private readonly ISymbol? _owner;
        private readonly IMethodSymbol? _method;
        private readonly ControlFlowGraph _cfg;
        private readonly AnalysisStack _stack;
        private readonly int _depth;
        private readonly int _inlineDepth;
        private readonly Results _results;
        private readonly State? _inlineInitial;

        /// <summary>
        /// The symbolic labels (parameter ordinals) of parameters whose objects come from calls out of sight: a lambda run where
        /// it is made because it leaves (no caller binds its parameters), a method handed on as a method group to code of the
        /// program. A member read from such an object is what the program writes into that member (the write index), as for
        /// an object of unknown origin. Null for most evaluations; shared with the functions evaluated inside.
        /// </summary>
        private HashSet<int>? _unknownOrigin;

        /// <summary>In a body run in place for a receiver or arguments of known classes: those classes, by parameter ordinal.</summary>
        private Dictionary<int, ImmutableArray<INamedTypeSymbol>>? _knownTypes;
        private State _state = null!;
        private AbstractValue _returnValue = AbstractValue.Clean;
        private bool _returned;
        private Dictionary<IOperation, AbstractValue>? _elementValues;
        private Dictionary<CaptureId, bool>? _assignedCaptures;
        private Dictionary<CaptureId, IOperation>? _capturedTargets;

        /// <summary>Captures of a local or parameter, by the variable they read: a write back to the capture reaches the variable.</summary>
        private Dictionary<CaptureId, IOperation>? _capturedVariables;

        /// <summary>Captures of a call's or creation's result, by the operation: what a local assigned from the capture was made by.</summary>
        private Dictionary<CaptureId, IOperation>? _capturedCalls;

        public MethodEvaluator(FlowEngine engine, IMethodSymbol? method, ControlFlowGraph cfg, AnalysisStack stack, int depth)
            : this(engine, method, method, cfg, stack, depth, 0, new Results(), null)
        {
        }

        private MethodEvaluator(FlowEngine engine, ISymbol? owner, IMethodSymbol? method, ControlFlowGraph cfg, AnalysisStack stack, int depth, int inlineDepth, Results results, State? inlineInitial)
        {
            _engine = engine;
            _ann = engine.Annotations;
            _owner = owner;
            _method = method;
            _cfg = cfg;
            _stack = stack;
            _depth = depth;
            _inlineDepth = inlineDepth;
            _results = results;
            _inlineInitial = inlineInitial;
        }

        /// <summary>
        /// The parameters of the function being evaluated that hold functions here (a handler passed in): what a lambda made
        /// here keeps of them (<see cref="DelegateTarget.Captured"/>), those functions' own captures left out. Empty for most.
        /// </summary>
        private ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>> CapturedFunctions()
        {
            if (_method is null || _method.Parameters.IsEmpty)
            {
                return ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>>.Empty;
            }

            ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>>.Builder? result = null;
            foreach (var p in _method.OriginalDefinition.Parameters)
            {
                if (!_state.TryGet(p, out var value) || value.Delegates.IsEmpty)
                {
                    continue;
                }

                var kept = ImmutableArray.CreateBuilder<DelegateTarget>(value.Delegates.Length);
                foreach (var d in value.Delegates)
                {
                    kept.Add(d.Captured.IsEmpty ? d : d.Lambda is { } l && d.Owner is { } o ? new DelegateTarget(l, o) : d);
                }

                (result ??= ImmutableArray.CreateBuilder<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>>()).Add(new KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>(p, kept.MoveToImmutable()));
            }

            return result?.ToImmutable() ?? ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>>.Empty;
        }

        /// <summary>Everything the evaluation of one method (and the lambdas evaluated inside it) accumulates.</summary>
        private sealed class Results
        {
            public readonly Dictionary<Location, FlowFinding> Findings;
            public readonly Dictionary<Label, SinkReach> Reaches = new Dictionary<Label, SinkReach>();

            /// <summary>
            /// A parameter (or a member path of it) reaching a sink. One reach per label, the one with the better path, so
            /// that the summary does not depend on which sink call was met first.
            /// </summary>
            public void AddReach(SinkReach reach)
            {
                var label = reach.Entry.Label;
                if (!Reaches.TryGetValue(label, out var existing) || Taint.IsBetter(reach.Entry.Path, existing.Entry.Path))
                {
                    Reaches[label] = reach;
                }
            }
            public readonly Dictionary<Location, BoundFinding> Bounds;
            public readonly Dictionary<ISymbol, AbstractValue> MemberWrites;
            private readonly Results? _parent;
            private int _calleeDepth;
            private bool _truncated;

            public int CalleeDepth => _parent?.CalleeDepth ?? _calleeDepth;

            public bool Truncated => _parent?.Truncated ?? _truncated;

            public void UsedCallee(int depth)
            {
                if (_parent is not null)
                {
                    _parent.UsedCallee(depth);
                }
                else if (depth > _calleeDepth)
                {
                    _calleeDepth = depth;
                }
            }

            public void MarkTruncated()
            {
                if (_parent is not null)
                {
                    _parent.MarkTruncated();
                }
                else
                {
                    _truncated = true;
                }
            }

            public Results()
            {
                Findings = new Dictionary<Location, FlowFinding>();
                Bounds = new Dictionary<Location, BoundFinding>();
                MemberWrites = new Dictionary<ISymbol, AbstractValue>(SymbolEqualityComparer.Default);
            }

            /// <summary>
            /// For a function evaluated in place: sink reaches are its own until mapped to the call. Findings are shared when
            /// the function is part of the method being analyzed; a function of another method reports its own findings when
            /// that method is analyzed, so here they are dropped (no duplicates, no diagnostics in other documents).
            /// </summary>
            public Results(Results parent, bool shareFindings)
            {
                _parent = parent;
                Findings = shareFindings ? parent.Findings : new Dictionary<Location, FlowFinding>();
                Bounds = parent.Bounds;
                MemberWrites = parent.MemberWrites;
            }
        }

        /// <summary>Numbers the variables of one evaluation (locals, parameters, captures, the receiver, statics) once.</summary>
        private sealed class Slots
        {
            private readonly Dictionary<object, int> _slots = new Dictionary<object, int>(KeyComparer.Instance);

            public int Count => _slots.Count;

            public int Find(object key) => _slots.TryGetValue(key, out var slot) ? slot : -1;

            public int GetOrAdd(object key)
            {
                if (!_slots.TryGetValue(key, out var slot))
                {
                    slot = _slots.Count;
                    _slots.Add(key, slot);
                }

                return slot;
            }
        }

        /// <summary>
        /// The abstract state at one program point, indexed by the evaluation's variable slots. The slots are kept in chunks
        /// of <see cref="Width"/>, shared between copies until one of them writes (copy on write): entering a basic block
        /// copies only the chunk table, not every slot, and a join skips the chunks both states still share. A method with
        /// many variables and many blocks costs what it writes, not blocks times variables.
        /// </summary>
        private sealed class State
        {
            private const int Shift = 4;
            private const int Width = 1 << Shift;
            private const int Mask = Width - 1;

            private AbstractValue?[]?[] _chunks;

            // Whether this state may write a chunk in place (false for a chunk another state shares): a bit per chunk for the
            // first 64 chunks, an array beyond them (a method with more than a thousand variables).
            private ulong _owned;
            private bool[]? _ownedBeyond;

            public State(Slots slots)
            {
                Slots = slots;
                var count = Math.Max(1, (slots.Count + Mask) >> Shift);
                _chunks = new AbstractValue?[]?[count];
            }

            public State(State other)
            {
                Slots = other.Slots;
                _chunks = (AbstractValue?[]?[])other._chunks.Clone();

                // Both states now share every chunk: neither writes one in place any more.
                other._owned = 0;
                if (other._ownedBeyond is { } beyond)
                {
                    Array.Clear(beyond, 0, beyond.Length);
                }
            }

            public Slots Slots { get; }

            public AbstractValue Get(object key) => Find(key) ?? AbstractValue.Clean;

            public bool TryGet(object key, out AbstractValue value)
            {
                var found = Find(key);
                value = found ?? AbstractValue.Clean;
                return found is not null;
            }

            public void Set(object key, AbstractValue value)
            {
                var slot = Slots.GetOrAdd(key);
                Writable(slot >> Shift)[slot & Mask] = value;
            }

            /// <summary>Joins <paramref name="other"/> into this state; true when anything new arrived.</summary>
            public bool JoinFrom(State other)
            {
                var changed = false;
                var theirChunks = other._chunks;
                if (theirChunks.Length > _chunks.Length)
                {
                    Grow(theirChunks.Length);
                }

                for (var c = 0; c < theirChunks.Length; c++)
                {
                    var theirs = theirChunks[c];
                    var mine = _chunks[c];
                    if (theirs is null || ReferenceEquals(mine, theirs))
                    {
                        continue;
                    }

                    if (mine is null)
                    {
                        // Nothing here yet: share their chunk as it is.
                        _chunks[c] = theirs;
                        SetOwned(c, false);
                        other.SetOwned(c, false);
                        foreach (var value in theirs)
                        {
                            changed |= value is not null && !value.IsClean;
                        }

                        continue;
                    }

                    for (var i = 0; i < Width; i++)
                    {
                        var value = theirs[i];
                        if (value is null)
                        {
                            continue;
                        }

                        var current = mine[i];
                        if (current is null)
                        {
                            mine = Writable(c);
                            mine[i] = value;
                            changed |= !value.IsClean;
                        }
                        else if (!ReferenceEquals(current, value) && !current.Covers(value))
                        {
                            // Only a join that brings something new is computed: the join below keeps the value it had when
                            // the labels are the same (a better path alone does not change a state), so skipping it changes nothing.
                            var joined = current.Join(value);
                            if (!joined.SameAs(current))
                            {
                                mine = Writable(c);
                                mine[i] = joined;
                                changed = true;
                            }
                        }
                    }
                }

                return changed;
            }

            private AbstractValue? Find(object key)
            {
                var slot = Slots.Find(key);
                if (slot < 0 || (slot >> Shift) >= _chunks.Length)
                {
                    return null;
                }

                return _chunks[slot >> Shift]?[slot & Mask];
            }

            private AbstractValue?[] Writable(int chunk)
            {
                if (chunk >= _chunks.Length)
                {
                    Grow(Math.Max(chunk + 1, _chunks.Length * 2));
                }

                var values = _chunks[chunk];
                if (values is null)
                {
                    values = new AbstractValue?[Width];
                }
                else if (!IsOwned(chunk))
                {
                    values = (AbstractValue?[])values.Clone();
                }
                else
                {
                    return values;
                }

                _chunks[chunk] = values;
                SetOwned(chunk, true);
                return values;
            }

            private bool IsOwned(int chunk)
                => chunk < 64 ? (_owned & (1UL << chunk)) != 0 : _ownedBeyond is { } beyond && chunk - 64 < beyond.Length && beyond[chunk - 64];

            private void SetOwned(int chunk, bool owned)
            {
                if (chunk < 64)
                {
                    _owned = owned ? _owned | (1UL << chunk) : _owned & ~(1UL << chunk);
                    return;
                }

                if (_ownedBeyond is null || chunk - 64 >= _ownedBeyond.Length)
                {
                    if (!owned)
                    {
                        return;
                    }

                    Array.Resize(ref _ownedBeyond, Math.Max(chunk - 64 + 1, _chunks.Length - 64));
                }

                _ownedBeyond[chunk - 64] = owned;
            }

            private void Grow(int count) => Array.Resize(ref _chunks, count);
        }

        /// <summary>Pending blocks, always taken lowest ordinal first (reverse post-order is close to ordinal order in Roslyn's graphs).</summary>
        private sealed class Worklist
        {
            private readonly bool[] _pending;
            private int _count;
            private int _lowest;

            public Worklist(int size)
            {
                _pending = new bool[size];
                _lowest = size;
            }

            public int Count => _count;

            public void Add(int index)
            {
                if (!_pending[index])
                {
                    _pending[index] = true;
                    _count++;
                    if (index < _lowest)
                    {
                        _lowest = index;
                    }
                }
            }

            public int TakeFirst()
            {
                while (!_pending[_lowest])
                {
                    _lowest++;
                }

                _pending[_lowest] = false;
                _count--;
                return _lowest;
            }
        }

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public new bool Equals(object? x, object? y)
                => x is ISymbol sx && y is ISymbol sy ? SymbolEqualityComparer.Default.Equals(sx, sy) : object.Equals(x, y);

            public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : obj.GetHashCode();
        }

        public MethodAnalysis Run()
        {
            var exit = Solve();
            var effects = ImmutableDictionary<int, AbstractValue>.Empty;
            if (_method is not null && exit is not null)
            {
                foreach (var p in _method.Parameters)
                {
                    if (exit.TryGet(p, out var final) && (p.RefKind is RefKind.Out or RefKind.Ref || !final.Fields.IsEmpty || !final.SameAs(InitialParameter(p))))
                    {
                        effects = effects.SetItem(p.Ordinal, final);
                    }
                }

                if (!_method.IsStatic && exit.TryGet(ThisKey, out var self) && !self.SameAs(AbstractValue.Of(Taint.Of(Label.Symbolic(Label.ThisParameter), null))))
                {
                    effects = effects.SetItem(Label.ThisParameter, self);
                }
            }

            var findings = ImmutableArray.CreateBuilder<FlowFinding>(_results.Findings.Count);
            findings.AddRange(_results.Findings.Values);
            var bounds = ImmutableArray.CreateBuilder<BoundFinding>(_results.Bounds.Count);
            bounds.AddRange(_results.Bounds.Values);
            return new MethodAnalysis(
                WithoutDeclaredParameters(_returnValue),
                effects,
                MethodAnalysis.WidenReaches(ImmutableArray.CreateRange(_results.Reaches.Values)),
                findings.ToImmutable(),
                bounds.ToImmutable(),
                ImmutableDictionary.CreateRange(SymbolEqualityComparer.Default, _results.MemberWrites),
                _results.CalleeDepth + 1,
                _results.Truncated);
        }

        /// <summary>
        /// A variable, or a chain of fields and properties (not indexers) from a variable, from this object or from a static
        /// member (<c>_outbox</c>, <c>Items</c>, <c>_owner._pending</c>): a place a value can be written back to, read again
        /// without running anything but getters. Captures write back to such a chain only when it holds a collection, a
        /// builder, a stream or a writer (what a call fills): writing whole service objects back through a chain made the
        /// values of a real project's members nest without end.
        /// </summary>
        /// <summary>
        /// The variable or field a capture's value stands for when it is another capture of it (or an assignment to one): a
        /// fillable container that a call on the capture fills.
        /// </summary>
        private IOperation? CapturedStorage(IOperation value)
        {
            var operation = Unconverted(value);
            if (operation is ISimpleAssignmentOperation or ICoalesceAssignmentOperation)
            {
                operation = Unconverted(((IAssignmentOperation)operation).Target);
            }

            if (operation is not IFlowCaptureReferenceOperation reference)
            {
                return null;
            }

            if (_capturedVariables is not null && _capturedVariables.TryGetValue(reference.Id, out var variable))
            {
                return variable;
            }

            return _capturedTargets is not null && _capturedTargets.TryGetValue(reference.Id, out var target)
                && LibraryModel.IsFillableContainer(Unconverted(target).Type) && IsStoragePath(Unconverted(target)) ? Unconverted(target) : null;
        }

        private static bool IsStoragePath(IOperation operation, int depth = 0)
        {
            switch (operation)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return true;
                case IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false } when depth < AbstractValue.MaxFieldDepth:
                    var instance = ((IMemberReferenceOperation)operation).Instance;
                    return instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                        || IsStoragePath(Unconverted(instance), depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>
        /// Joins a returned value into the method's result. The first one is taken as it is, so that a method whose every return
        /// is an object it made (a factory) returns a fresh object (<see cref="AbstractValue.IsFresh"/>), not the join with "nothing yet".
        /// </summary>
        private void Return(AbstractValue value)
        {
            _returnValue = _returned ? _returnValue.Join(value) : value;
            _returned = true;
        }

        private AbstractValue RunInline()
        {
            _exit = Solve();
            return _returnValue;
        }

        /// <summary>The state at the exit of an inline run (a lambda's parameters as it leaves them).</summary>
        private State? _exit;

        /// <summary>
        /// A location an assignment can store into through a capture: a local or parameter (<c>s = b ? x : y</c>), a field,
        /// property, indexer or array element.
        /// </summary>
        private static bool IsStorable(IOperation operation)
            => operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                or IArrayElementReferenceOperation or IEventReferenceOperation or IInvocationOperation { TargetMethod.ReturnsByRef: true };

        /// <summary>
        /// The locations ref locals are bound to (<c>ref var s = ref last.Slot();</c>), by local: a store into the local stores
        /// there. Only a location that can be stored into again without running anything but reads of variables and fields
        /// (<see cref="IsRebindable"/>); a ref local bound to anything else stores into itself only, as before.
        /// </summary>
        private Dictionary<ILocalSymbol, IOperation>? _refBindings;

        /// <summary>
        /// A location a store can reach again later without running anything: a variable, a field or element of a storage path
        /// (<see cref="IsStoragePath"/>), or a call returning by <c>ref</c> on one (its ref arguments such locations too).
        /// </summary>
        private static bool IsRebindable(IOperation location, int depth = 0)
        {
            switch (location)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return true;
                case IFieldReferenceOperation:
                    return IsStoragePath(location);
                case IArrayElementReferenceOperation element:
                    return IsStoragePath(Unconverted(element.ArrayReference));
                case IInvocationOperation { TargetMethod.ReturnsByRef: true } call when depth < 2:
                    if (call.Instance is not null && call.Instance is not IInstanceReferenceOperation && !IsStoragePath(Unconverted(call.Instance)))
                    {
                        return false;
                    }

                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter?.RefKind == RefKind.Ref && !IsRebindable(argument.Value, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether the capture is the target of an assignment in this graph: null if not, false for a plain store, true for a
        /// store that reads the location first (a compound or coalescing assignment).
        /// </summary>
        private bool? AssignedCapture(CaptureId id)
        {
            if (_assignedCaptures is null)
            {
                _assignedCaptures = new Dictionary<CaptureId, bool>();
                var readCaptures = new HashSet<CaptureId>();
                foreach (var block in _cfg.Blocks)
                {
                    foreach (var op in block.Operations)
                    {
                        NoteAssignedCaptures(op, readCaptures);
                    }

                    if (block.BranchValue is { } branch)
                    {
                        NoteAssignedCaptures(branch, readCaptures);
                    }
                }

                foreach (var read in readCaptures)
                {
                    if (_assignedCaptures.ContainsKey(read))
                    {
                        _assignedCaptures[read] = true;
                    }
                }
            }

            return _assignedCaptures.TryGetValue(id, out var reads) ? reads : null;
        }

        private void NoteAssignedCaptures(IOperation root, HashSet<CaptureId> readCaptures)
        {
            foreach (var op in root.DescendantsAndSelf())
            {
                if (op is not IFlowCaptureReferenceOperation reference)
                {
                    continue;
                }

                // A reference that is not a plain store's target reads the location (a ??= tests it before it stores).
                var store = reference.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference);
                var reads = !store || reference.Parent is not ISimpleAssignmentOperation;
                if (_assignedCaptures!.TryGetValue(reference.Id, out var known))
                {
                    _assignedCaptures[reference.Id] = known || reads;
                }
                else if (store)
                {
                    _assignedCaptures[reference.Id] = reads;
                }
                else
                {
                    readCaptures.Add(reference.Id);
                }
            }
        }

        /// <summary>Evaluates what a location's receiver and indices compute, without reading the location itself.</summary>
        private AbstractValue EvalLocation(IOperation location)
        {
            switch (location)
            {
                case IMemberReferenceOperation member:
                    if (member.Instance is { } instance)
                    {
                        Eval(instance);
                    }

                    if (member is IPropertyReferenceOperation property)
                    {
                        foreach (var argument in property.Arguments)
                        {
                            Eval(argument.Value);
                        }
                    }

                    break;
                case IArrayElementReferenceOperation element:
                    Eval(element.ArrayReference);
                    foreach (var index in element.Indices)
                    {
                        Eval(index);
                    }

                    break;
                case IInvocationOperation call:
                    // A call returning by ref, stored through: it runs here, once.
                    Eval(call);
                    break;
            }

            return AbstractValue.Clean;
        }

        private AbstractValue InitialParameter(IParameterSymbol p)
        {
            if (p.RefKind == RefKind.Out)
            {
                return AbstractValue.Clean;
            }

            var symbolic = Taint.Of(Label.Symbolic(p.Ordinal), null);
            var declared = DeclaredSource(p);
            if (declared is not null)
            {
                // Identity the callee declares itself is reported inside the callee (callers are not told it reaches a sink, see
                // Report), but what the caller passed still travels with it: a value built from it names the caller's source too.
                return AbstractValue.Of(Taint.Of(declared.AsLabel, null).Union(symbolic));
            }

            // A callback parameter holds what the program's calls pass for it (Reading 4): kept or run here, those run.
            var passed = _engine.MemberWrites.PassedFunctions(p, _stack.CancellationToken);
            return passed.IsEmpty ? AbstractValue.Of(symbolic) : AbstractValue.Of(symbolic, passed);
        }

        /// <summary>
        /// What a method returns, without the sources its own parameters declare (<c>[IdentityBearing] string address</c>): such
        /// a parameter is a source inside its method; a caller gets what it passed for it (the parameter's symbolic label, which
        /// travels beside), so a caller that passes nothing, or something clean, gets nothing.
        /// </summary>
        private AbstractValue WithoutDeclaredParameters(AbstractValue returned)
        {
            if (returned.IsClean || _method is null)
            {
                return returned;
            }

            HashSet<IdentitySource>? declared = null;
            foreach (var p in _method.Parameters)
            {
                if (_ann.ParameterSource(p) is { } source)
                {
                    (declared ??= new HashSet<IdentitySource>()).Add(source);
                }
            }

            return declared is null ? returned : returned.Without(l => l.Source is not null && declared.Contains(l.Source));
        }

        private IdentitySource? DeclaredSource(IParameterSymbol p) => _ann.ParameterSource(p) ?? _ann.TypeSource(p.Type);

        /// <summary>
        /// Whether the parameter of the analysed method (the owner of an inlined lambda) that a symbolic label stands for declares
        /// identity itself: its sinks are reported inside.
        /// </summary>
        private bool DeclaresIdentity(Label label)
            => label.Parameter >= 0 && _owner is IMethodSymbol owner && label.Parameter < owner.Parameters.Length
                && DeclaredSource(owner.Parameters[label.Parameter]) is not null;

        /// <summary>The fixpoint over the graph; returns the state at the exit block.</summary>
        private State? Solve()
        {
            var blocks = _cfg.Blocks;
            var inStates = new State?[blocks.Length];
            var visits = new int[blocks.Length];
            var initial = _inlineInitial is null ? new State(new Slots()) : new State(_inlineInitial);
            if (_inlineInitial is null && _method is not null)
            {
                foreach (var p in _method.Parameters)
                {
                    initial.Set(p, InitialParameter(p));
                }

                if (!_method.Parameters.IsEmpty && _engine.IsOwn(_method) && _engine.MemberWrites.IsHandedOn(_method, _stack.CancellationToken))
                {
                    // Handed on as a method group to code of the program, which keeps it and runs it out of sight: what it is
                    // given comes from wherever the program makes such objects (ReceivesUnknownObjects).
                    _unknownOrigin = new HashSet<int>();
                    foreach (var p in _method.Parameters)
                    {
                        _unknownOrigin.Add(p.Ordinal);
                    }
                }

                if (_method.PartialImplementationPart is { } implementation)
                {
                    // A partial method is called through its declaration and its body reads its implementation's parameters.
                    foreach (var p in implementation.Parameters)
                    {
                        initial.Set(p, InitialParameter(_method.Parameters[p.Ordinal]));
                    }
                }

                if (!_method.IsStatic)
                {
                    initial.Set(ThisKey, AbstractValue.Of(Taint.Of(Label.Symbolic(Label.ThisParameter), null)));
                }
            }

            inStates[0] = initial;
            var worklist = new Worklist(blocks.Length);
            worklist.Add(0);
            var limit = _engine.Options.MaxFixpointIterations;
            for (var round = 0; round < 4; round++)
            {
                while (worklist.Count > 0)
                {
                    _stack.CancellationToken.ThrowIfCancellationRequested();
                    var index = worklist.TakeFirst();
                    var block = blocks[index];
                    if (++visits[index] > limit)
                    {
                        AddBound(block.Operations.Length > 0 ? block.Operations[0].Syntax.GetLocation() : _cfg.OriginalOperation.Syntax.GetLocation(), "max_fixpoint_iterations", FlowOptions.MaxFixpointIterationsKey, "this loop", "the values it updates");
                        continue;
                    }

                    _state = new State(inStates[index]!);
                    _engine.SpendWork(block.Operations.Length + 1);
                    foreach (var op in block.Operations)
                    {
                        Eval(op);
                    }

                    if (block.BranchValue is { } branch)
                    {
                        var value = Eval(branch);
                        if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                        {
                            Return(value);
                        }
                    }

                    if (block.ConditionalSuccessor is null && block.FallThroughSuccessor is { Destination: { } only, FinallyRegions.IsEmpty: true } && inStates[only.Ordinal] is null)
                    {
                        // Straight-line code: the only successor takes this state as it is, no copy.
                        inStates[only.Ordinal] = _state;
                        worklist.Add(only.Ordinal);
                    }
                    else
                    {
                        // The block's state is not used after its last branch: that one may take it as it is, no copy.
                        Flow(block.FallThroughSuccessor, inStates, worklist, handOver: block.ConditionalSuccessor is null);
                        Flow(block.ConditionalSuccessor, inStates, worklist, handOver: true);
                    }
                }

                // Catch and finally blocks have no ordinary predecessors: enter them with everything the method has seen.
                State? everything = null;
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (inStates[i] is null && blocks[i].Predecessors.IsEmpty && blocks[i].Kind == BasicBlockKind.Block)
                    {
                        if (everything is null)
                        {
                            everything = new State(initial.Slots);
                            foreach (var s in inStates)
                            {
                                if (s is not null)
                                {
                                    everything.JoinFrom(s);
                                }
                            }
                        }

                        inStates[i] = new State(everything);
                        worklist.Add(i);
                    }
                }

                if (worklist.Count == 0)
                {
                    break;
                }
            }

            return inStates[blocks.Length - 1];
        }

        private void Flow(ControlFlowBranch? branch, State?[] inStates, Worklist worklist, bool handOver)
        {
            if (branch?.Destination is not { } destination)
            {
                return;
            }

            var leaving = ThroughFinally(branch);
            var target = destination.Ordinal;
            if (inStates[target] is null)
            {
                inStates[target] = ReferenceEquals(leaving, _state) && !handOver ? new State(_state) : leaving;
                worklist.Add(target);
            }
            else if (inStates[target]!.JoinFrom(leaving))
            {
                worklist.Add(target);
            }
        }

        /// <summary>
        /// The state a branch leaves with: the current one, after the <c>finally</c> blocks it runs on the way out of a
        /// <c>try</c> (`finally { value = Privacy.Hash(value); }` overwrites what is sent after it). The graph enters a finally
        /// only from "everything the method has seen"; here its effects reach the code after it. Only a finally of one basic
        /// block (no branches of its own) is run this way: one with branches keeps the state as it was (its writes may not run).
        /// </summary>
        private State ThroughFinally(ControlFlowBranch branch)
        {
            var regions = branch.FinallyRegions;
            if (regions.IsDefaultOrEmpty)
            {
                return _state;
            }

            foreach (var region in regions)
            {
                if (region.FirstBlockOrdinal != region.LastBlockOrdinal)
                {
                    return _state;
                }
            }

            var saved = _state;
            _state = new State(saved);
            try
            {
                foreach (var region in regions)
                {
                    var block = _cfg.Blocks[region.FirstBlockOrdinal];
                    _engine.SpendWork(block.Operations.Length + 1);
                    foreach (var op in block.Operations)
                    {
                        Eval(op);
                    }
                }

                return _state;
            }
            finally
            {
                _state = saved;
            }
        }

        private AbstractValue Eval(IOperation? op)
        {
            if (op is null)
            {
                return AbstractValue.Clean;
            }

            // Deeply nested expressions and long call chains recurse: fail with a catchable exception (reported as a bound
            // by the caller's call, or as MIN012) rather than overflow the stack and take the compiler down.
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            var value = EvalCore(op);
            var type = op.Type;
            if (type is not null)
            {
                if (LibraryModel.IsPredicateType(type))
                {
                    return AbstractValue.Clean;
                }

                if (op is not ILiteralOperation && _ann.TypeSource(type) is { } source && !value.Self.Contains(source.AsLabel))
                {
                    value = value.WithSelf(value.Self.Union(Taint.Of(source.AsLabel, null)));
                }
            }

            if (op.Parent is IArrayInitializerOperation or ICollectionExpressionOperation { IsImplicit: true })
            {
                (_elementValues ??= new Dictionary<IOperation, AbstractValue>())[op] = value;
            }

            return value;
        }

        /// <summary>
        /// Reading 8: an object interpolated or concatenated into a string is written with its <c>ToString()</c>. When its type's
        /// <c>ToString()</c> is an override in this compilation, what that override reads (identity-bearing members of the
        /// object) is in the text, as if the program had called it.
        /// </summary>
        private AbstractValue WithToString(IOperation operand, AbstractValue value)
        {
            operand = Unconverted(operand);
            if (operand.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface } or INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: true, SpecialType: SpecialType.None })
            {
                return WithDispatchedToString(operand, (INamedTypeSymbol)operand.Type, value);
            }

            if (operand.Type is not INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: TypeKind.Class or TypeKind.Struct } type || OwnToString(type) is not { } toString)
            {
                return value;
            }

            // The text is what the override writes (Reading 8): a ticket holding the raw address whose ToString() prints only its
            // id and token writes no identity. An object of an identity-bearing type keeps its own value too.
            var written = Call(toString, operand, value, Array.Empty<CallArg>(), operand);
            return _ann.TypeSource(type) is null ? written : value.Join(written);
        }

        /// <summary>
        /// Reading 8 through an interface or an abstract class (<c>$"({_left}) and ({_right})"</c> with <c>ISpecification&lt;T&gt;</c>
        /// fields): the text is what the overrides of the types the object can be write. Which types those are, the members
        /// written into the object tell: a type that declares none of them cannot be it. When every written member is declared
        /// by a type with an override of its own, the text is what those overrides write; otherwise (nothing written, or a
        /// member of a type the overrides do not cover) the object is in the text as it is.
        /// </summary>
        private AbstractValue WithDispatchedToString(IOperation operand, INamedTypeSymbol type, AbstractValue value)
        {
            if (value.Fields.IsEmpty || _ann.TypeSource(type) is not null || _engine.ObjectToString is not { } objectToString)
            {
                return value;
            }

            var covered = new HashSet<string>(StringComparer.Ordinal);
            AbstractValue? text = null;
            foreach (var candidate in _engine.Implementations.Candidates(objectToString, type))
            {
                if (!_engine.IsOwn(candidate) || !DeclaresAny(candidate.ContainingType, value.Fields, covered))
                {
                    continue;
                }

                var written = Call(candidate, operand, value, Array.Empty<CallArg>(), operand);
                text = text is null ? written : text.Join(written);
            }

            return text is null || covered.Count < value.Fields.Count ? value : text;
        }

        private static bool DeclaresAny(INamedTypeSymbol type, ImmutableDictionary<string, AbstractValue> written, HashSet<string> covered)
        {
            var any = false;
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var name in written.Keys)
                {
                    if (!t.GetMembers(name).IsEmpty)
                    {
                        covered.Add(name);
                        any = true;
                    }
                }
            }

            return any;
        }

        /// <summary>The <c>ToString()</c> override <paramref name="type"/> has (its own or a base's) when it is in this compilation; found once per type.</summary>
        private IMethodSymbol? OwnToString(INamedTypeSymbol type) => _engine.OwnToStrings.GetOrAdd(type, t => FindOwnToString((INamedTypeSymbol)t));

        private IMethodSymbol? FindOwnToString(INamedTypeSymbol type)
        {
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers("ToString"))
                {
                    if (member is IMethodSymbol { IsOverride: true, IsAbstract: false, Parameters.IsEmpty: true, IsImplicitlyDeclared: false } method)
                    {
                        return _engine.IsOwn(method) ? method : null;
                    }
                }
            }

            return null;
        }

        private AbstractValue EvalChildren(IOperation op)
        {
            var taint = Taint.Clean;
            var delegates = ImmutableArray<DelegateTarget>.Empty;
            foreach (var child in op.ChildOperations)
            {
                var v = Eval(child);
                taint = taint.Union(v.Deep());
                if (!v.Delegates.IsEmpty)
                {
                    delegates = delegates.AddRange(v.Delegates);
                }
            }

            return AbstractValue.Of(taint, delegates.Length > 16 ? delegates.RemoveRange(16, delegates.Length - 16) : delegates);
        }

        private AbstractValue EvalCore(IOperation op)
        {
            switch (op)
            {
                case ILiteralOperation:
                case IDefaultValueOperation:
                case ITypeOfOperation:
                case ISizeOfOperation:
                case INameOfOperation:
                case ICaughtExceptionOperation:
                case IUtf8StringOperation:
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput or InstanceReferenceKind.ImplicitReceiver }:
                    return AbstractValue.Clean;

                case IInstanceReferenceOperation:
                    return _state.Get(ThisKey);

                case ILocalReferenceOperation local:
                    return _state.Get(local.Local);

                case IParameterReferenceOperation parameter:
                    if (_state.TryGet(parameter.Parameter, out var pv))
                    {
                        return pv;
                    }

                    // A primary constructor's parameter read in a member: the object's captured state, and what the
                    // creation sites pass for it (the write index), so that a member that sends it reports it inside (Reading 3).
                    var captured = _state.Get(ThisKey).Member(parameter.Parameter.Name, MaxMemberPath);
                    if (MemberWriteIndex.IsCapturedPrimaryParameter(parameter.Parameter.OriginalDefinition) && _engine.IsOwn(parameter.Parameter.ContainingSymbol))
                    {
                        var passed = _engine.MemberWrites.ValueOf(parameter.Parameter.OriginalDefinition, _stack);
                        if (!passed.IsClean)
                        {
                            captured = captured.Join(passed.WithStep("parameter '" + parameter.Parameter.Name + "'", parameter.Parameter.Locations.Length > 0 ? parameter.Parameter.Locations[0] : null, MaxPath));
                        }
                    }

                    return captured;

                case IFlowCaptureOperation capture:
                {
                    if (IsStorable(capture.Value) && AssignedCapture(capture.Id) is { } alsoRead)
                    {
                        // The target of an assignment whose value has control flow of its own (x.P = a?.B): the graph
                        // captures the location first. The store goes to the location; only a compound store reads it.
                        (_capturedTargets ??= new Dictionary<CaptureId, IOperation>())[capture.Id] = capture.Value;
                        var current = alsoRead ? Eval(capture.Value) : EvalLocation(capture.Value);
                        _state.Set(capture.Id, current);
                        return current;
                    }

                    var v = Eval(capture.Value);
                    _state.Set(capture.Id, v);
                    if (capture.Value is IObjectCreationOperation or IInvocationOperation)
                    {
                        // A creation whose arguments have control flow of their own, assigned from the capture afterwards.
                        (_capturedCalls ??= new Dictionary<CaptureId, IOperation>())[capture.Id] = capture.Value;
                    }
                    else if (Unconverted(capture.Value) is ILocalReferenceOperation or IParameterReferenceOperation
                        || LibraryModel.IsFillableContainer(Unconverted(capture.Value).Type) && IsStoragePath(Unconverted(capture.Value)))
                    {
                        // A variable the graph reads once for two uses (the receiver of `sb.Append($"…")`, also handed to the
                        // interpolation's handler), or before a later argument's own control flow (`_list.Add(new X { … })`):
                        // what fills the capture fills the variable, or this object's field.
                        (_capturedVariables ??= new Dictionary<CaptureId, IOperation>())[capture.Id] = Unconverted(capture.Value);
                    }
                    else if (CapturedStorage(capture.Value) is { } storage)
                    {
                        // `(_events ??= new List<T>()).Add(e)`: the graph captures the field, reads it into a second capture and
                        // the result (it, or the assignment's value) into a third, the call's receiver. What fills that one fills
                        // the field.
                        (_capturedVariables ??= new Dictionary<CaptureId, IOperation>())[capture.Id] = storage;
                    }

                    return v;
                }

                case IFlowCaptureReferenceOperation captureReference:
                    return _state.Get(captureReference.Id);

                case ISimpleAssignmentOperation assignment:
                {
                    if (assignment.Target is IInvocationOperation { TargetMethod.ReturnsByRef: true } refCall)
                    {
                        // `last.Slot() = email`: the call runs (its arguments, its effects), then the store goes where it points.
                        Eval(refCall);
                    }

                    var v = Eval(assignment.Value);
                    if (assignment.IsRef && assignment.Target is ILocalReferenceOperation refLocal)
                    {
                        // `ref var s = ref last.Slot();`: the local reads what the location holds, and a store into it later is
                        // a store into the location.
                        _refBindings?.Remove(refLocal.Local);
                        Assign(assignment.Target, v, assignment.Value, v);
                        if (IsRebindable(assignment.Value))
                        {
                            (_refBindings ??= new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default))[refLocal.Local] = assignment.Value;
                        }

                        return v;
                    }

                    Assign(assignment.Target, v, assignment.Value, v);
                    return v;
                }

                case ICompoundAssignmentOperation compound:
                {
                    var current = Eval(compound.Target);
                    var rhs = Eval(compound.Value);
                    var combined = AbstractValue.Of(current.Deep().Union(rhs.Deep()), current.Delegates.AddRange(rhs.Delegates));
                    Assign(compound.Target, combined, compound.Value, rhs);
                    return combined;
                }

                case ICoalesceAssignmentOperation coalesceAssignment:
                {
                    var current = Eval(coalesceAssignment.Target);
                    var rhs = Eval(coalesceAssignment.Value);
                    var combined = current.Join(rhs);
                    Assign(coalesceAssignment.Target, combined, coalesceAssignment.Value, rhs);
                    return combined;
                }

                case IIncrementOrDecrementOperation increment:
                    return Eval(increment.Target);

                case IDeconstructionAssignmentOperation deconstruction:
                {
                    var v = Eval(deconstruction.Value);
                    if (!DeconstructThroughMethod(deconstruction, v))
                    {
                        Deconstruct(deconstruction.Target, v, deconstruction.Value.Type);
                    }

                    return v;
                }

                case IDeclarationExpressionOperation declaration:
                    return Eval(declaration.Expression);

                case ITupleOperation tuple:
                {
                    var v = AbstractValue.Clean;
                    for (var i = 0; i < tuple.Elements.Length; i++)
                    {
                        var element = Eval(tuple.Elements[i]);
                        if (!element.IsClean)
                        {
                            v = v.WithField("Item" + (i + 1), element);
                        }
                    }

                    return v;
                }

                case IFieldReferenceOperation or IPropertyReferenceOperation or IEventReferenceOperation:
                    return ReadMember((IMemberReferenceOperation)op);

                case IArrayElementReferenceOperation element:
                {
                    var array = Eval(element.ArrayReference);
                    foreach (var index in element.Indices)
                    {
                        Eval(index);
                    }

                    return AbstractValue.Of(array.Deep());
                }

                case IInlineArrayAccessOperation inlineArray:
                    return AbstractValue.Of(Eval(inlineArray.Instance).Deep());

                case IInvocationOperation invocation:
                    return Invoke(invocation);

                case IObjectCreationOperation creation:
                    return Create(creation);

                case ITypeParameterObjectCreationOperation:
                    // `new T()`: a new object that nothing was put in yet (the initializer, if any, writes its members next).
                    return AbstractValue.FreshObject;

                case IAnonymousObjectCreationOperation anonymous:
                {
                    var v = AbstractValue.Clean;
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } a)
                        {
                            var member = Eval(a.Value);
                            if (!member.IsClean)
                            {
                                v = v.WithField(property.Property.Name, member);
                            }
                        }
                        else
                        {
                            v = v.WithSelf(v.Self.Union(Eval(initializer).Deep()));
                        }
                    }

                    return v;
                }

                case IArrayCreationOperation arrayCreation:
                {
                    foreach (var size in arrayCreation.DimensionSizes)
                    {
                        Eval(size);
                    }

                    return arrayCreation.Initializer is null ? AbstractValue.Clean : Eval(arrayCreation.Initializer);
                }

                case IArrayInitializerOperation arrayInitializer:
                {
                    var taint = Taint.Clean;
                    var delegates = ImmutableArray<DelegateTarget>.Empty;
                    foreach (var e in arrayInitializer.ElementValues)
                    {
                        var v = Eval(e);
                        taint = taint.Union(v.Deep());
                        delegates = delegates.AddRange(v.Delegates);
                    }

                    return AbstractValue.Of(taint, delegates.Length > 16 ? ImmutableArray<DelegateTarget>.Empty : delegates);
                }

                case IWithOperation with:
                {
                    var v = Eval(with.Operand);
                    if (with.Initializer is { } init)
                    {
                        foreach (var i in init.Initializers)
                        {
                            if (i is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } a)
                            {
                                v = v.WithField(MemberKey(target.Member), Eval(a.Value));
                            }
                            else
                            {
                                Eval(i);
                            }
                        }
                    }

                    return v;
                }

                case IConversionOperation conversion:
                {
                    if (conversion.OperatorMethod is { } op2 && HasSourceBody(op2))
                    {
                        var operand = Eval(conversion.Operand);
                        return Call(op2, null, null, new[] { new CallArg(conversion.Operand, op2.Parameters.Length > 0 ? op2.Parameters[0] : null, 0, operand, null) }, conversion);
                    }

                    return Eval(conversion.Operand);
                }

                case IBinaryOperation binary:
                {
                    var left = Eval(binary.LeftOperand);
                    var right = Eval(binary.RightOperand);
                    if (binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String && binary.OperatorMethod is null or { ContainingType.SpecialType: SpecialType.System_String })
                    {
                        // "…" + card: the operand is written with its ToString().
                        left = WithToString(binary.LeftOperand, left);
                        right = WithToString(binary.RightOperand, right);
                    }

                    if (binary.OperatorMethod is { } method && HasSourceBody(method))
                    {
                        return Call(method, null, null, new[]
                        {
                            new CallArg(binary.LeftOperand, method.Parameters.Length > 0 ? method.Parameters[0] : null, 0, left, null),
                            new CallArg(binary.RightOperand, method.Parameters.Length > 1 ? method.Parameters[1] : null, 1, right, null),
                        }, binary);
                    }

                    return AbstractValue.Of(left.Deep().Union(right.Deep()), left.Delegates.AddRange(right.Delegates));
                }

                case IUnaryOperation unary:
                    return Eval(unary.Operand).Flatten();

                case IInterpolatedStringOperation or IInterpolatedStringHandlerCreationOperation:
                    return EvalChildren(op);

                case IInterpolationOperation interpolation:
                {
                    // The object itself, members apart, is what its ToString() override runs on; alignment and format are text.
                    var written = WithToString(interpolation.Expression, Eval(interpolation.Expression)).Flatten();
                    foreach (var child in op.ChildOperations)
                    {
                        if (!ReferenceEquals(child, interpolation.Expression))
                        {
                            written = written.Join(Eval(child).Flatten());
                        }
                    }

                    return written;
                }

                case IAwaitOperation await:
                    return Eval(await.Operation);

                case ITranslatedQueryOperation query:
                    return Eval(query.Operation);

                case IExpressionStatementOperation statement:
                    Eval(statement.Operation);
                    return AbstractValue.Clean;

                case IDelegateCreationOperation delegateCreation:
                    return Eval(delegateCreation.Target);

                case IFlowAnonymousFunctionOperation lambda:
                {
                    var function = AbstractValue.Of(Taint.Clean, ImmutableArray.Create(CapturedFunctions() is { IsEmpty: false } functions ? new DelegateTarget(lambda, _cfg, functions) : new DelegateTarget(lambda, _cfg)));
                    foreach (var p in lambda.Symbol.Parameters)
                    {
                        if (_ann.ParameterSource(p) is not null)
                        {
                            // `([IdentityBearing] string number) => Send(number)`: a source inside the lambda whoever runs it.
                            RunEscaping(function, lambda);
                            break;
                        }
                    }

                    return function;
                }

                case IMethodReferenceOperation methodReference:
                {
                    var receiver = methodReference.Instance is null ? null : Eval(methodReference.Instance);
                    return AbstractValue.Of(receiver?.Deep() ?? Taint.Clean, ImmutableArray.Create(new DelegateTarget(methodReference.Method, receiver)));
                }

                case IIsPatternOperation isPattern:
                {
                    var v = Eval(isPattern.Value);
                    BindPattern(isPattern.Pattern, v, isPattern.Value.Type);
                    return AbstractValue.Clean;
                }

                case ISwitchExpressionOperation switchExpression:
                {
                    var v = Eval(switchExpression.Value);
                    var result = AbstractValue.Clean;
                    foreach (var arm in switchExpression.Arms)
                    {
                        BindPattern(arm.Pattern, v, switchExpression.Value.Type);
                        Eval(arm.Guard);
                        result = result.Join(Eval(arm.Value));
                    }

                    return result;
                }

                case IConditionalOperation conditional:
                    Eval(conditional.Condition);
                    return Eval(conditional.WhenTrue).Join(Eval(conditional.WhenFalse));

                case ICoalesceOperation coalesce:
                    return Eval(coalesce.Value).Join(Eval(coalesce.WhenNull));

                case IEventAssignmentOperation eventAssignment:
                    return AssignEvent(eventAssignment);

                case IReturnOperation { Kind: OperationKind.YieldReturn } yieldReturn:
                {
                    var v = Eval(yieldReturn.ReturnedValue);
                    Return(v.Flatten());
                    return AbstractValue.Clean;
                }

                case IReturnOperation ret:
                {
                    var v = Eval(ret.ReturnedValue);
                    Return(v);
                    return AbstractValue.Clean;
                }

                case IArgumentOperation argument:
                    return Eval(argument.Value);

                case IIsNullOperation isNull:
                    Eval(isNull.Operand);
                    return AbstractValue.Clean;

                case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation or IDynamicObjectCreationOperation:
                    return EvalDynamic(op);

                case ILocalFunctionOperation:
                case IStaticLocalInitializationSemaphoreOperation:
                    return AbstractValue.Clean;

                default:
                    return EvalChildren(op);
            }
        }

        /// <summary><c>dynamic</c> is followed conservatively: whatever goes in comes out, and lambdas passed in are run.</summary>
        private AbstractValue EvalDynamic(IOperation op)
        {
            if (op is IDynamicInvocationOperation { Operation: IDynamicMemberReferenceOperation member } invocation)
            {
                CheckDynamicSinks(invocation, member);
            }

            var all = EvalChildren(op);
            var result = all.Self;
            foreach (var d in all.Delegates)
            {
                result = result.Union(InvokeTarget(d, Array.Empty<CallArg>(), AbstractValue.Of(all.Self), op).Deep());
            }

            return AbstractValue.Of(result);
        }

        /// <summary>A dynamically bound call to a sink's name: every candidate the runtime could pick is checked.</summary>
        private void CheckDynamicSinks(IDynamicInvocationOperation invocation, IDynamicMemberReferenceOperation member)
        {
            var type = member.Instance?.Type ?? member.ContainingType;
            if (type is null || type.TypeKind == TypeKind.Dynamic)
            {
                return;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var candidate in t.GetMembers(member.MemberName))
                {
                    if (candidate is not IMethodSymbol method || !_ann.HasAnySink(method))
                    {
                        continue;
                    }

                    for (var i = 0; i < invocation.Arguments.Length && method.Parameters.Length > 0; i++)
                    {
                        var parameter = method.Parameters[Math.Min(i, method.Parameters.Length - 1)];
                        if (_ann.ParameterSink(method, parameter) is { } sink)
                        {
                            CheckSink(invocation.Arguments[i], Eval(invocation.Arguments[i]), sink);
                        }
                    }
                }
            }
        }

        internal static string MemberKey(ISymbol member)
            => member is IFieldSymbol { CorrespondingTupleField: { } tupleField } ? tupleField.Name : member.Name;

        private static bool IsInSource(ISymbol symbol)
        {
            foreach (var l in symbol.Locations)
            {
                if (l.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasSourceBody(IMethodSymbol method) => ImplementationIndex.HasSourceBody(method, _engine.Compilation.Assembly);

        private static bool IsAutoAccessor(IMethodSymbol accessor) => ImplementationIndex.IsAutoAccessor(accessor);

        /// <summary>Whether a setter without a body of its own (abstract, or an interface's) has an implementation in source that has one.</summary>
        private bool SetterBodiesBehind(IMethodSymbol setter)
            => (setter.IsAbstract || setter.IsVirtual) && !(HasSourceBody(setter) && !IsAutoAccessor(setter))
                && _engine.SetterBodiesBehind.GetOrAdd(setter.OriginalDefinition, s => System.Linq.Enumerable.Any(_engine.Implementations.Of(s), i => HasSourceBody(i) && !IsAutoAccessor(i)));

        private void AddBound(Location location, string bound, string option, string what, string sources)
        {
            _results.MarkTruncated();
            if (!_results.Bounds.ContainsKey(location))
            {
                _results.Bounds[location] = new BoundFinding(location, bound, option, what, sources);
            }
        }
    }
}
