using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>One argument of a call as the interpreter sees it: where to report it, which parameter, its value.</summary>
    internal readonly struct CallArg
    {
        public CallArg(IOperation? report, IParameterSymbol? parameter, int ordinal, AbstractValue value, IArgumentOperation? argument)
        {
            Report = report;
            Parameter = parameter;
            Ordinal = ordinal;
            Value = value;
            Argument = argument;
        }

        public IOperation? Report { get; }

        public IParameterSymbol? Parameter { get; }

        public int Ordinal { get; }

        public AbstractValue Value { get; }

        public IArgumentOperation? Argument { get; }
    }

    /// <summary>Calls: sinks, minimizers, callee summaries, dispatch, delegates, lambdas and the library model.</summary>
    internal sealed partial class MethodEvaluator
    {
        /// <summary>Symbolic labels of functions evaluated in place start at a multiple of this, clear of any real parameter ordinal.</summary>
        private const int InlineLabelBase = 1 << 16;

        /// <summary>
        /// How deep bodies are run in place for the known classes of their receiver or arguments (a template method, the hook
        /// it calls, the hook's own hook); past that, a callee's summary serves, with every implementation its types allow.
        /// </summary>
        private const int MaxTypedInlineDepth = 3;

        /// <summary>Above this many implementations, a dispatched call applies one merged summary instead of one per body.</summary>
        internal const int MergeDispatchAbove = 8;

        private CallArg[] Arguments(ImmutableArray<IArgumentOperation> arguments)
        {
            var result = new CallArg[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                var a = arguments[i];
                var value = Eval(a.Value);
                result[i] = new CallArg(a.Value, a.Parameter, a.Parameter?.Ordinal ?? i, value, a);
            }

            return result;
        }

        private AbstractValue Invoke(IInvocationOperation invocation)
        {
            if (AtomicWrite(invocation) is { } atomic)
            {
                return atomic;
            }

            var receiver = invocation.Instance is null ? null : Eval(invocation.Instance);
            var args = Arguments(invocation.Arguments);
            if (invocation.TargetMethod.MethodKind == MethodKind.Constructor && invocation.Instance is IInstanceReferenceOperation
                && HasSourceBody(invocation.TargetMethod) && FlowEngine.IsPrimaryConstructor(invocation.TargetMethod))
            {
                // `: Channel(phone)` or `: base(phone)` calling a primary constructor: what it passes is the base's captured state.
                RecordPrimaryWrites(invocation.TargetMethod, args);
            }

            var result = Call(invocation.TargetMethod, invocation.Instance, receiver, args, invocation);
            if (invocation.Instance is not null && !invocation.TargetMethod.IsStatic && !HasSourceBody(invocation.TargetMethod))
            {
                // `_byCountry.Add(country, list)`, `_map.TryGetValue(key, out var list)`: the local list is the outer collection's element.
                foreach (var argument in invocation.Arguments)
                {
                    NoteElementOf(argument.Value, invocation.Instance);
                }
            }
            if (invocation.TargetMethod.MethodKind == MethodKind.Constructor && invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } self
                && !HasSourceBody(invocation.TargetMethod) && !result.IsClean)
            {
                // `: base("locked: " + email)` on a library type (an exception, a stream): the object is what the library makes of
                // its arguments (Reading 9: the exception's Message), as `new Exception(…)` is.
                WriteBack(self, (receiver ?? AbstractValue.Clean).Join(result));
            }

            return result;
        }

        /// <summary>
        /// `Interlocked.Exchange(ref _last, value)`, `Interlocked.CompareExchange(ref _last, value, comparand)` and
        /// `Volatile.Write(ref _last, value)` store the value into the location passed by reference, as an assignment does;
        /// the two exchanges return what the location held. Null for any other call.
        /// </summary>
        private AbstractValue? AtomicWrite(IInvocationOperation invocation)
        {
            var target = invocation.TargetMethod;
            if (!LibraryModel.IsAtomicStore(target))
            {
                return null;
            }

            IOperation? location = null;
            IOperation? stored = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Ordinal)
                {
                    case 0:
                        location = argument.Value;
                        break;
                    case 1:
                        stored = argument.Value;
                        break;
                    default:
                        Eval(argument.Value);
                        break;
                }
            }

            if (location is null || stored is null)
            {
                return null;
            }

            var before = Eval(location);
            var value = Eval(stored);
            var written = target.Name == "CompareExchange" ? before.Join(value) : value;
            Assign(location, written, stored, written);
            return target.Name == "Write" ? AbstractValue.Clean : before;
        }

        private AbstractValue Create(IObjectCreationOperation creation)
        {
            var args = Arguments(creation.Arguments);
            var ctor = creation.Constructor;
            if (ctor is null)
            {
                return Union(args, null);
            }

            CheckCallSinks(ctor, args);
            if (HasSourceBody(ctor) && FlowEngine.IsPrimaryConstructor(ctor))
            {
                // Positional records and primary constructors: each parameter becomes the member of the same name.
                var value = AbstractValue.FreshObject;
                foreach (var a in args)
                {
                    if (a.Parameter is not null && !a.Value.IsClean)
                    {
                        value = value.WithField(a.Parameter.Name, a.Value);
                    }
                }

                RecordPrimaryWrites(ctor, args);

                var analysis = _engine.GetCallee(ctor, _stack, out _);
                if (analysis is not null)
                {
                    // What its base-list call stores (`: Channel(phone)` capturing `target`), as for a constructor's body.
                    ApplyMemberWrites(analysis, ctor, Bind(AbstractValue.Clean, args), creation);
                    value = WithBaseRecordMembers(value.Join(ApplyToNewObject(analysis, ctor, args, creation).AsFresh()), analysis, ctor, args, creation);
                }

                return value;
            }

            if (HasSourceBody(ctor) || ctor.IsImplicitlyDeclared && IsInSource(ctor.ContainingType))
            {
                var analysis = ctor.IsImplicitlyDeclared ? null : _engine.GetCallee(ctor, _stack, out var bound);
                if (analysis is not null)
                {
                    ApplyMemberWrites(analysis, ctor, Bind(AbstractValue.Clean, args), creation);
                }

                return analysis is null ? AbstractValue.FreshObject
                    : WithBaseRecordMembers(AbstractValue.FreshObject.Join(ApplyToNewObject(analysis, ctor, args, creation).AsFresh()), analysis, ctor, args, creation);
            }

            return LibraryResult(ctor, null, null, args, creation);
        }

        /// <summary>
        /// A new record's positional properties declared by a base record (`record SoleOwnerError() : Error("…")`) hold what
        /// its own construction passed up for them, as its own positional properties hold its arguments: not what every other
        /// record derived from that base passes (the write index's value of the member, the join over all of them).
        /// </summary>
        private AbstractValue WithBaseRecordMembers(AbstractValue value, MethodAnalysis analysis, IMethodSymbol ctor, CallArg[] args, IOperation site)
        {
            if (!ctor.ContainingType.IsRecord || ctor.ContainingType.BaseType is not { IsRecord: true })
            {
                return value;
            }

            Dictionary<int, AbstractValue>? bindings = null;
            foreach (var write in analysis.MemberWrites)
            {
                if (write.Key is IPropertySymbol { IsStatic: false } property && MemberWriteIndex.CreatedBy(property) is { } creator
                    && !SymbolEqualityComparer.Default.Equals(creator.ContainingType.OriginalDefinition, ctor.ContainingType.OriginalDefinition)
                    && !value.Fields.ContainsKey(property.Name))
                {
                    bindings ??= Bind(AbstractValue.Clean, args);
                    value = value.WithField(property.Name, Instantiate(write.Value, bindings, _ann.Display(ctor), site.Syntax.GetLocation()));
                }
            }

            return value;
        }

        /// <summary>
        /// What a call of a primary constructor stores: its captured parameters are the object's state, and a record's
        /// positional properties its members, so what the call passes for them is in the write index. Called where an object
        /// is created and where a derived constructor calls it (`: Channel(phone)`, `: base(phone)`).
        /// </summary>
        private void RecordPrimaryWrites(IMethodSymbol ctor, CallArg[] args)
        {
            foreach (var a in args)
            {
                if (a.Parameter is null || a.Value.IsClean)
                {
                    continue;
                }

                if (MemberWriteIndex.IsCapturedPrimaryParameter(a.Parameter.OriginalDefinition))
                {
                    RecordMemberWrite(a.Parameter.OriginalDefinition, a.Value, keepSymbolic: true);
                }
                else if (ctor.ContainingType.IsRecord && FindMember(ctor.ContainingType, a.Parameter.Name) is IPropertySymbol positional
                    && SymbolEqualityComparer.Default.Equals(MemberWriteIndex.CreatedBy(positional.OriginalDefinition), ctor.OriginalDefinition))
                {
                    // A record's positional property: the same, so that a member of the record sending it reports it inside.
                    RecordMemberWrite(positional, a.Value, keepSymbolic: true);
                }
            }
        }

        private AbstractValue ApplyToNewObject(MethodAnalysis analysis, IMethodSymbol ctor, CallArg[] args, IOperation site)
        {
            var bindings = Bind(AbstractValue.Clean, args);
            ApplyEffects(analysis, ctor, null, bindings, args, site, includeReceiver: false);
            return analysis.ParameterEffects.TryGetValue(Label.ThisParameter, out var self) && !self.IsClean
                ? Instantiate(self, bindings, _ann.Display(ctor), site.Syntax.GetLocation())
                : AbstractValue.Clean;
        }

        private static AbstractValue Union(CallArg[] args, AbstractValue? receiver)
        {
            var taint = receiver?.Deep() ?? Taint.Clean;
            foreach (var a in args)
            {
                taint = taint.Union(a.Value.Deep());
            }

            return AbstractValue.Of(taint);
        }

        /// <summary>What a call to the [Minimizer] <paramref name="minimizer"/> gives: clean, or marked minimized when those flows are reported.</summary>
        private AbstractValue MinimizedBy(IMethodSymbol minimizer, AbstractValue? receiver, CallArg[] args, IOperation site)
            => _engine.Options.ReportMinimizedFlows ? Minimized(minimizer, receiver, args, site) : AbstractValue.Clean;

        private Dictionary<int, AbstractValue> Bind(AbstractValue? receiver, CallArg[] args)
        {
            var bindings = new Dictionary<int, AbstractValue>();
            if (receiver is not null)
            {
                bindings[Label.ThisParameter] = receiver;
            }

            foreach (var a in args)
            {
                bindings[a.Ordinal] = bindings.TryGetValue(a.Ordinal, out var existing) ? existing.Join(a.Value) : a.Value;
            }

            return bindings;
        }

        internal AbstractValue Call(IMethodSymbol target, IOperation? instance, AbstractValue? receiver, CallArg[] args, IOperation site)
        {
            CheckCallSinks(target, args);
            if (_ann.IsMinimizer(target))
            {
                return MinimizedBy(target, receiver, args, site);
            }

            var result = AbstractValue.Clean;
            if (_ann.ReturnSource(target) is { } returned)
            {
                result = AbstractValue.Of(Taint.Of(returned.AsLabel, null));
            }

            if (target.MethodKind == MethodKind.DelegateInvoke)
            {
                // Joined only with a declared source: a delegate that returns an object it made gives a new object.
                var invoked = InvokeDelegate(receiver ?? AbstractValue.Clean, args, site);
                return result.IsClean ? invoked : result.Join(invoked);
            }

            if (target.Name == "<Clone>$")
            {
                // A record's clone (the first half of 'with'): the same members, field by field.
                return result.Join(receiver ?? AbstractValue.Clean);
            }

            if (target.MethodKind == MethodKind.LocalFunction)
            {
                return result.Join(InlineLocalFunction(target, args, site));
            }

            var needsLibrary = false;
            var callees = Callees(target, instance);
            if (callees.Count == 0)
            {
                needsLibrary = true;
            }
            else
            {
                foreach (var a in args)
                {
                    RunEscaping(a.Value, site);
                }
            }

            // Not for disposal: the merged join of IDisposable.Dispose is every Dispose of the program, while the receiver's
            // type (an IChannel) chose a few; those run one by one below (Reading 1).
            if (callees.Count > MergeDispatchAbove && !HasDelegateArgument(args) && !IsDisposal(target))
            {
                // A call through a member with many implementations: one merged summary of them all, so that a base with a
                // thousand overrides costs a thousand once, not a thousand at every call site. It is one per member, over all
                // of its implementations: a receiver's type that narrowed the list and still left many gets the whole join
                // (sound, and the same summary at every call site).
                var dispatch = _engine.Implementations.Dispatch(target);
                foreach (var auto in dispatch.AutoMembers)
                {
                    result = result.Join((receiver ?? AbstractValue.Clean).Member(auto, MaxMemberPath));
                }

                var bodies = dispatch.Bodies;
                if (bodies.Exists(b => _ann.IsMinimizer(b)))
                {
                    // An implementation that is a [Minimizer] minimizes, whatever calls it (Reading 1): its result is minimized,
                    // its body is not followed.
                    result = result.Join(MinimizedBy(bodies.Find(b => _ann.IsMinimizer(b))!, receiver, args, site));
                    bodies = bodies.FindAll(b => !_ann.IsMinimizer(b));
                }

                var merged = _engine.GetDispatchSummary(target, bodies, _stack, out var anyBound, out var anyLibrary);
                if (merged is not null)
                {
                    _results.UsedCallee(merged.Depth);
                    result = result.Join(Apply(merged, target, instance, receiver, args, site));
                }

                if (anyBound)
                {
                    _results.MarkTruncated();
                    var inputs = Union(args, receiver).Self.OnlyConcrete().WithoutMinimized();
                    if (!inputs.IsClean)
                    {
                        AddCalleeBound(site, null, "the call to " + _ann.Display(target), inputs);
                    }
                }

                if (anyBound || anyLibrary)
                {
                    result = result.Join(LibraryResult(target, instance, receiver, args, site));
                }

                return result;
            }

            // Whether every body the call may run returns an object it made: the result is then the caller's new object too.
            var allFresh = result.IsClean;
            foreach (var callee in callees)
            {
                if (callee.MethodKind == MethodKind.PropertyGet && callee.AssociatedSymbol is IPropertySymbol autoProperty && IsAutoAccessor(callee))
                {
                    // An auto-property implementation: the value is the backing field, tracked under the property's name.
                    result = result.Join((receiver ?? AbstractValue.Clean).Member(autoProperty.Name, MaxMemberPath));
                    allFresh = false;
                    continue;
                }

                if (_ann.IsMinimizer(callee))
                {
                    // The implementation the receiver's type selects is a [Minimizer] (the interface or base member it implements
                    // need not be): it minimizes, as a direct call to it would (Reading 1).
                    result = result.Join(MinimizedBy(callee, receiver, args, site));
                    allFresh = false;
                    continue;
                }

                if (HasDelegateArgument(args) && _inlineDepth < MaxInlineDepth && _engine.GetInlineGraph(callee, _stack.CancellationToken) is { } calleeGraph)
                {
                    // Higher-order calls are analyzed in context: the lambdas passed here are what the callee will invoke.
                    var inlined = InlineMethod(callee, calleeGraph, instance, receiver, args, site, CalleeKnownTypes(callee, instance, args));
                    allFresh &= inlined.IsFresh;
                    result = result.Join(inlined);
                    continue;
                }

                if (CalleeKnownTypes(callee, instance, args) is { } knownTypes && _engine.GetInlineGraph(callee, _stack.CancellationToken) is { } typedGraph
                    && _engine.GetCallee(callee, _stack, out _) is { ParameterEffects.IsEmpty: true })
                {
                    // `new FileExporter().Export(…)` where the base's Export calls the abstract Write: run in place, the body
                    // runs FileExporter.Write only (Reading 1), where its summary runs every override. Not when the summary says
                    // the callee fills the objects it is given (a visitor's list, a writer): those effects are the summary's to
                    // apply, and running a narrower set of bodies can only give fewer of them.
                    var inlined = InlineMethod(callee, typedGraph, instance, receiver, args, site, knownTypes);
                    allFresh &= inlined.IsFresh;
                    result = result.Join(inlined);
                    continue;
                }

                var analysis = _engine.GetCallee(callee, _stack, out var bound);
                if (analysis is not null)
                {
                    _results.UsedCallee(analysis.Depth);
                }

                if (bound)
                {
                    _results.MarkTruncated();
                    var inputs = Union(args, receiver).Self.OnlyConcrete().WithoutMinimized();
                    if (!inputs.IsClean)
                    {
                        AddCalleeBound(site, callee, "the call to " + _ann.Display(callee), inputs);
                    }

                    needsLibrary = true;
                    continue;
                }

                if (analysis is null)
                {
                    needsLibrary = true;
                    continue;
                }

                var applied = Apply(analysis, callee, instance, receiver, args, site);
                allFresh &= applied.IsFresh;
                result = result.Join(applied);
            }

            if (needsLibrary)
            {
                return result.Join(LibraryResult(target, instance, receiver, args, site));
            }

            return allFresh ? result.AsFresh() : result;
        }

        /// <summary>
        /// With <c>minimization.report_minimized_flows</c>: what went into a minimizer comes out marked with it, so that the
        /// sinks it reaches are reported as minimized flows (MIN016) and never as violations.
        /// </summary>
        private AbstractValue Minimized(IMethodSymbol minimizer, AbstractValue? receiver, CallArg[] args, IOperation site)
        {
            var display = _ann.Display(minimizer);
            return AbstractValue.Of(Union(args, receiver).Self.MinimizedBy(display, display, site.Syntax.GetLocation(), MaxPath));
        }

        /// <summary>What a callee's reach or summary label stands for at the call: marked with the label's minimizer, if any.</summary>
        private static Taint Remark(Taint reached, Label label)
            => label.Minimizer is { } minimizer ? reached.MinimizedBy(minimizer, null, null, MaxPath) : reached;

        private static bool HasDelegateArgument(CallArg[] args)
        {
            foreach (var a in args)
            {
                if (!a.Value.Delegates.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The bodies a call can run: the target, and for virtual and interface members every source implementation.</summary>
        private IReadOnlyList<IMethodSymbol> Callees(IMethodSymbol target, IOperation? instance)
        {
            var isBaseCall = instance?.Syntax is BaseExpressionSyntax;
            if (!isBaseCall && (target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType?.TypeKind == TypeKind.Interface))
            {
                // Reading 1: the receiver's known type chooses. An object just created runs its own type's body; any other
                // receiver runs the implementations its static type allows (a library stream's Dispose never runs ours).
                if (ConvertedFromUnresolved(instance))
                {
                    // The receiver is of a type missing from the references (a package not restored), converted to an
                    // interface: such a type cannot derive from a type compiled here, so none of our bodies runs for it.
                    return Array.Empty<IMethodSymbol>();
                }

                var receiverType = KnownReceiverType(instance, out var exact);
                if (!exact && IsDisposal(target) && (receiverType is null or { TypeKind: TypeKind.TypeParameter } || SymbolEqualityComparer.Default.Equals(receiverType.OriginalDefinition, target.ContainingType.OriginalDefinition)))
                {
                    // Disposing a value known only as IDisposable (a `using` over an interface, a library's resource) runs no
                    // particular body: every Dispose of the program would otherwise run on it, with the value as its receiver.
                    return Array.Empty<IMethodSymbol>();
                }

                if (RunsOnCreated(target, instance) is { } created)
                {
                    return created;
                }

                return _engine.Implementations.Candidates(target, receiverType);
            }

            return HasSourceBody(target) ? new[] { target } : Array.Empty<IMethodSymbol>();
        }

        /// <summary>
        /// The bodies a call runs when the receiver is only ever an object created in sight (<c>new ConsoleSender()</c>, a local
        /// given one on each branch, a readonly field assigned one, a factory that returns one): the implementations of those
        /// classes. Null when the classes are not known, or one of them has no implementation to find.
        /// </summary>
        private IReadOnlyList<IMethodSymbol>? RunsOnCreated(IMethodSymbol target, IOperation? instance)
        {
            var created = KnownTypes(instance);
            if (created.IsDefault)
            {
                return null;
            }

            var bodies = new List<IMethodSymbol>(created.Length);
            foreach (var type in created)
            {
                if (ImplementationIndex.RunsOn(target, type) is not { } runs)
                {
                    return null;
                }

                if (HasSourceBody(runs) && !bodies.Contains(runs.OriginalDefinition, SymbolEqualityComparer.Default))
                {
                    bodies.Add(runs.OriginalDefinition);
                }
            }

            return bodies;
        }

        /// <summary>
        /// The classes a value can be: inside a body run in place for a receiver or arguments of known classes, those (for
        /// <c>this</c>, and for a parameter the body never assigns); anywhere, the objects created in sight (<see cref="CreatedTypes"/>).
        /// </summary>
        private ImmutableArray<INamedTypeSymbol> KnownTypes(IOperation? value)
        {
            if (_knownTypes is not null && value is not null)
            {
                var operation = CreatedTypes.Operand(value);
                if (operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                    && _knownTypes.TryGetValue(Label.ThisParameter, out var receiver))
                {
                    return receiver;
                }

                if (operation is IParameterReferenceOperation { Parameter: { } parameter } && _method is not null
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, _method.OriginalDefinition)
                    && _knownTypes.TryGetValue(parameter.Ordinal, out var passed) && _engine.CreatedTypes.NeverAssigned(parameter, _stack.CancellationToken))
                {
                    return passed;
                }
            }

            return _engine.CreatedTypes.Of(value, _stack.CancellationToken);
        }

        /// <summary>
        /// Reading 1 inside a callee: the classes of the receiver and arguments of a call, for those on which the callee's body
        /// dispatches (a template method's hook on <c>this</c>, an extension method's call on the value it extends), when they
        /// are known and narrower than what the callee declares. Null when none is: the callee's summary serves.
        /// </summary>
        private Dictionary<int, ImmutableArray<INamedTypeSymbol>>? CalleeKnownTypes(IMethodSymbol callee, IOperation? instance, CallArg[] args)
        {
            if (_inlineDepth >= MaxTypedInlineDepth || callee.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet))
            {
                return null;
            }

            var on = _engine.CreatedTypes.DispatchesOn(callee, _stack.CancellationToken);
            if (on.IsEmpty)
            {
                return null;
            }

            Dictionary<int, ImmutableArray<INamedTypeSymbol>>? known = null;
            foreach (var ordinal in on)
            {
                IOperation? operand = null;
                ITypeSymbol? declared = null;
                if (ordinal == Label.ThisParameter)
                {
                    operand = callee.IsStatic ? null : instance;
                    declared = callee.ContainingType;
                }
                else
                {
                    foreach (var a in args)
                    {
                        if (a.Ordinal == ordinal)
                        {
                            operand = a.Argument?.Value;
                            declared = a.Parameter?.Type;
                        }
                    }
                }

                if (operand is null)
                {
                    continue;
                }

                // Only classes of the compilation narrow anything: on a library object (a List<T> handed on as an
                // IReadOnlyList<T>) no body of ours runs either way, and the summary serves.
                var types = KnownTypes(operand);
                if (!types.IsDefaultOrEmpty && types.Any(t => IsInSource(t)) && !types.All(t => t.IsSealed && SymbolEqualityComparer.Default.Equals(t, declared)))
                {
                    (known ??= new Dictionary<int, ImmutableArray<INamedTypeSymbol>>())[ordinal] = types;
                }
            }

            return known;
        }

        private static bool ConvertedFromUnresolved(IOperation? instance)
        {
            var operation = instance;
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
                if (operation.Type?.TypeKind == TypeKind.Error)
                {
                    return true;
                }
            }

            return false;
        }

        private ITypeSymbol? KnownReceiverType(IOperation? instance, out bool exact)
        {
            exact = false;
            var operation = instance;
            while (operation is IConversionOperation conversion && conversion.Operand.Type is { TypeKind: not TypeKind.Error })
            {
                operation = conversion.Operand;
            }

            while (operation is IParenthesizedOperation parenthesized)
            {
                operation = parenthesized.Operand;
            }

            if (operation is IObjectCreationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } })
            {
                exact = true;
            }

            var type = operation?.Type;
            return type is null || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Dynamic ? null : type;
        }

        private AbstractValue Apply(MethodAnalysis analysis, IMethodSymbol callee, IOperation? instance, AbstractValue? receiver, CallArg[] args, IOperation site)
        {
            if (analysis.IsInert)
            {
                // Nothing comes back, nothing is stored, nothing reaches a sink: most callees, and the cheapest answer. An object
                // the callee made and returned (a factory's `new Receipt { ... }`) is still the caller's own new object: its
                // members hold what the callee put in them, not what the program stores into that member elsewhere.
                return analysis.ReturnValue.IsFresh ? AbstractValue.FreshObject : AbstractValue.Clean;
            }

            var bindings = Bind(receiver ?? AbstractValue.Clean, args);
            var result = analysis.ReturnValue.IsClean
                ? analysis.ReturnValue.IsFresh ? AbstractValue.FreshObject : AbstractValue.Clean
                : ReturnedObject(analysis.ReturnValue, bindings, _ann.Display(callee), site.Syntax.GetLocation());

            foreach (var reach in analysis.SinkReaches)
            {
                var label = reach.Entry.Label;
                if (!bindings.TryGetValue(label.Parameter, out var bound))
                {
                    continue;
                }

                if (label.Parameter == Label.ThisParameter && label.MemberPath.Length > 0 && IsSharedMember(callee.ContainingType, label.MemberPath[0]))
                {
                    // A collection the receiver holds in a field is shared (Reading 5): what was put in is its value wherever it
                    // is taken out, so the callee reports it inside, at its own sink; the receiver is never the report site.
                    continue;
                }

                if (label.Parameter == Label.ThisParameter)
                {
                    // The same for the collections held in fields of what the callee sends of its receiver (a session made
                    // with `this`): their content is reported where it is taken out, not at the receiver of this call.
                    bound = WithoutSharedFields(bound, callee.ContainingType);
                }

                var reached = Remark(Navigate(bound, label.MemberPath).Deep(), label);
                if (reached.IsClean)
                {
                    continue;
                }

                if (label.Parameter == Label.ThisParameter)
                {
                    // Reading 3: the receiver is not a report site. What its member holds here that the callee reads there anyway
                    // (the writes the program makes to it) the callee reports at its own sink; only the rest is this call's.
                    reached = NotReportedInside(callee, label, reached);
                    if (reached.IsClean)
                    {
                        continue;
                    }
                }

                var reportAt = label.Parameter == Label.ThisParameter ? instance ?? site : FindReport(args, label.Parameter) ?? site;
                ReportThrough(reportAt, reached, _ann.Display(callee), site, reach);
            }

            ApplyEffects(analysis, callee, instance, bindings, args, site, includeReceiver: true);
            ApplyMemberWrites(analysis, callee, bindings, site);
            return result;
        }

        /// <summary>
        /// What a callee's sink receives through a member of its receiver, less the sources already in what the program writes
        /// to that member (the callee, reading the member, reports those at its own sink). Labels standing for the caller's
        /// own parameters stay: they are reaches to pass on, not reports.
        /// </summary>
        private Taint NotReportedInside(IMethodSymbol callee, Label label, Taint reached)
        {
            if (label.MemberPath.Length == 0 || (FindMember(callee.ContainingType, label.MemberPath[0]) ?? FindCapturedParameter(callee.ContainingType, label.MemberPath[0])) is not { } member
                || !_engine.IsOwn(member is IParameterSymbol ? member.ContainingSymbol : member))
            {
                return reached;
            }

            var written = _engine.MemberWrites.ValueOf(member, _stack).Deep();
            return reached.Without(l => l.IsConcrete && written.Contains(l));
        }

        /// <summary>The primary constructor's parameter of <paramref name="type"/> named <paramref name="name"/>, if it is captured state.</summary>
        private static ISymbol? FindCapturedParameter(INamedTypeSymbol? type, string name)
        {
            foreach (var ctor in type?.InstanceConstructors ?? ImmutableArray<IMethodSymbol>.Empty)
            {
                foreach (var p in ctor.Parameters)
                {
                    if (p.Name == name && MemberWriteIndex.IsCapturedPrimaryParameter(p.OriginalDefinition))
                    {
                        return p.OriginalDefinition;
                    }
                }
            }

            return null;
        }

        private static bool IsSharedMember(INamedTypeSymbol? type, string name) => FindMember(type, name) is { } member && MemberWriteIndex.IsShared(member.OriginalDefinition);

        private static ISymbol? FindMember(INamedTypeSymbol? type, string name)
        {
            Label.IsScalarMember(name, out name);
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers(name))
                {
                    if (member is IFieldSymbol or IPropertySymbol)
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// <paramref name="value"/>, an object of <paramref name="type"/>, without what it tracks in the collections its
        /// fields hold (at any depth the value tracks): Reading 5 reports their content where it is taken out, never at a
        /// receiver; a read of such a member gets it from the write index.
        /// </summary>
        private static AbstractValue WithoutSharedFields(AbstractValue value, ITypeSymbol? type, int depth = 0)
        {
            if (value.Fields.IsEmpty || type is not INamedTypeSymbol named || depth >= AbstractValue.MaxFieldDepth)
            {
                return value;
            }

            var kept = new List<KeyValuePair<string, AbstractValue>>(value.Fields.Count);
            var changed = false;
            foreach (var field in value.FieldEntries)
            {
                var member = FindMember(named, field.Key);
                if (member is not null && MemberWriteIndex.IsShared(member.OriginalDefinition))
                {
                    changed = true;
                    continue;
                }

                var inner = member is null ? field.Value : WithoutSharedFields(field.Value, member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type, depth + 1);
                changed |= !ReferenceEquals(inner, field.Value);
                kept.Add(new KeyValuePair<string, AbstractValue>(field.Key, inner));
            }

            if (!changed)
            {
                return value;
            }

            var result = AbstractValue.Of(value.Self, value.Delegates);
            if (value.IsFresh)
            {
                result = result.AsFresh();
            }

            foreach (var field in kept)
            {
                result = result.WithField(field.Key, field.Value);
            }

            return result;
        }

        /// <summary>What the callee stores into fields from its parameters is, here, what our arguments carry.</summary>
        private void ApplyMemberWrites(MethodAnalysis analysis, IMethodSymbol callee, Dictionary<int, AbstractValue> bindings, IOperation site)
        {
            foreach (var write in analysis.MemberWrites)
            {
                // An instance member's symbolic writes travel with the receiver (the callee's effects on 'this' and on its
                // parameters); the only ones a summary keeps are a constructor's stores into its own object, and what callers
                // instantiate from them (RecordMemberWrite): the write index follows the creation sites for those.
                var symbolic = write.Value.Self.OnlySymbolic();
                if (symbolic.IsClean || !AnyBound(symbolic, bindings))
                {
                    // Nothing the caller passes for these labels carries anything: the write stores nothing here.
                    continue;
                }

                var stored = InstantiateWrite(symbolic, callee, bindings, _ann.Display(callee), site.Syntax.GetLocation());
                if (!stored.IsClean)
                {
                    RecordMemberWrite(write.Key, stored, keepSymbolic: !write.Key.IsStatic);
                }
            }
        }

        /// <summary>
        /// What a callee's store of its parameters into a member is here: each label bound to what the caller passed, as
        /// <see cref="Instantiate"/> binds one, so that the members of an object the caller built stay apart (a row with the
        /// e-mail in one member, saved into a repository's dictionary, holds it there and in no other member). A collection
        /// held in a field keeps them apart (<see cref="RecordMemberWrite"/>); any other member folds them into the whole.
        /// </summary>
        private AbstractValue InstantiateWrite(Taint symbolic, IMethodSymbol callee, Dictionary<int, AbstractValue> bindings, string display, Location location)
        {
            if (symbolic.Entries.Length > 8)
            {
                return AbstractValue.Of(InstantiateTaint(symbolic, bindings, display, location));
            }

            var result = AbstractValue.Clean;
            var rest = symbolic;
            foreach (var entry in symbolic.Entries)
            {
                var label = entry.Label;
                if (label.MemberPath.IsEmpty && !label.IsMinimized && label.Parameter >= 0 && label.Parameter < callee.Parameters.Length
                    && callee.Parameters[label.Parameter].Type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsSealed: true }
                    && bindings.TryGetValue(label.Parameter, out var bound) && bound.IsFresh && bound.Self.IsClean && !bound.Fields.IsEmpty)
                {
                    // Only an object made in sight with all it holds in its members, stored as one exact type: objects of
                    // several types behind an interface (domain events) would have their members joined by name, and what one
                    // holds as a whole would be lent to the same-named members of the others, scalar members included.
                    result = result.Join(Instantiate(AbstractValue.Of(Taint.Of(label, entry.Path)), bindings, display, location));
                    rest = rest.Without(l => ReferenceEquals(l, label) || l.Equals(label));
                }
            }

            return rest.IsClean ? result : result.Join(AbstractValue.Of(InstantiateTaint(rest, bindings, display, location)));
        }

        private void ApplyEffects(MethodAnalysis analysis, IMethodSymbol callee, IOperation? instance, Dictionary<int, AbstractValue> bindings, CallArg[] args, IOperation site, bool includeReceiver)
        {
            if (analysis.ParameterEffects.IsEmpty)
            {
                return;
            }

            var display = _ann.Display(callee);
            Location? location = null;
            foreach (var effect in analysis.ParameterEffects)
            {
                if (!effect.Value.IsClean)
                {
                    location ??= site.Syntax.GetLocation();
                }

                if (effect.Key == Label.ThisParameter)
                {
                    if (includeReceiver && instance is not null)
                    {
                        // What the callee put into the collections its receiver holds in fields is in the write index
                        // (Reading 5), read from there wherever it is taken out: the caller's receiver value does not carry it.
                        WriteBack(instance, InstantiateObjectEffect(WithoutSharedFields(effect.Value, callee.ContainingType), Label.ThisParameter, bindings, display, location!));
                    }

                    continue;
                }

                foreach (var a in args)
                {
                    if (a.Ordinal != effect.Key || a.Report is null)
                    {
                        continue;
                    }

                    if (a.Parameter is { RefKind: RefKind.None, Type.IsReferenceType: true } && OverwritesHeldMember(effect.Value, effect.Key, a.Value)
                        && WholeObjectEntry(effect.Value, effect.Key) >= 0)
                    {
                        // An object the callee changes member by member (`Scrub(dto)` overwriting dto.Email with its hash): the
                        // members it wrote are what it left there (its own join with what they held, on paths that did not
                        // write), the others stay as the caller has them. Only when that takes something away: otherwise the
                        // plain join below says the same, and keeping every member apart costs on large objects.
                        location ??= site.Syntax.GetLocation();
                        WriteBack(a.Report, InstantiateObjectEffect(effect.Value, effect.Key, bindings, display, location));
                        continue;
                    }

                    var value = effect.Value.IsClean ? AbstractValue.Clean
                        : a.Parameter?.RefKind == RefKind.Ref && OverwritesHeldMember(effect.Value, effect.Key, a.Value) && WholeObjectEntry(effect.Value, effect.Key) >= 0
                            // A struct the callee scrubs through `ref` (`ScrubInPlace(ref label)`): the members it overwrote hold
                            // what it left there, the others what the caller had.
                            ? InstantiateObjectEffect(effect.Value, effect.Key, bindings, display, location ??= site.Syntax.GetLocation())
                            : Instantiate(effect.Value, bindings, display, location!);
                    if (a.Parameter?.RefKind is RefKind.Out or RefKind.Ref)
                    {
                        Assign(a.Report, value, null, value);
                    }
                    else
                    {
                        WriteBack(a.Report, a.Value.Join(value));
                    }
                }
            }
        }

        private static IOperation? FindReport(CallArg[] args, int ordinal)
        {
            foreach (var a in args)
            {
                if (a.Ordinal == ordinal)
                {
                    return a.Report;
                }
            }

            return null;
        }

        private static AbstractValue Navigate(AbstractValue value, ImmutableArray<string> path)
        {
            foreach (var m in path)
            {
                value = value.Member(m, MaxMemberPath);
            }

            return value;
        }

        /// <summary>Replaces a summary's symbolic labels by what the caller passed, composing the paths.</summary>
        private AbstractValue Instantiate(AbstractValue value, Dictionary<int, AbstractValue> bindings, string display, Location location, int depth = 0)
        {
            if (value.IsClean)
            {
                return value;
            }

            if (value.Fields.IsEmpty && value.Self.Entries.Length == 1 && !value.Self.Entries[0].Label.IsConcrete && !value.Self.Entries[0].Label.IsMinimized)
            {
                // The callee hands back (a member of) what it was given: keep the argument's own field precision.
                var entry = value.Self.Entries[0];
                var passed = bindings.TryGetValue(entry.Label.Parameter, out var b) ? Navigate(b, entry.Label.MemberPath) : AbstractValue.Clean;
                // The call is a step of every path the argument carries, its members' included (a collection handed
                // back by a helper holds its identity in the members of its elements).
                var result = passed.MapTaints((display, location, entry.Path), static (t, s) => t.Extend(s.display, s.location, s.Path, MaxPath));
                return value.Delegates.IsEmpty ? result : result.Join(AbstractValue.Of(Taint.Clean, value.Delegates));
            }

            var taint = InstantiateTaint(value.Self, bindings, display, location);
            var instantiated = AbstractValue.Of(taint, value.Delegates);
            if (depth < AbstractValue.MaxFieldDepth)
            {
                foreach (var field in value.FieldEntries)
                {
                    var f = Instantiate(field.Value, bindings, display, location, depth + 1);
                    if (!f.IsClean)
                    {
                        instantiated = instantiated.WithField(field.Key, f);
                    }
                }
            }

            return value.IsFresh ? instantiated.AsFresh() : instantiated;
        }

        /// <summary>Where the callee's final value of a parameter (or of its receiver) names the object as a whole, or -1.</summary>
        private static int WholeObjectEntry(AbstractValue effect, int parameter)
        {
            for (var i = 0; i < effect.Self.Entries.Length; i++)
            {
                var label = effect.Self.Entries[i].Label;
                if (!label.IsConcrete && label.Parameter == parameter && label.MemberPath.IsEmpty && !label.IsMinimized)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// What an object holds after a call, from the callee's effect on it (on <c>this</c>, or on a lambda's parameter): the
        /// object itself (its own members kept apart) with the members the callee stored replaced. The effect says "this object,
        /// with these members now": instantiated as a plain value, "this object" would fold every member of the receiver into
        /// the whole (a deep read), and a member the callee kept on one path only (<c>this.DischargedAt</c> as it was) would then
        /// read, on the next call in a loop, what another member holds (Reading 11: a scalar member of a container does not
        /// carry the container's identity).
        /// </summary>
        private AbstractValue InstantiateObjectEffect(AbstractValue effect, int parameter, Dictionary<int, AbstractValue> bindings, string display, Location location)
        {
            var whole = WholeObjectEntry(effect, parameter);
            if (whole < 0 || !bindings.TryGetValue(parameter, out var receiver) || receiver.Fields.IsEmpty)
            {
                return Instantiate(effect, bindings, display, location);
            }

            var thisLabel = effect.Self.Entries[whole].Label;
            var rest = Instantiate(effect.WithSelf(effect.Self.Without(l => ReferenceEquals(l, thisLabel) || l.Equals(thisLabel))), bindings, display, location);
            var result = rest.Self.IsClean ? receiver : receiver.WithSelf(receiver.Self.Union(rest.Self));
            foreach (var field in effect.FieldEntries)
            {
                // Every member the callee left a value in, a clean one too: a member it overwrote with a minimized value holds
                // that value now, not the raw one the caller had put there.
                result = result.WithField(field.Key, rest.Fields.TryGetValue(field.Key, out var instantiated) ? instantiated : AbstractValue.Clean);
            }

            if (!rest.Delegates.IsEmpty)
            {
                result = result.Join(AbstractValue.Of(Taint.Clean, rest.Delegates));
            }

            return result;
        }

        /// <summary>
        /// Whether the callee overwrote, on every path, a member in which the caller's object holds something: its final value
        /// of that member no longer carries what the member held on entry.
        /// </summary>
        /// <summary>
        /// A callee's returned value. When it returns what it was given with members overwritten (<c>label = Scrubbed(label)</c>
        /// hashing the copy's fields, a fluent method scrubbing <c>this</c>), it is the caller's object with those members
        /// replaced (as for the effects, <see cref="InstantiateObjectEffect"/>), not the object whole with the new members beside.
        /// </summary>
        private AbstractValue ReturnedObject(AbstractValue returned, Dictionary<int, AbstractValue> bindings, string display, Location location)
        {
            foreach (var bound in bindings)
            {
                if (WholeObjectEntry(returned, bound.Key) >= 0 && OverwritesHeldMember(returned, bound.Key, bound.Value))
                {
                    return InstantiateObjectEffect(returned, bound.Key, bindings, display, location);
                }
            }

            return Instantiate(returned, bindings, display, location);
        }

        private static bool OverwritesHeldMember(AbstractValue effect, int parameter, AbstractValue held)
        {
            if (held.Fields.IsEmpty || effect.Fields.IsEmpty)
            {
                return false;
            }

            foreach (var field in effect.FieldEntries)
            {
                if (held.Fields.TryGetValue(field.Key, out var before) && !before.Deep().IsClean
                    && !field.Value.Self.Contains(Label.Symbolic(parameter).WithMember(field.Key, MaxMemberPath)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether any symbolic label of <paramref name="taint"/> is bound to a value that carries something.</summary>
        private static bool AnyBound(Taint taint, Dictionary<int, AbstractValue> bindings)
        {
            foreach (var entry in taint.Entries)
            {
                if (!entry.Label.IsConcrete && bindings.TryGetValue(entry.Label.Parameter, out var bound) && !bound.IsClean)
                {
                    return true;
                }
            }

            return false;
        }

        private static Taint InstantiateTaint(Taint taint, Dictionary<int, AbstractValue> bindings, string display, Location location)
        {
            // One builder for the whole result: a summary that carries hundreds of sources is instantiated in one pass.
            var result = new Taint.Builder();
            foreach (var entry in taint.Entries)
            {
                if (entry.Label.IsConcrete)
                {
                    result.Add(new TaintEntry(entry.Label, Taint.Step(entry.Path, display, location, MaxPath)));
                    continue;
                }

                if (bindings.TryGetValue(entry.Label.Parameter, out var bound))
                {
                    result.Add(Remark(Navigate(bound, entry.Label.MemberPath).Deep(), entry.Label).Extend(display, location, entry.Path, MaxPath));
                }
            }

            return result.ToTaint();
        }

        /// <summary>
        /// What a call into code without source returns (<see cref="Library"/>), with the call as a step of every path it carries:
        /// a reviewer sees the lookup that turned an e-mail into a user (<c>IUserRepository.GetByEmailAsync(string)</c>).
        /// </summary>
        private AbstractValue LibraryResult(IMethodSymbol target, IOperation? instance, AbstractValue? receiver, CallArg[] args, IOperation site)
        {
            var result = Library(target, instance, receiver, args, site);
            return result.IsClean || IsPassThrough(target) ? result : result.WithStep(_ann.LibraryDisplay(target), site.Syntax.GetLocation(), MaxPath);
        }

        /// <summary>How a path names the variable or member a collection is read from: <c>local 'outbox'</c>, <c>Sender._queue</c>.</summary>
        private static string? Holder(IOperation collection)
        {
            while (collection is IConversionOperation conversion)
            {
                collection = conversion.Operand;
            }

            return collection switch
            {
                ILocalReferenceOperation local => "local '" + local.Local.Name + "'",
                IParameterReferenceOperation parameter => "parameter '" + parameter.Parameter.Name + "'",
                IMemberReferenceOperation member => FlowAnnotations.Describe(member.Member),
                _ => null,
            };
        }

        /// <summary>Calls that hand back what they are given, only awaited or enumerated differently: not a place where the value moves.</summary>
        private static bool IsPassThrough(IMethodSymbol target)
            => target.Name is "ConfigureAwait" or "AsTask" or "WaitAsync" or "GetAwaiter" or "GetResult" or "FromResult" or "GetEnumerator" or "GetAsyncEnumerator";

        private AbstractValue Library(IMethodSymbol target, IOperation? instance, AbstractValue? receiver, CallArg[] args, IOperation site)
        {
            var behavior = _engine.Library.Classify(target);
            if (behavior == LibraryBehavior.Minimize)
            {
                return _engine.Options.ReportMinimizedFlows ? Minimized(target, receiver, args, site) : AbstractValue.Clean;
            }

            // A class of the program's own that wraps a collection (an IEnumerable over a private list) hands over what the
            // list holds when a library call walks it (LINQ, string.Join).
            if (receiver is not null && HeldCollections(instance) is { IsClean: false } inReceiver)
            {
                receiver = receiver.Join(inReceiver);
            }

            for (var i = 0; i < args.Length; i++)
            {
                if (HeldCollections(args[i].Report) is { IsClean: false } held)
                {
                    var copy = new CallArg[args.Length];
                    args.CopyTo(copy, 0);
                    copy[i] = new CallArg(args[i].Report, args[i].Parameter, args[i].Ordinal, args[i].Value.Join(held), args[i].Argument);
                    args = copy;
                }
            }

            // The inputs twice: flattened (what a string, a hash or a serializer made of them carries) and with their
            // structure (what an enumerator, a filter or a copy of a collection hands back element by element).
            var inputs = receiver?.Deep() ?? Taint.Clean;
            var fromArguments = Taint.Clean;
            // A collection of functions (a bus's handlers) hands them out as its elements: they keep being functions.
            var structured = receiver is null ? AbstractValue.Clean : !receiver.Delegates.IsEmpty && LibraryModel.IsFillableContainer(instance?.Type) ? receiver : Structure(receiver);
            var hasDelegates = false;
            foreach (var a in args)
            {
                inputs = inputs.Union(a.Value.Deep());
                fromArguments = fromArguments.Union(a.Value.Deep());
                hasDelegates |= !a.Value.Delegates.IsEmpty;
                if (a.Value.Delegates.IsEmpty)
                {
                    structured = structured.Join(Structure(a.Value));
                }
            }

            foreach (var a in args)
            {
                if (a.Value.Delegates.IsEmpty && !a.Value.Fields.IsEmpty)
                {
                    // A function inside what the call stores or takes (a tuple's or a record's member: `_scheduled.Add((due,
                    // ct => Remind(phone)))`): it leaves this method with what it captured (Reading 4).
                    RunEscaping(a.Value, site);
                }
            }

            if (hasDelegates && IsLinq(target))
            {
                if (target.Name is "GroupBy" or "ToLookup")
                {
                    return Grouped(args, structured, site);
                }

                if (Composed(target, args, site) is { } composed)
                {
                    return composed;
                }
            }

            var delegateResults = AbstractValue.Clean;
            if (hasDelegates)
            {
                foreach (var a in args)
                {
                    if (!a.Value.Delegates.IsEmpty)
                    {
                        delegateResults = delegateResults.Join(RunFunctions(a, HandedByLibrary(a.Parameter, structured), structured, args, site));
                    }
                }
            }

            if (hasDelegates && instance is not null && receiver is not null && !target.IsStatic && LibraryModel.IsFillableContainer(instance.Type) && LibraryModel.IsStoringCall(target.Name))
            {
                // A function put into a collection as its element (_handlers.Add(e => ...)), not handed to the call as a callback
                // (GetOrAdd's factory): the collection holds it, and it runs where it is taken out and invoked (Reading 4).
                var functions = ImmutableArray<DelegateTarget>.Empty;
                foreach (var a in args)
                {
                    if (a.Parameter?.OriginalDefinition.Type.TypeKind == TypeKind.TypeParameter && !a.Value.Delegates.IsEmpty)
                    {
                        functions = functions.AddRange(a.Value.Delegates);
                    }
                }

                if (!functions.IsEmpty)
                {
                    WriteBack(instance, receiver.Join(AbstractValue.Of(Taint.Clean, functions)));
                    receiver = Eval(instance);
                }
            }

            // Library code fills what it is given: the receiver (list.Add, sb.Append), out/ref arguments, and arrays passed in.
            var stored = inputs.Union(delegateResults.Deep());
            var storedInReceiver = fromArguments.Union(delegateResults.Deep());
            if (!stored.IsClean || !structured.IsClean)
            {
                // Reading 10: only a call that stores fills its receiver; looking a key up or removing it puts nothing in.
                if (instance is not null && receiver is not null && LibraryModel.IsFillableContainer(instance.Type) && !target.IsStatic && !storedInReceiver.IsClean
                    && LibraryModel.FillsReceiver(target, instance.Type))
                {
                    // The collection the value is put into is a step of its path (`usersReset.Add(user.Username)`).
                    var into = Holder(instance);
                    var location = instance.Syntax.GetLocation();
                    // What a factory the call runs returns is stored too (`_tokens.GetOrAdd(id, _ => c.Email)`).
                    var added = delegateResults.IsClean ? ArgumentsStructure(args) : ArgumentsStructure(args).Join(AbstractValue.Of(delegateResults.Deep()));
                    var filled = LibraryModel.IsAdder(target)
                        ? receiver.Join(into is null ? added : added.WithStep(into, location, MaxPath))
                        : receiver.WithSelf(receiver.Self.Union(into is null ? storedInReceiver : storedInReceiver.WithStep(into, location, MaxPath)));
                    WriteBack(instance, filled);
                }

                foreach (var a in args)
                {
                    if (a.Report is null)
                    {
                        continue;
                    }

                    if (a.Parameter?.RefKind is RefKind.Out or RefKind.Ref)
                    {
                        Assign(a.Report, LibraryModel.PreservesElements(target) || target.Name.StartsWith("TryGet", StringComparison.Ordinal) ? structured : AbstractValue.Of(stored), null, AbstractValue.Clean);
                    }
                    else if ((target.IsStatic || instance?.Type?.Name.EndsWith("Serializer", StringComparison.Ordinal) == true) && LibraryModel.HoldsWhatItIsGiven(Unconverted(a.Report).Type))
                    {
                        // A serializer's destination (JsonSerializer.Serialize(stream, order), xml.Serialize(writer, order)): the
                        // stream or writer is filled with what the call is given.
                        WriteBack(a.Report, a.Value.WithSelf(a.Value.Self.Union(stored)));
                    }
                    else if (a.Ordinal > 0 && IsArray(a.Report))
                    {
                        // An array after the first argument is the call's destination (Array.Copy(raw, frame, n),
                        // encoding.GetBytes(text, 0, n, frame, 0)): it is filled with what the call is given.
                        WriteBack(a.Report, a.Value.WithSelf(a.Value.Self.Union(stored)));
                    }
                    else if (IsWritableSpan(a.Report.Type) && !(target.IsExtensionMethod && a.Ordinal == 0))
                    {
                        // A span handed to a library call is its destination (TryFormat, CopyTo, GetBytes into a buffer): it is
                        // filled with what the call is given, the receiver included. A span the call extends (`this`) is not.
                        WriteBack(a.Report, a.Value.WithSelf(a.Value.Self.Union(stored)));
                    }
                    else if (!target.IsStatic && receiver is not null && target.Name is "CopyTo" or "CopyToAsync" && LibraryModel.IsFillableContainer(a.Report.Type))
                    {
                        // list.CopyTo(array), stream.CopyTo(destination): the target is filled with what the receiver holds.
                        var copied = receiver.Deep();
                        if (!copied.IsClean)
                        {
                            WriteBack(a.Report, a.Value.WithSelf(a.Value.Self.Union(copied)));
                        }
                    }
                }
            }

            if (behavior == LibraryBehavior.Clean || target.ReturnsVoid && target.MethodKind != MethodKind.Constructor)
            {
                return AbstractValue.Clean;
            }

            if (hasDelegates)
            {
                return _engine.Library.ShapeOf(target) switch
                {
                    DelegateResultShape.InputsOnly => LibraryModel.PreservesElements(target) ? structured : AbstractValue.Of(inputs),
                    DelegateResultShape.DelegatesOnly => delegateResults,
                    _ => AbstractValue.Of(inputs.Union(delegateResults.Deep())),
                };
            }

            return LibraryModel.PreservesElements(target) ? structured : AbstractValue.Of(inputs);
        }

        /// <summary>
        /// Reading 6: what a library hands a callback, parameter by parameter. A parameter the library's own declaration types
        /// as a scalar (the index of <c>Select((x, i) => ...)</c>) or a <c>CancellationToken</c>, rather than through one of its
        /// type parameters, is the library's count or token, not an element: it is clean. Every other parameter receives the
        /// elements (<paramref name="elements"/>). Empty when every parameter receives the elements.
        /// </summary>
        private static CallArg[] HandedByLibrary(IParameterSymbol? parameter, AbstractValue elements)
        {
            if (parameter?.OriginalDefinition.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } || invoke.Parameters.IsEmpty)
            {
                return Array.Empty<CallArg>();
            }

            CallArg[]? handed = null;
            for (var i = 0; i < invoke.Parameters.Length; i++)
            {
                var type = invoke.Parameters[i].Type;
                if (type.TypeKind != TypeKind.TypeParameter && (LibraryModel.IsScalarType(type) || type is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" }))
                {
                    handed ??= new CallArg[invoke.Parameters.Length];
                    handed[i] = new CallArg(null, null, i, AbstractValue.Clean, null);
                }
            }

            if (handed is null)
            {
                return Array.Empty<CallArg>();
            }

            for (var i = 0; i < handed.Length; i++)
            {
                if (handed[i].Value is null)
                {
                    handed[i] = new CallArg(null, null, i, elements, null);
                }
            }

            return handed;
        }

        /// <summary>A buffer a library call can write into: <c>Span&lt;T&gt;</c> or <c>Memory&lt;T&gt;</c> (not their read-only twins).</summary>
        /// <summary>An array passed as one (an <c>Array</c> parameter takes it through a conversion).</summary>
        private static bool IsArray(IOperation argument) => Unconverted(argument).Type is IArrayTypeSymbol;

        /// <summary>The operation under the implicit conversions the compiler added (to a parameter's type, to <c>object</c>).</summary>
        private static IOperation Unconverted(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private static bool IsWritableSpan(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "Span" or "Memory", IsGenericType: true, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>A value as an element: its identity and members, without the delegates it may hold.</summary>
        private static AbstractValue Structure(AbstractValue value) => value.Delegates.IsEmpty ? value : AbstractValue.Of(value.Self).Join(StripDelegates(value));

        private static AbstractValue StripDelegates(AbstractValue value)
        {
            var result = AbstractValue.Of(value.Self);
            foreach (var f in value.FieldEntries)
            {
                result = result.WithField(f.Key, f.Value);
            }

            return result;
        }

        private static AbstractValue ArgumentsStructure(CallArg[] args)
        {
            var result = AbstractValue.Clean;
            foreach (var a in args)
            {
                result = result.Join(Structure(a.Value));
            }

            return result;
        }

        private AbstractValue InvokeDelegate(AbstractValue callee, CallArg[] args, IOperation site)
        {
            if (callee.Delegates.IsEmpty)
            {
                // An unknown delegate: what goes in may come out.
                return AbstractValue.Of(Union(args, null).Self.Union(callee.Self));
            }

            // The first target's result as it is: a lambda that returns an object it made gives the caller a new object, not
            // the join with a clean start, which would lose that (and read the object's members from the write index).
            AbstractValue? result = null;
            foreach (var d in callee.Delegates)
            {
                var returned = InvokeTarget(d, args, null, site);
                result = result is null ? returned : result.Join(returned);
            }

            return result ?? AbstractValue.Clean;
        }

        /// <summary>
        /// Runs the functions a library call is handed in <paramref name="function"/>, each parameter given what
        /// <paramref name="handed"/> says (<paramref name="fill"/> for the others), and joins what they return, as elements.
        /// </summary>
        private AbstractValue RunFunctions(CallArg function, CallArg[] handed, AbstractValue? fill, CallArg[] args, IOperation site)
        {
            AbstractValue? made = null;
            foreach (var d in function.Value.Delegates)
            {
                var one = Structure(InvokeTarget(d, handed, fill, site, d.Method is null ? null : HandedFrom(args, function)));
                made = made is null ? one : made.Join(one);
            }

            return made ?? AbstractValue.Clean;
        }

        private static bool IsLinq(IMethodSymbol target)
            => target.ContainingType is { Name: "Enumerable" or "Queryable" or "ParallelEnumerable" or "AsyncEnumerable" } linq
                && linq.ContainingNamespace?.ToDisplayString() == "System.Linq";

        /// <summary>
        /// The LINQ operators whose result is what a result function makes of specific inputs, each parameter of it handed its
        /// own: <c>Join</c> and <c>GroupJoin</c> (an outer and an inner element, or the inner group; the key selectors only
        /// match them), <c>SelectMany</c> with a result selector (the source element and one of its collection's), <c>Zip</c>
        /// with one (an element of each), and <c>Aggregate</c> (the accumulator, from the seed or the first element and then
        /// from what the function returned, and an element; then the result selector, if any, of the accumulator). Null for
        /// any other call, which the general rule covers.
        /// </summary>
        private AbstractValue? Composed(IMethodSymbol target, CallArg[] args, IOperation site)
        {
            CallArg? Named(string name)
            {
                foreach (var a in args)
                {
                    if (a.Parameter?.Name == name)
                    {
                        return a;
                    }
                }

                return null;
            }

            AbstractValue Elements(string name) => Named(name) is { } a ? Structure(a.Value) : AbstractValue.Clean;

            AbstractValue Run(CallArg? function, params AbstractValue[] inputs)
            {
                if (function is not { } f)
                {
                    return AbstractValue.Clean;
                }

                var handed = new CallArg[inputs.Length];
                for (var i = 0; i < inputs.Length; i++)
                {
                    handed[i] = new CallArg(null, null, i, inputs[i], null);
                }

                return RunFunctions(f, handed, null, args, site);
            }

            var resultSelector = Named("resultSelector");
            switch (target.Name)
            {
                case "Join" or "GroupJoin" when resultSelector is not null:
                    return Run(resultSelector, Elements("outer"), Elements("inner"));
                case "Zip" when resultSelector is not null:
                    return Run(resultSelector, Elements("first"), Elements("second"));
                case "SelectMany" when resultSelector is not null && Named("collectionSelector") is { } collections:
                    var source = Elements("source");
                    return Run(resultSelector, source, Run(collections, source));
                case "Aggregate" when Named("func") is { } func:
                    var elements = Elements("source");
                    var accumulated = Named("seed") is { } seed ? Structure(seed.Value) : elements;
                    for (var round = 0; round < 3; round++)
                    {
                        var next = accumulated.Join(Run(func, accumulated, elements));
                        if (next.SameAs(accumulated))
                        {
                            break;
                        }

                        accumulated = next;
                    }

                    return resultSelector is null ? accumulated : Run(resultSelector, accumulated);
                default:
                    return null;
            }
        }

        /// <summary>
        /// What a grouping hands back: each group's <c>Key</c> is what the key selector returned for its elements (grouping
        /// customers by region gives regions as keys, not customers), and the group holds the elements, or what the element
        /// selector made of them. A result selector receives the key and the group and makes the result. A group is the
        /// elements' value with its key as the member <c>Key</c>: <c>g.Key</c> reads the key alone, the group as a whole
        /// carries both.
        /// </summary>
        private AbstractValue Grouped(CallArg[] args, AbstractValue elements, IOperation site)
        {
            CallArg? keySelector = null, elementSelector = null, resultSelector = null;
            foreach (var a in args)
            {
                switch (a.Parameter?.Name)
                {
                    case "keySelector":
                        keySelector = a;
                        break;
                    case "elementSelector":
                        elementSelector = a;
                        break;
                    case "resultSelector":
                        resultSelector = a;
                        break;
                    case "source":
                        // The sequence grouped: its elements, with their members, even when it also holds functions (a query
                        // built by joins keeps its lambdas).
                        elements = elements.Join(Structure(a.Value));
                        break;
                }
            }

            // A selector whose functions are not known (a delegate from elsewhere) may return anything it is given.
            AbstractValue Run(CallArg? function, CallArg[] handed, AbstractValue? fill, AbstractValue otherwise)
                => function is { Value.Delegates.IsEmpty: false } f ? RunFunctions(f, handed, fill, args, site) : otherwise;

            var key = Run(keySelector, HandedByLibrary(keySelector?.Parameter, elements), elements, elements);
            var members = Run(elementSelector, HandedByLibrary(elementSelector?.Parameter, elements), elements, elements);
            if (resultSelector is not null)
            {
                var handed = new[] { new CallArg(null, null, 0, key, null), new CallArg(null, null, 1, members, null) };
                return Run(resultSelector, handed, null, members.Join(key));
            }

            return members.WithField("Key", key);
        }

        /// <summary>
        /// Reading 3 for a method handed to a library as a callback (<c>new Timer(Beat, r.Phone, …)</c>, <c>ct.Register(OnCancel,
        /// state)</c>, <c>emails.ForEach(Send)</c>): what the library hands it comes from the call's other arguments, so a sink the
        /// method reaches with it is reported at the argument that carries identity (the state), or else at the method handed
        /// over; never at the call as a whole, which is neither an argument nor a value. Null when no written argument fits.
        /// </summary>
        private static IOperation? HandedFrom(CallArg[] args, CallArg callback)
        {
            foreach (var a in args)
            {
                if (a.Ordinal != callback.Ordinal && a.Report is { } report && Unconverted(report) is { IsImplicit: false } written && written.Syntax.Parent is ArgumentSyntax
                    && a.Value.Delegates.IsEmpty && !a.Value.Deep().IsClean)
                {
                    return written;
                }
            }

            var handed = callback.Report is null ? null : Unconverted(callback.Report);
            if (handed is IDelegateCreationOperation { IsImplicit: true, Target: { } group })
            {
                // `ForEach(SendOne)`: the method group the compiler turned into a delegate.
                handed = group;
            }

            return handed is { IsImplicit: false } && handed.Syntax.Parent is ArgumentSyntax ? handed : null;
        }

        /// <summary>
        /// Runs a delegate target; parameters not covered by <paramref name="args"/> get <paramref name="fill"/> (elements for LINQ
        /// lambdas). A method's sink reaches are reported at <paramref name="reportAt"/> when given (<see cref="HandedFrom"/>).
        /// </summary>
        private AbstractValue InvokeTarget(DelegateTarget target, CallArg[] args, AbstractValue? fill, IOperation site, IOperation? reportAt = null)
        {
            if (target.Method is { } method)
            {
                site = reportAt ?? site;
                var mapped = new CallArg[Math.Max(args.Length, fill is null ? 0 : method.Parameters.Length)];
                for (var i = 0; i < mapped.Length; i++)
                {
                    var parameter = i < method.Parameters.Length ? method.Parameters[i] : null;
                    mapped[i] = i < args.Length
                        ? new CallArg(args[i].Report, parameter, i, args[i].Value, null)
                        : new CallArg(null, parameter, i, fill ?? AbstractValue.Clean, null);
                }

                return Call(method, null, target.Receiver, mapped, site);
            }

            if (target.Lambda is { } lambda && target.Owner is { } owner)
            {
                ControlFlowGraph graph;
                try
                {
                    graph = owner.GetAnonymousFunctionControlFlowGraph(lambda, _stack.CancellationToken);
                }
                catch (ArgumentException)
                {
                    return Union(args, fill);
                }

                return Inline(lambda.Symbol, graph, args, fill, site, captured: RootOf(owner) == RootOf(_cfg) ? default : target.Captured);
            }

            return Union(args, fill);
        }

        /// <summary>
        /// MIN011 at a call whose callee's analysis was cut short, naming the bound that cut it: the callee's recursive call
        /// group when its evaluations were cut (<c>max_component_evaluations</c>), the call depth or the body size otherwise.
        /// </summary>
        private void AddCalleeBound(IOperation site, IMethodSymbol? callee, string what, Taint inputs)
        {
            if (callee is not null && _engine.ComponentBoundOf(callee) is { } cut)
            {
                AddBound(site.Syntax.GetLocation(), cut.Bound, cut.Option, what, string.Join(", ", inputs.OrderedSourceNames()));
                return;
            }

            AddBound(site.Syntax.GetLocation(), "max_call_depth or max_method_operations", FlowOptions.MaxCallDepthKey + " / " + FlowOptions.MaxMethodOperationsKey, what, string.Join(", ", inputs.OrderedSourceNames()));
        }

        private AbstractValue InlineLocalFunction(IMethodSymbol localFunction, CallArg[] args, IOperation site)
        {
            ControlFlowGraph? graph = null;
            var definition = localFunction.OriginalDefinition;
            for (var g = _cfg; g is not null && graph is null; g = g.Parent)
            {
                if (g.LocalFunctions.IndexOf(definition, SymbolEqualityComparer.Default) < 0)
                {
                    // Declared in an enclosing graph: asking this one would throw (an exception per call is costly).
                    continue;
                }

                try
                {
                    graph = g.GetLocalFunctionControlFlowGraph(definition, _stack.CancellationToken);
                }
                catch (ArgumentOutOfRangeException)
                {
                }
                catch (ArgumentException)
                {
                }
            }

            return graph is null ? Union(args, null) : Inline(definition, graph, args, null, site);
        }

        /// <summary>
        /// Reading 4: a lambda of this method that leaves it (handed to the application's own code, stored in a member, added to
        /// an event) may run anywhere later, with what it captured. It is run once here, where its captures have their values,
        /// so that a sink inside it that receives captured identity is reported at that sink. Its parameters are unknown here
        /// (clean); where it is invoked with arguments, those are followed as usual.
        /// </summary>
        private void RunEscaping(AbstractValue value, IOperation site, int depth = 0)
        {
            if (depth < 2)
            {
                // Functions kept in the value's members (a tuple's Item2, a record's Send) leave with it too.
                foreach (var field in value.FieldEntries)
                {
                    RunEscaping(field.Value, site, depth + 1);
                }
            }

            foreach (var d in value.Delegates)
            {
                if (d.Lambda is not null && d.Owner is { } owner && RootOf(owner) == RootOf(_cfg))
                {
                    InvokeTarget(d, Array.Empty<CallArg>(), null, site);
                }
                else if (d.Method is { MethodKind: MethodKind.LocalFunction } local)
                {
                    // A local function stored as a method group (_retry = Resend): the same, with what it captured here.
                    // Declared in another body, it is not in this graph and nothing runs.
                    InlineLocalFunction(local, Array.Empty<CallArg>(), site);
                }
            }
        }

        /// <summary><c>IDisposable.Dispose</c> or <c>IAsyncDisposable.DisposeAsync</c> itself, called through the interface.</summary>
        private static bool IsDisposal(IMethodSymbol target)
            => target.ContainingType is { TypeKind: TypeKind.Interface } owner
                && (owner.SpecialType == SpecialType.System_IDisposable && target.Name == "Dispose"
                    || owner.Name == "IAsyncDisposable" && target.Name == "DisposeAsync" && owner.ContainingNamespace?.ToDisplayString() == "System");

        private static ControlFlowGraph RootOf(ControlFlowGraph graph)
        {
            while (graph.Parent is not null)
            {
                graph = graph.Parent;
            }

            return graph;
        }

        /// <summary>A method of the compilation evaluated in place (its own state: parameters and receiver only).</summary>
        private AbstractValue InlineMethod(IMethodSymbol method, ControlFlowGraph graph, IOperation? instance, AbstractValue? receiver, CallArg[] args, IOperation site,
            Dictionary<int, ImmutableArray<INamedTypeSymbol>>? knownTypes)
        {
            var state = new State(_state.Slots);
            if (!method.IsStatic)
            {
                state.Set(ThisKey, receiver ?? AbstractValue.Clean);
            }

            return Inline(method, graph, args, null, site, state, knownTypes: knownTypes, receiverOperation: method.IsStatic ? null : instance);
        }

        /// <summary>
        /// The effects of a method run in place on the objects it was handed, applied as <see cref="ApplyEffects"/> applies a
        /// summary's: an argument's object takes what the body left in it, the receiver what the body left in its members (those
        /// holding shared collections aside: the write index has them).
        /// </summary>
        private void WriteBackInlineEffects(IMethodSymbol function, State exit, State initial, CallArg[] args, Dictionary<int, AbstractValue> bindings, int firstLabel,
            IOperation? receiverOperation, IOperation site)
        {
            var display = _ann.Display(function);
            foreach (var p in function.OriginalDefinition.Parameters)
            {
                if (p.RefKind != RefKind.None || p.Type is not { IsReferenceType: true } || !exit.TryGet(p, out var final)
                    || initial.TryGet(p, out var start) && final.SameAs(start) || _ann.ParameterSource(p) is not null)
                {
                    continue;
                }

                var label = firstLabel + p.Ordinal;
                foreach (var a in args)
                {
                    if (a.Ordinal != p.Ordinal || a.Report is null)
                    {
                        continue;
                    }

                    var location = site.Syntax.GetLocation();
                    WriteBack(a.Report, OverwritesHeldMember(final, label, a.Value) && WholeObjectEntry(final, label) >= 0
                        ? InstantiateObjectEffect(final, label, bindings, display, location)
                        : a.Value.Join(Instantiate(final, bindings, display, location)));
                }
            }

            if (receiverOperation is not null && initial.TryGet(ThisKey, out var before) && exit.TryGet(ThisKey, out var after) && !after.SameAs(before))
            {
                WriteBack(receiverOperation, WithoutSharedFields(after, function.ContainingType));
            }
        }

        private AbstractValue Inline(IMethodSymbol function, ControlFlowGraph graph, CallArg[] args, AbstractValue? fill, IOperation? site = null, State? baseState = null,
            ImmutableArray<KeyValuePair<IParameterSymbol, ImmutableArray<DelegateTarget>>> captured = default, Dictionary<int, ImmutableArray<INamedTypeSymbol>>? knownTypes = null,
            IOperation? receiverOperation = null)
        {
            if (_inlineDepth >= MaxInlineDepth)
            {
                return Union(args, fill);
            }

            // Explicit calls (f(x), a local function, an event) give the function's parameters symbolic labels of their own,
            // so that identity passed in is reported at the outermost argument, as for any other call. Functions that library
            // code calls back (LINQ) receive the elements' concrete identity directly: there is no argument to report at.
            var symbolic = fill is null && site is not null;
            var firstLabel = (_inlineDepth + 1) * InlineLabelBase;
            var initial = new State(baseState ?? _state);
            var bindings = new Dictionary<int, AbstractValue>();
            if (!captured.IsDefaultOrEmpty)
            {
                // A lambda made in another body runs here: the functions it captured there are what its captured parameters call.
                foreach (var kv in captured)
                {
                    initial.Set(kv.Key, AbstractValue.Of(Taint.Clean, kv.Value));
                }
            }

            // The graph is the declaration's: a generic method called as Run<string> reads the parameters of Run<T>.
            foreach (var p in function.OriginalDefinition.Parameters)
            {
                var value = fill ?? AbstractValue.Clean;
                foreach (var a in args)
                {
                    if (a.Ordinal == p.Ordinal)
                    {
                        value = a.Value;
                    }
                }

                var declared = _ann.ParameterSource(p);
                if (declared is not null)
                {
                    initial.Set(p, AbstractValue.Of(Taint.Of(declared.AsLabel, null)));
                }
                else if (symbolic)
                {
                    bindings[firstLabel + p.Ordinal] = value;
                    initial.Set(p, AbstractValue.Of(Taint.Of(Label.Symbolic(firstLabel + p.Ordinal), null), value.Delegates));
                }
                else
                {
                    initial.Set(p, value);
                }
            }

            var own = baseState is null && RootOf(graph) == RootOf(_cfg);
            var results = symbolic || !own ? new Results(_results, shareFindings: own) : _results;
            var child = new MethodEvaluator(_engine, _owner, baseState is null ? _method : function, graph, _stack, _depth, _inlineDepth + 1, results, initial);
            child._knownTypes = knownTypes;
            child._unknownOrigin = _unknownOrigin;
            if (symbolic && args.Length == 0 && !function.Parameters.IsEmpty)
            {
                // Run with no arguments (a lambda that leaves, RunEscaping): whoever runs it later gives it objects made
                // elsewhere, which no binding here stands for.
                child._unknownOrigin = _unknownOrigin is null ? new HashSet<int>() : new HashSet<int>(_unknownOrigin);
                foreach (var p in function.OriginalDefinition.Parameters)
                {
                    child._unknownOrigin.Add(firstLabel + p.Ordinal);
                }
            }
            var returned = child.RunInline();
            if (symbolic && _results.MemberWrites.Count > 0)
            {
                // What the function stored into members from its own parameters (`_entries[key] = value` in a method run here
                // because it invokes a function it was given): the caller's arguments, as for a summary's member writes.
                InstantiateInlineWrites(bindings, firstLabel, function, site!);
            }

            if (symbolic && child._exit is { } exit && function.MethodKind == MethodKind.AnonymousFunction)
            {
                // `Action<Message, string> set = (x, v) => x.To = v; set(msg, phone);`: what the lambda stores into the members of
                // an object it is given is in the caller's object afterwards.
                foreach (var p in function.OriginalDefinition.Parameters)
                {
                    if (p.RefKind != RefKind.None || p.Type is not { IsReferenceType: true } || !exit.TryGet(p, out var final) || final.Fields.IsEmpty)
                    {
                        continue;
                    }

                    foreach (var a in args)
                    {
                        if (a.Ordinal == p.Ordinal && a.Report is { } report && IsStoragePath(Unconverted(report)))
                        {
                            WriteBack(Unconverted(report), InstantiateObjectEffect(final, firstLabel + p.Ordinal, bindings, "lambda", site!.Syntax.GetLocation()));
                        }
                    }
                }
            }
            else if (symbolic && child._exit is { } methodExit && baseState is not null)
            {
                // A method run in place (it was given a lambda, or its receiver's class is known): what it leaves in the objects
                // it is given (a writer it wrote to, a visitor's list, its receiver's members) is in the caller's objects
                // afterwards, as a summary's parameter effects are.
                WriteBackInlineEffects(function, methodExit, initial, args, bindings, firstLabel, receiverOperation, site!);
            }

            if (!symbolic)
            {
                if (!own)
                {
                    foreach (var reach in results.Reaches.Values)
                    {
                        _results.AddReach(reach);
                    }
                }

                return returned;
            }

            var display = function.MethodKind == MethodKind.AnonymousFunction ? "lambda" : _ann.Display(function);
            foreach (var reach in results.Reaches.Values)
            {
                var label = reach.Entry.Label;
                if (label.Parameter < firstLabel || label.Parameter >= firstLabel + InlineLabelBase)
                {
                    // The enclosing method's own parameters, captured: they stay symbolic in its summary.
                    _results.AddReach(reach);

                    continue;
                }

                if (!bindings.TryGetValue(label.Parameter, out var bound))
                {
                    continue;
                }

                var reached = Remark(Navigate(bound, label.MemberPath).Deep(), label);
                if (!reached.IsClean)
                {
                    ReportThrough(FindReport(args, label.Parameter - firstLabel) ?? site!, reached, display, site!, reach);
                }
            }

            return returned.IsClean ? returned : Instantiate(returned, bindings, display, site!.Syntax.GetLocation());
        }

        /// <summary>The labels of an inline run's own parameters (<paramref name="firstLabel"/> onwards) in the member writes, replaced by what the caller passed.</summary>
        private void InstantiateInlineWrites(Dictionary<int, AbstractValue> bindings, int firstLabel, IMethodSymbol function, IOperation site)
        {
            bool IsInline(Label l) => !l.IsConcrete && l.Parameter >= firstLabel && l.Parameter < firstLabel + InlineLabelBase;
            List<KeyValuePair<ISymbol, AbstractValue>>? updated = null;
            foreach (var write in _results.MemberWrites)
            {
                if (write.Value.Deep().Entries.Any(e => IsInline(e.Label)))
                {
                    (updated ??= new List<KeyValuePair<ISymbol, AbstractValue>>()).Add(write);
                }
            }

            if (updated is null)
            {
                return;
            }

            var display = function.MethodKind == MethodKind.AnonymousFunction ? "lambda" : _ann.Display(function);
            var location = site.Syntax.GetLocation();
            foreach (var write in updated)
            {
                _results.MemberWrites[write.Key] = write.Value.MapTaints((bindings, display, location), (t, s) =>
                {
                    var own = t.Without(l => !IsInline(l));
                    return own.IsClean ? t : t.Without(IsInline).Union(InstantiateTaint(own, s.bindings, s.display, s.location));
                });
            }
        }

        /// <summary>
        /// The elements of a <c>params</c> argument the compiler built: an array (<c>params string[]</c>) or, for a params
        /// collection (<c>params ReadOnlySpan&lt;string&gt;</c>, <c>params IEnumerable&lt;string&gt;</c>), an implicit collection
        /// expression. Null for an argument the caller wrote itself.
        /// </summary>
        private static ImmutableArray<IOperation>? ParamsElements(IOperation argument) => argument switch
        {
            IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer } => initializer.ElementValues,
            ICollectionExpressionOperation { IsImplicit: true } collection => collection.Elements,
            _ => null,
        };

        /// <summary>Identity passed at <paramref name="at"/> reaches a sink inside a callee: report it there (each <c>params</c> element on its own).</summary>
        private void ReportThrough(IOperation at, Taint reached, string callDisplay, IOperation site, SinkReach reach)
        {
            if (ParamsElements(at) is { } elements && _elementValues is not null)
            {
                foreach (var element in elements)
                {
                    if (_elementValues.TryGetValue(element, out var value) && !value.Deep().IsClean)
                    {
                        Report(element, value.Deep().Extend(callDisplay, site.Syntax.GetLocation(), reach.Entry.Path, MaxPath), reach.Sink);
                    }
                }

                return;
            }

            Report(at, reached.Extend(callDisplay, site.Syntax.GetLocation(), reach.Entry.Path, MaxPath), reach.Sink);
        }

        private void CheckCallSinks(IMethodSymbol target, CallArg[] args)
        {
            if (!_ann.HasAnySink(target))
            {
                return;
            }

            foreach (var a in args)
            {
                if (a.Report is null)
                {
                    continue;
                }

                var sink = _ann.ParameterSink(target, a.Parameter);
                if (sink is not null)
                {
                    CheckSink(a.Report, a.Value, sink);
                }
            }
        }

        /// <summary>A value meets a sink: concrete identity becomes a finding here, symbolic identity a reach in the summary.</summary>
        private void CheckSink(IOperation valueOperation, AbstractValue value, SinkInfo sink)
        {
            if (ParamsElements(valueOperation) is { } elements)
            {
                // params: each element that carries identity is its own argument.
                foreach (var element in elements)
                {
                    var elementValue = _elementValues is not null && _elementValues.TryGetValue(element, out var ev) ? ev : AbstractValue.Clean;
                    CheckSink(element, elementValue, sink);
                }

                return;
            }

            var taint = value.Deep();
            if (HeldCollections(valueOperation) is { IsClean: false } held)
            {
                taint = taint.Union(held.Deep());
            }

            if (taint.IsClean)
            {
                return;
            }

            Report(valueOperation, taint, sink);
        }

        /// <summary>
        /// What the collections an object of the program's own collection type (a class enumerating a private list) keeps in
        /// its fields hold (Reading 5: they are shared, so their content is in the write index, not in the object's value): a
        /// sink that receives the whole object, or a library call that walks it, receives that content too. Clean for any other
        /// value.
        /// </summary>
        private AbstractValue HeldCollections(IOperation? operation)
        {
            // Only for a class that is a collection itself (it enumerates what it holds): an entity that keeps a private
            // dictionary of settings is not, and reading every entity of its type as holding what any one was given made
            // real code report each place a user object was handed on.
            if (operation is null || Unconverted(operation).Type is not INamedTypeSymbol type || !_engine.IsOwn(type) || !LibraryModel.IsFillableContainer(type))
            {
                return AbstractValue.Clean;
            }

            var held = AbstractValue.Clean;
            foreach (var member in _engine.SharedMembersOf(type))
            {
                held = held.Join(_engine.MemberWrites.ValueOf(member, _stack));
            }

            return held;
        }

        private void Report(IOperation at, Taint taint, SinkInfo sink)
        {
            // The argument's whole expression, its parentheses included (operations have none: `("id " + phone).Audit()`).
            var syntax = at.Syntax;
            while (syntax.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                syntax = parenthesized;
            }

            var location = syntax.GetLocation();
            var concrete = taint.OnlyConcrete();
            if (!concrete.IsClean)
            {
                var withSink = concrete.WithStep(sink.Display, sink.Location, MaxPath + 1);
                if (_results.Findings.TryGetValue(location, out var existing))
                {
                    existing.Taint = existing.Taint.Union(withSink);
                }
                else
                {
                    _results.Findings[location] = new FlowFinding(location, withSink, sink);
                }
            }

            foreach (var entry in taint.Entries)
            {
                if (!entry.Label.IsConcrete && !DeclaresIdentity(entry.Label))
                {
                    _results.AddReach(new SinkReach(new TaintEntry(entry.Label, Taint.Step(entry.Path, sink.Display, sink.Location, MaxPath + 1)), sink));
                }
            }
        }
    }
}
