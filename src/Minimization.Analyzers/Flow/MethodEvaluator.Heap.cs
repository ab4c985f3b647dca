using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>Member reads and writes, patterns and deconstruction: the field-sensitive part of the interpreter.</summary>
    internal sealed partial class MethodEvaluator
    {
        private AbstractValue ReadMember(IMemberReferenceOperation reference)
        {
            var member = reference.Member;
            var receiver = reference.Instance is null ? AbstractValue.Clean : Eval(reference.Instance);
            if (reference is IPropertyReferenceOperation { Property.IsIndexer: true } indexer)
            {
                foreach (var a in indexer.Arguments)
                {
                    Eval(a.Value);
                }

                if (_ann.MemberSource(member, reference.Instance?.Type) is { } indexSource)
                {
                    return AbstractValue.Of(Taint.Of(indexSource.AsLabel, null));
                }

                if (indexer.Property.GetMethod is { } indexGetter && HasSourceBody(indexGetter) && !IsAutoAccessor(indexGetter))
                {
                    return Call(indexGetter, reference.Instance, receiver, Arguments(indexer.Arguments), reference);
                }

                // An element of a collection: collections are the join of their elements.
                return IsInSource(indexer.Property) ? AbstractValue.Of(receiver.Deep()) : receiver;
            }

            // The member read is a step of the paths it carries (a session's RemoteEndPoint, read and passed on), unless the member
            // is a source itself (then it is where the path starts) or a library's element accessor (an enumerator's Current, a
            // Nullable's Value: the value itself, as MemberValue reads it).
            var value = MemberValue(member, reference.Instance, receiver, reference);
            return value.IsClean || _ann.MemberSource(member, reference.Instance?.Type) is not null || !IsInSource(member) && member.Name is "Current" or "Value"
                ? value
                : value.WithStep(FlowAnnotations.Describe(member), reference.Syntax.GetLocation(), MaxPath);
        }

        /// <summary>
        /// The primary constructor's parameter a field or property is initialized with as it is (`public string To { get; } =
        /// to;`), or null.
        /// </summary>
        private string? ParameterInitializing(ISymbol member)
        {
            // Asked at every read of a new object's member: the lookup first, so that the common case allocates nothing.
            var key = member.OriginalDefinition;
            return _engine.InitializedFromParameter.TryGetValue(key, out var known) ? known
                : _engine.InitializedFromParameter.GetOrAdd(key, FindParameterInitializing(key, _stack.CancellationToken));
        }

        private static string? FindParameterInitializing(ISymbol m, System.Threading.CancellationToken cancellationToken)
        {
            if (m is not (IFieldSymbol or IPropertySymbol) || m.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = m.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var value = syntax switch
            {
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                _ => null,
            };
            if (value is not IdentifierNameSyntax name || syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { ParameterList: { } parameters })
            {
                return null;
            }

            foreach (var p in parameters.Parameters)
            {
                if (p.Identifier.ValueText == name.Identifier.ValueText)
                {
                    return p.Identifier.ValueText;
                }
            }

            return null;
        }

        /// <summary>A symbolic label that stands for a scalar member of a container the caller passes (a marked step of its path).</summary>
        private static bool IsContainersScalar(Label label)
        {
            if (label.IsConcrete)
            {
                return false;
            }

            foreach (var step in label.MemberPath)
            {
                if (Label.IsScalarMember(step, out _))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The scalar <c>Value</c> of a <c>KeyValuePair</c> (a count kept per e-mail address): a member of the pair, which
        /// holds the identity of its key as a container does (Reading 11), not the element read out of a collection.
        /// </summary>
        private static bool IsPairsScalar(ISymbol member, ITypeSymbol? memberType)
            => member.ContainingType is { Name: "KeyValuePair", Arity: 2 } pair && pair.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
                && LibraryModel.IsScalarType(memberType);

        /// <summary>The value of <paramref name="member"/> read from <paramref name="receiver"/>.</summary>
        private AbstractValue MemberValue(ISymbol member, IOperation? instance, AbstractValue receiver, IOperation? site)
        {
            var memberType = member switch
            {
                IPropertySymbol p => p.Type,
                IFieldSymbol f => f.Type,
                IEventSymbol e => e.Type,
                _ => null,
            };
            if (LibraryModel.IsPredicateType(memberType))
            {
                return AbstractValue.Clean;
            }

            if (_ann.MemberSource(member, instance?.Type) is { } source)
            {
                return AbstractValue.Of(Taint.Of(source.AsLabel, null));
            }

            if (member is IFieldSymbol { IsConst: true })
            {
                // A constant (an enum member too) is a literal of the program: no writer, nothing stored.
                return AbstractValue.Clean;
            }

            var inSource = IsInSource(member);
            if (!inSource && _engine.Library.IsCleanMember(member))
            {
                return AbstractValue.Clean;
            }

            if (!inSource && (member.Name is "Current" or "Value" && !IsPairsScalar(member, memberType) || member.Name == "Task" && LibraryModel.IsPromise(member.ContainingType)))
            {
                // An enumerator's current element, a Nullable's or a Lazy's value: the element itself, structure intact.
                return receiver;
            }

            if (!inSource && member.Name is "Values" or "Keys" && !receiver.Fields.IsEmpty && LibraryModel.IsFillableContainer(instance?.Type))
            {
                // A library collection's elements keep the members they were put in with (a collection is the join of them).
                return receiver.WithSelf(receiver.Self.WithMember(MemberKey(member), MaxMemberPath));
            }

            if (_ann.IsNonIdentifying(member))
            {
                return AbstractValue.Clean;
            }

            var key = MemberKey(member);

            // Reading 11: an object whose type is not identity-bearing holds identity only as a container. A member of a
            // scalar type (a number, Guid, bool, enum, date) read from it carries identity only when it is the member
            // written (tracked below) or a source itself (above); the identity of the object as a whole does not pass.
            // The symbolic labels that pass are marked scalar (Label.ScalarMember), so that a caller instantiating them applies
            // the same rule to the object it passed: the Guid of a user looked up by e-mail stays clean there too.
            var scalar = LibraryModel.IsScalarType(memberType) && !_ann.IsBearingItself(instance?.Type ?? member.ContainingType);

            // A scalar read from a scalar (the Year of a birth date, the TotalDays of a TimeSpan) is part of that value, not of a
            // container: the identity the value carries passes, and so does what a caller passes for it. What the value holds as
            // a container's scalar member (a request's PerformedAt, marked when it was read) stays clean, as Reading 11 has it.
            var ofScalar = scalar && LibraryModel.IsScalarType(instance?.Type);
            var self = ofScalar ? receiver.Self.Without(IsContainersScalar) : scalar ? receiver.Self.OnlySymbolic() : receiver.Self;
            var pathKey = scalar && !ofScalar ? Label.ScalarMember(key) : key;
            AbstractValue value;
            if (member.IsStatic && member is IPropertySymbol { GetMethod: { } staticGetter } && site is not null && HasSourceBody(staticGetter) && !IsAutoAccessor(staticGetter))
            {
                // A static property with a body (RequestContext.Current => Caller.Value): its getter is a call, as for an instance's.
                value = _state.Get(member).Join(Call(staticGetter, null, null, System.Array.Empty<CallArg>(), site));
            }
            else if (member.IsStatic)
            {
                value = _state.Get(member);
            }
            else if (receiver.Fields.TryGetValue(key, out var tracked))
            {
                // Tracked precisely in this method: what other code stores into the member elsewhere does not apply, unless
                // some path did not store (x ??= y, a store under an if): the member may still hold what it held before.
                if (!MayHoldPrior(tracked, receiver.Self.WithMember(key, MaxMemberPath)))
                {
                    return tracked;
                }

                value = tracked;
            }
            else if (member is IPropertySymbol { GetMethod: { } getter } && site is not null
                && (HasSourceBody(getter) && !IsAutoAccessor(getter) || IsDispatched(getter) && _engine.Implementations.Of(getter).Count > 0))
            {
                // A property with a body is a call, on a new object too (`batch.Items => _items`, a list its Add filled).
                value = Call(getter, instance, receiver, System.Array.Empty<CallArg>(), site);
            }
            else if (receiver.IsFresh)
            {
                // A new object's member holds what its construction put there: the constructor's stores are tracked above,
                // the member's own initializer is read here.
                var made = AbstractValue.Of(self.WithMember(pathKey, MaxMemberPath));
                if (_engine.IsOwn(member) && !member.IsStatic && ParameterInitializing(member) is { } parameterName
                    && receiver.Fields.TryGetValue(parameterName, out var passed))
                {
                    // `string To { get; } = to;` on an object its primary constructor made here: what this creation passed for
                    // `to`. (Made through another constructor, `: this(…)`, the object does not hold its arguments apart: the
                    // initializer's value below, over every creation, serves.)
                    return made.Join(passed.WithStep(FlowAnnotations.Describe(member), member.Locations.Length > 0 ? member.Locations[0] : null, MaxPath));
                }

                if (_engine.IsOwn(member) && member is IFieldSymbol or IPropertySymbol && !member.IsStatic
                    && !(member is IPropertySymbol { ContainingType.IsRecord: true } && MemberWriteIndex.CreatedBy(member) is not null))
                {
                    var initialized = _engine.MemberWrites.InitializedValue(member, _stack);
                    if (!initialized.IsClean)
                    {
                        made = made.Join(initialized.WithStep(FlowAnnotations.Describe(member), member.Locations.Length > 0 ? member.Locations[0] : null, MaxPath));
                    }
                }

                return made;
            }
            else if (!inSource && !scalar && !receiver.Fields.IsEmpty)
            {
                // Reading 10: a library object filled through its setters (a UriBuilder's Query, a request's Content) hands
                // what they put in to what it builds (its Uri, its Headers): the library's members are computed from each other.
                value = AbstractValue.Of(receiver.Deep().WithMember(pathKey, MaxMemberPath));
            }
            else
            {
                value = AbstractValue.Of(self.WithMember(pathKey, MaxMemberPath));
            }

            // What other code stores into the member: for statics, for this object's own fields (written by its other
            // methods), and for objects of unknown origin. Not for an object the caller passed in: the summary already
            // says "what the caller's object holds", and each caller supplies it, so the call site decides.
            // Only members declared in this compilation: a referenced project's members are metadata in a build and source in
            // the IDE, and the two must agree (the call graph makes the same choice, so the read is never a nested solve).
            if (_engine.IsOwn(member) && member is IFieldSymbol or IPropertySymbol or IEventSymbol && (!FromCallerParameter(receiver) || LibraryModel.IsFillableContainer(memberType) && ReceivesUnknownObjects(receiver))
                && !(site is IMemberReferenceOperation fill && MemberWriteIndex.OnlyFills(fill))
                && !(IsThis(receiver) && MemberWriteIndex.IsInstanceTypeArgument(member) && !MayReachSinkHere()))
            {
                var stored = _engine.MemberWrites.ValueOf(member, _stack);
                if (!stored.IsClean)
                {
                    value = value.Join(stored.WithStep(FlowAnnotations.Describe(member), member.Locations.Length > 0 ? member.Locations[0] : null, MaxPath));
                }

                if (site is not null && _engine.MemberWrites.WasCut(member))
                {
                    // The value is incomplete, not the analysis: say so here, and let callers use this summary as it is.
                    var at = site.Syntax.GetLocation();
                    if (!_results.Bounds.ContainsKey(at))
                    {
                        _results.Bounds[at] = new BoundFinding(at, "max_writer_callers", FlowOptions.MaxWriterCallersKey, "the read of " + FlowAnnotations.Describe(member), "whatever the callers of its writers that were not followed pass in");
                    }
                }
            }

            return value;
        }

        /// <summary>
        /// Whether a tracked member value still carries the member's content from before this method (the symbolic member
        /// path a join adds for a path that did not store into it).
        /// </summary>
        private static bool MayHoldPrior(AbstractValue tracked, Taint prior)
        {
            var any = false;
            foreach (var e in prior.Entries)
            {
                if (e.Label.IsConcrete)
                {
                    continue;
                }

                if (!tracked.Self.Contains(e.Label))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary>
        /// Whether the method evaluated may send anything to a partner, itself or through its calls. A generic wrapper's method
        /// that cannot (`ValueOrDefault`, `Map`) reads its own `T` member from the instance the caller gives it; one that can
        /// (`Envelope&lt;T&gt;.Ship()`) reads what is stored into it anywhere, so that it reports inside, at its sink (Reading 3).
        /// </summary>
        private bool MayReachSinkHere()
            => _method is null || _engine.Graph.Body(_method) is not { } node || _engine.Graph.Answer(node, CallNode.SinkQuery, _stack.CancellationToken);

        /// <summary>Whether <paramref name="receiver"/> is the object the method runs on, as its caller will supply it.</summary>
        private static bool IsThis(AbstractValue receiver)
        {
            foreach (var e in receiver.Self.Entries)
            {
                if (!e.Label.IsConcrete && e.Label.Parameter == Label.ThisParameter && e.Label.MemberPath.Length == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool FromCallerParameter(AbstractValue receiver)
        {
            foreach (var e in receiver.Self.Entries)
            {
                if (!e.Label.IsConcrete && e.Label.Parameter >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether every parameter <paramref name="receiver"/> comes from is one whose objects no caller in sight supplies
        /// (<see cref="_unknownOrigin"/>): the context a middleware kept by a pipeline is given. A collection held in a member
        /// of such an object (<c>ctx.Items</c>) is the one every function handed the object fills and reads (Reading 5), so
        /// what the program puts into that member is what is read out of it; other members stay the caller's, reported at
        /// the invocation where it is in sight (a scalar or string member read here would report a second time, inside).
        /// </summary>
        private bool ReceivesUnknownObjects(AbstractValue receiver)
        {
            if (_unknownOrigin is null)
            {
                return false;
            }

            var any = false;
            foreach (var e in receiver.Self.Entries)
            {
                if (!e.Label.IsConcrete && e.Label.Parameter >= 0)
                {
                    if (!_unknownOrigin.Contains(e.Label.Parameter))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        private static bool IsDispatched(IMethodSymbol method)
            => method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface;

        /// <summary>Stores <paramref name="value"/> into <paramref name="target"/>; <paramref name="reportAt"/>/<paramref name="sinkValue"/> are what a property sink sees.</summary>
        private void Assign(IOperation target, AbstractValue value, IOperation? reportAt, AbstractValue sinkValue)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    _state.Set(local.Local, local.Local.IsImplicitlyDeclared || value.IsClean ? value : value.WithStep("local '" + local.Local.Name + "'", local.Syntax.GetLocation(), MaxPath));
                    NoteWrapped(local.Local, reportAt);
                    NoteSameObject(local.Local, reportAt);
                    if (local.Local.IsRef && _refBindings is not null && _refBindings.TryGetValue(local.Local, out var bound))
                    {
                        // A ref local: the store is the location's it was bound to.
                        Assign(bound, value, reportAt, sinkValue);
                    }

                    break;

                case IParameterReferenceOperation parameter:
                    _state.Set(parameter.Parameter, value.IsClean ? value : value.WithStep("parameter '" + parameter.Parameter.Name + "'", parameter.Syntax.GetLocation(), MaxPath));
                    if (MemberWriteIndex.IsCapturedPrimaryParameter(parameter.Parameter.OriginalDefinition)
                        && !SymbolEqualityComparer.Default.Equals(_method?.OriginalDefinition, parameter.Parameter.ContainingSymbol.OriginalDefinition))
                    {
                        // A primary constructor's parameter assigned in a member (`body = "hello " + c.Name` in Attach): the
                        // object's captured state, which the type's other members read.
                        RecordMemberWrite(parameter.Parameter.OriginalDefinition, value);
                    }

                    break;

                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                {
                    var keys = Taint.Clean;
                    foreach (var a in indexer.Arguments)
                    {
                        keys = keys.Union(Eval(a.Value).Deep());
                    }

                    if (_ann.PropertySink(indexer.Property) is { } indexSink && reportAt is not null)
                    {
                        CheckSink(reportAt, sinkValue, indexSink);
                    }

                    if (indexer.Property.SetMethod is { } indexSetter && HasSourceBody(indexSetter) && !IsAutoAccessor(indexSetter) && indexer.Instance is not null)
                    {
                        var args = Arguments(indexer.Arguments);
                        var all = new CallArg[args.Length + 1];
                        args.CopyTo(all, 0);
                        all[args.Length] = new CallArg(reportAt, indexSetter.Parameters[indexSetter.Parameters.Length - 1], indexSetter.Parameters.Length - 1, value, null);
                        Call(indexSetter, indexer.Instance, Eval(indexer.Instance), all, target);
                        break;
                    }

                    if (indexer.Instance is not null)
                    {
                        if (reportAt is not null)
                        {
                            NoteElementOf(reportAt, indexer.Instance);
                        }

                        // A library collection holds what is stored and the key it is stored under (_tokens[email] = t), and
                        // the functions stored in it (a registry of callbacks, _routes[name] = payload => ...), which run
                        // where an element is taken out and invoked (Reading 4).
                        var collection = Eval(indexer.Instance);
                        var filled = collection.WithSelf(collection.Self.Union(value.Deep()).Union(keys));
                        WriteBack(indexer.Instance, value.Delegates.IsEmpty ? filled : filled.Join(AbstractValue.Of(Taint.Clean, value.Delegates)));
                        if (!value.Delegates.IsEmpty && Unconverted(indexer.Instance) is not ILocalReferenceOperation)
                        {
                            // Kept in a field's registry (`_commands["share"] = x => …`), the function runs elsewhere: it is
                            // analysed here too, as one stored in a field or handed to Add is.
                            RunEscaping(value, target);
                        }
                    }

                    break;
                }

                case IMemberReferenceOperation member when member is IFieldReferenceOperation or IPropertyReferenceOperation:
                {
                    var symbol = member.Member;
                    if (symbol is IPropertySymbol property && _ann.PropertySink(property) is { } sink && reportAt is not null)
                    {
                        CheckSink(reportAt, sinkValue, sink);
                    }

                    if (symbol is IPropertySymbol { SetMethod: { } setter } setProperty && HasSourceBody(setter) && !IsAutoAccessor(setter) && (member.Instance is not null || setter.IsStatic))
                    {
                        // The setter is a call: Call runs a lambda handed to it (RunEscaping) once. When the getter has a body
                        // too, what the property holds is what the setter's body stores (a backing field, minimized or not:
                        // `set => _token = Tokens.Of(value)`), not the value assigned: the setter's direct callers are the
                        // backing field's writers (a setter method), so another method's read through the getter sees it. With
                        // an automatic getter (`get; set => field = value.Trim();`) the value assigned is the property's.
                        if (setProperty.GetMethod is { } getter && (!HasSourceBody(getter) || IsAutoAccessor(getter)))
                        {
                            RecordMemberWrite(symbol, value);
                        }

                        // A static setter (`Ambient.User = email`) is a call as well, with no receiver.
                        Call(setter, member.Instance, member.Instance is null ? null : Eval(member.Instance), new[] { new CallArg(reportAt, setter.Parameters.Length > 0 ? setter.Parameters[0] : null, 0, value, null) }, target);
                        break;
                    }

                    if (symbol is IPropertySymbol { SetMethod: { } dispatched } && member.Instance is not null && SetterBodiesBehind(dispatched))
                    {
                        // `sink.Value = email` through an interface or a virtual property: the implementations' setters with
                        // a body of their own run too (what they store in a backing field, or send), as a call of the setter
                        // through the interface does; the property itself is written as below.
                        Call(dispatched, member.Instance, Eval(member.Instance), new[] { new CallArg(reportAt, dispatched.Parameters.Length > 0 ? dispatched.Parameters[0] : null, 0, value, null) }, target);
                    }

                    StoreMember(symbol, member.Instance, member, value);
                    break;
                }

                case IInvocationOperation { TargetMethod.ReturnsByRef: true } refCall:
                    // `last.Slot() = email`: the call ran where the assignment was evaluated; the store goes where it points.
                    AssignThroughReturnedRef(refCall, value, reportAt, sinkValue);
                    break;

                case IArrayElementReferenceOperation element:
                {
                    var array = Eval(element.ArrayReference);
                    WriteBack(element.ArrayReference, array.WithSelf(array.Self.Union(value.Deep())));
                    break;
                }

                case ITupleOperation or IDeclarationExpressionOperation:
                    Deconstruct(target, value, null);
                    break;

                case IFlowCaptureReferenceOperation capture:
                    if (_capturedTargets is not null && _capturedTargets.TryGetValue(capture.Id, out var location))
                    {
                        // A location captured before the value was computed: the store is the location's.
                        Assign(location, value, reportAt, sinkValue);
                    }

                    _state.Set(capture.Id, value);
                    break;

                case IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation:
                {
                    foreach (var child in target.ChildOperations)
                    {
                        var receiver = Eval(child);
                        WriteBack(child, receiver.WithSelf(receiver.Self.Union(value.Deep())));
                        break;
                    }

                    break;
                }
            }
        }

        /// <summary>
        /// Stores into a field or property of <paramref name="instance"/> (or a static one) what an assignment at
        /// <paramref name="at"/> puts there: the member's writes, a function it runs later, and the receiver's tracked member.
        /// </summary>
        private void StoreMember(ISymbol symbol, IOperation? instance, IOperation at, AbstractValue value)
        {
            RecordMemberWrite(symbol, value);
            RunEscaping(value, at);

            // The member written is a step of the paths the value carries from here on.
            var written = value.IsClean ? value : value.WithStep(FlowAnnotations.Describe(symbol), at.Syntax.GetLocation(), MaxPath);
            if (symbol.IsStatic)
            {
                _state.Set(symbol, written);
            }
            else if (instance is not null)
            {
                var receiver = Eval(instance);
                WriteBack(instance, receiver.WithField(MemberKey(symbol), written));
                if (_sameObject is not null && Unconverted(instance) is ILocalReferenceOperation { Local: { } through } && _sameObject.TryGetValue(through, out var others))
                {
                    // The other locals that are this very object see the member replaced, as this one does (WriteBack joined
                    // the rest of the object into them).
                    foreach (var other in others)
                    {
                        _state.Set(other, _state.Get(other).WithField(MemberKey(symbol), written));
                    }
                }
            }
        }

        /// <summary>
        /// A store through what a method returns by <c>ref</c> (<c>last.Slot() = email</c>, or through a ref local bound to the
        /// call): a store into each location the bodies it can run return (<see cref="FlowEngine.ReturnedReferences"/>). A field
        /// of the method's own object is the receiver's member, a static field itself, an element of an array the object holds
        /// goes into that array, and a <c>ref</c> parameter is the caller's argument. A return the engine cannot place (a ref
        /// local, another call's ref) stores nowhere, as before.
        /// </summary>
        private void AssignThroughReturnedRef(IInvocationOperation call, AbstractValue value, IOperation? reportAt, AbstractValue sinkValue)
        {
            var instance = call.Instance;
            var locations = new List<IOperation>();
            foreach (var callee in Callees(call.TargetMethod, instance))
            {
                foreach (var location in _engine.ReturnedReferences(callee, _stack.CancellationToken))
                {
                    if (!locations.Contains(location))
                    {
                        locations.Add(location);
                    }
                }
            }

            // One location is surely stored into; of several, any may be, and each keeps what it held.
            var weak = locations.Count > 1;
            foreach (var location in locations)
            {
                switch (location)
                {
                    case IFieldReferenceOperation { Field.IsStatic: true } shared:
                        StoreMember(shared.Field, null, call, weak ? _state.Get(shared.Field).Join(value) : value);
                        break;

                    case IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } own when instance is not null:
                        StoreMember(own.Field, instance, call, weak ? Eval(instance).Member(MemberKey(own.Field), MaxMemberPath).Join(value) : value);
                        break;

                    case IArrayElementReferenceOperation { ArrayReference: IFieldReferenceOperation array }
                        when array.Field.IsStatic || array.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } && instance is not null:
                    {
                        // `ref _slots[i]`: the array holds what any of its elements holds.
                        var held = array.Field.IsStatic ? _state.Get(array.Field) : Eval(instance!).Member(MemberKey(array.Field), MaxMemberPath);
                        StoreMember(array.Field, array.Field.IsStatic ? null : instance, call, held.Join(AbstractValue.Of(value.Deep())));
                        break;
                    }

                    case IParameterReferenceOperation { Parameter.RefKind: RefKind.Ref } parameter:
                        foreach (var argument in call.Arguments)
                        {
                            if (argument.Parameter?.Ordinal == parameter.Parameter.Ordinal)
                            {
                                Assign(argument.Value, weak ? Eval(argument.Value).Join(value) : value, reportAt, sinkValue);
                            }
                        }

                        break;
                }
            }
        }

        internal void RecordMemberWrite(ISymbol member, AbstractValue value, bool keepSymbolic = false)
        {
            var taint = value.Deep();
            if (taint.IsClean && value.Delegates.IsEmpty || _owner is IMethodSymbol owner && _ann.IsMinimizer(owner))
            {
                // A [Minimizer] is trusted: what it writes (the members of the minimized object it builds) is minimized, so
                // reading a member of its result elsewhere (`Coarsen(call).TowerPrefix`) is clean.
                return;
            }

            // Symbolic labels stay for static members: a caller instantiates them with its arguments (ApplyMemberWrites), and
            // the write index follows callers. An instance member keeps only what is concrete: the index reads nothing else.
            // A store by the object's own code (a constructor, a setter method `SetText(string t) => _text = t`) into its own
            // member keeps them too, and so does the store a caller instantiates from it: the write index follows the callers,
            // so that a member of the object that sends it reports it inside, at its sink (Reading 3), not at a receiver.
            var shared = !member.IsStatic && (MemberWriteIndex.IsShared(member.OriginalDefinition) || _engine.MemberWrites.ViewedField(member, _stack.CancellationToken) is not null);
            if (!member.IsStatic && !shared && !keepSymbolic && !IsOwnConstructorWrite(member))
            {
                // A setter method keeps only what its caller passes in its arguments; what it copies from its own object
                // travels with the receiver.
                taint = IsOwnObjectWrite(member) ? taint.Without(l => !l.IsConcrete && l.Parameter < 0) : taint.OnlyConcrete();
                if (taint.IsClean && value.Delegates.IsEmpty)
                {
                    return;
                }
            }

            // A collection held in a field keeps the members of its elements apart (a session stored with the client's end
            // point in one member does not make its other members identity), every symbolic label also on the whole, where
            // callers instantiate it.
            var stored = shared && !value.Fields.IsEmpty ? KeepMembers(value, taint.OnlySymbolic(), member) : AbstractValue.Of(taint, value.Delegates);
            var key = MemberWriteIndex.KeyOf(member);
            _results.MemberWrites[key] = _results.MemberWrites.TryGetValue(key, out var existing) ? existing.Join(stored) : stored;
        }

        /// <summary>A store made by one of the object's constructors into its own member (<see cref="IsOwnObjectWrite"/>).</summary>
        private bool IsOwnConstructorWrite(ISymbol member)
            => _owner is IMethodSymbol { MethodKind: MethodKind.Constructor } && IsOwnObjectWrite(member);

        /// <summary>
        /// A store made by the object's own code: a constructor, or an instance method or property setter of the member's type
        /// evaluated as itself (not a lambda inside it, which runs wherever it is handed).
        /// </summary>
        private bool IsOwnObjectWrite(ISymbol member)
            => _owner is IMethodSymbol owner && SymbolEqualityComparer.Default.Equals(owner, _method) && MemberWriteIndex.IsOwnObjectWriter(owner, member);

        /// <summary>
        /// The value a shared collection member stores: its elements' members apart; what is tracked under a member of the
        /// collection's own type (a channel's <c>Writer</c>, which its <c>Reader</c> reads) and every symbolic label on the whole.
        /// </summary>
        private static AbstractValue KeepMembers(AbstractValue value, Taint symbolic, ISymbol member)
        {
            var collectionType = member switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            var self = value.Self.Union(symbolic);
            var kept = new List<KeyValuePair<string, AbstractValue>>(value.Fields.Count);
            foreach (var field in value.FieldEntries)
            {
                if (HasMember(collectionType, field.Key))
                {
                    self = self.Union(field.Value.Deep());
                }
                else
                {
                    kept.Add(field);
                }
            }

            var result = AbstractValue.Of(self, value.Delegates);
            foreach (var field in kept)
            {
                result = result.WithField(field.Key, field.Value);
            }

            return result;
        }

        private static bool HasMember(ITypeSymbol? type, string name)
        {
            if (type is null)
            {
                return true;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (!t.GetMembers(name).IsEmpty)
                {
                    return true;
                }
            }

            foreach (var i in type.AllInterfaces)
            {
                if (!i.GetMembers(name).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// `var w = new StreamWriter(ms)`, `XmlWriter.Create(sw)`: a library writer or stream made over another variable's
        /// stream, writer or builder writes into it. Kept per local, so that what fills the writer fills what it wraps.
        /// </summary>
        private void NoteWrapped(ILocalSymbol local, IOperation? value)
        {
            // Assigned again: whatever it wrapped before, it no longer does (it may wrap something else, found below).
            _wrapped?.Remove(local);
            _viewOf?.Remove(local);

            // Asked at every assignment of a local: the shape of the value first, the type (a walk of its bases) only then.
            var made = value is null ? null : Unconverted(value);
            if (made is IFlowCaptureReferenceOperation result && _capturedCalls is not null && _capturedCalls.TryGetValue(result.Id, out var call))
            {
                made = Unconverted(call);
            }

            if (made is IInvocationOperation query && ViewedLocal(query) is { } viewed)
            {
                // `var normalized = contacts.Select(…)`: a deferred query is a view of its source, so what is added to the list
                // later is what the query yields when it is enumerated.
                (_viewOf ??= new Dictionary<ILocalSymbol, ILocalSymbol>(SymbolEqualityComparer.Default))[local] = viewed;
                return;
            }

            // A collection taken out of a collection held in a field (`var list = _byCountry[key]`, `_map.GetOrAdd(key, ...)`):
            // what is added to it is in the outer collection too.
            switch (made)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } outer }:
                    NoteElementOf(local, outer);
                    return;
                case IInvocationOperation { Instance: { } outer } taken when !HasSourceBody(taken.TargetMethod):
                    NoteElementOf(local, outer);
                    if (_wrapped is not null && _wrapped.ContainsKey(local))
                    {
                        return;
                    }

                    break;
            }

            var arguments = made switch
            {
                IObjectCreationOperation { Constructor: { } ctor, Arguments.IsEmpty: false } creation when !HasSourceBody(ctor) => creation.Arguments,
                IInvocationOperation { TargetMethod.IsStatic: true, Arguments.IsEmpty: false } factory when !HasSourceBody(factory.TargetMethod) => factory.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            if (arguments.IsEmpty || !LibraryModel.HoldsWhatItIsGiven(local.Type))
            {
                return;
            }

            foreach (var argument in arguments)
            {
                var wrapped = Unconverted(argument.Value);
                if (wrapped is IFlowCaptureReferenceOperation capture && _capturedVariables is not null && _capturedVariables.TryGetValue(capture.Id, out var variable))
                {
                    // An argument read into a capture first (a later argument has control flow of its own): the variable.
                    wrapped = variable;
                }

                if (wrapped is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation && LibraryModel.HoldsWhatItIsGiven(wrapped.Type))
                {
                    (_wrapped ??= new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default))[local] = wrapped;
                    return;
                }
            }
        }

        private Dictionary<ILocalSymbol, IOperation>? _wrapped;

        /// <summary>
        /// Locals that always name the same object as others (<see cref="NoteSameObject"/>), each with those others: a member
        /// written through one is written in all of them.
        /// </summary>
        private Dictionary<ILocalSymbol, List<ILocalSymbol>>? _sameObject;

        /// <summary>
        /// `PartnerDto alias = dto;`: when both locals are of a class type, declared in one block, each written only by its
        /// declaration (no assignment, ref, out, increment or deconstruction anywhere in the member, lambdas included), the
        /// two name one object wherever the second can be read: the block runs the first declaration before the second, and
        /// neither changes afterwards. Anything looser (assigned on a branch, in a loop, from a field) is not noted, and then
        /// a member written through one of them is not seen through the other, as before.
        /// </summary>
        private void NoteSameObject(ILocalSymbol local, IOperation? value)
        {
            var source = value;
            while (source is IConversionOperation { OperatorMethod: null } conversion && (conversion.Conversion.IsIdentity || conversion.Conversion.IsReference))
            {
                source = conversion.Operand;
            }

            if (source is not ILocalReferenceOperation { Local: { } from } || SymbolEqualityComparer.Default.Equals(from, local)
                || _sameObject is not null && _sameObject.TryGetValue(local, out var known) && known.Contains(from, SymbolEqualityComparer.Default)
                || !IsOneObjectType(local.Type) || !IsOneObjectType(from.Type)
                || DeclaringBlock(local, _stack.CancellationToken) is not { } block || !ReferenceEquals(block, DeclaringBlock(from, _stack.CancellationToken))
                || !OnlyDeclared(local, block) || !OnlyDeclared(from, block))
            {
                return;
            }

            _sameObject ??= new Dictionary<ILocalSymbol, List<ILocalSymbol>>(SymbolEqualityComparer.Default);
            var group = new List<ILocalSymbol> { local, from };
            foreach (var member in new[] { local, from })
            {
                if (_sameObject.TryGetValue(member, out var others))
                {
                    foreach (var o in others)
                    {
                        if (!group.Contains(o, SymbolEqualityComparer.Default))
                        {
                            group.Add(o);
                        }
                    }
                }
            }

            foreach (var member in group)
            {
                var others = new List<ILocalSymbol>(group.Count - 1);
                foreach (var o in group)
                {
                    if (!SymbolEqualityComparer.Default.Equals(o, member))
                    {
                        others.Add(o);
                    }
                }

                _sameObject[member] = others;
            }
        }

        private static bool IsOneObjectType(ITypeSymbol type)
            => type.TypeKind is TypeKind.Class or TypeKind.Interface && type.SpecialType != SpecialType.System_String && !type.IsRefLikeType;

        /// <summary>The block a local is declared in by a plain declaration statement, or null.</summary>
        private static BlockSyntax? DeclaringBlock(ILocalSymbol local, System.Threading.CancellationToken cancellationToken)
        {
            if (local.IsRef || local.IsConst || local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            return local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: not null, Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } } }
                ? block
                : null;
        }

        /// <summary>
        /// Whether nothing in the member that holds <paramref name="block"/> declares or writes a variable of the local's name
        /// other than its own declaration: judged by name, so a lambda's own variable of that name counts against it too.
        /// </summary>
        private bool OnlyDeclared(ILocalSymbol local, BlockSyntax block)
        {
            // Asked again on every pass over the declaration: the member's syntax is walked once a local.
            _onlyDeclared ??= new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            if (!_onlyDeclared.TryGetValue(local, out var known))
            {
                known = FindOnlyDeclared(local, block);
                _onlyDeclared[local] = known;
            }

            return known;
        }

        private Dictionary<ILocalSymbol, bool>? _onlyDeclared;

        private static bool FindOnlyDeclared(ILocalSymbol local, BlockSyntax block)
        {
            SyntaxNode root = block;
            for (var up = block.Parent; up is not null && up is not (TypeDeclarationSyntax or CompilationUnitSyntax or NamespaceDeclarationSyntax or FileScopedNamespaceDeclarationSyntax); up = up.Parent)
            {
                root = up;
            }

            var name = local.Name;
            var declarations = 0;
            foreach (var node in root.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax d when d.Identifier.ValueText == name:
                    case SingleVariableDesignationSyntax v when v.Identifier.ValueText == name:
                    case ForEachStatementSyntax f when f.Identifier.ValueText == name:
                    case ParameterSyntax p when p.Identifier.ValueText == name:
                    case CatchDeclarationSyntax c when c.Identifier.ValueText == name:
                    case FromClauseSyntax q when q.Identifier.ValueText == name:
                    case LetClauseSyntax l when l.Identifier.ValueText == name:
                    case JoinClauseSyntax j when j.Identifier.ValueText == name:
                    case QueryContinuationSyntax k when k.Identifier.ValueText == name:
                        if (++declarations > 1)
                        {
                            return false;
                        }

                        break;
                    case IdentifierNameSyntax id when id.Identifier.ValueText == name && IsWritten(id):
                        return false;
                }
            }

            return declarations == 1;
        }

        /// <summary>Whether a name stands where it is written, or where a reference to it is taken (conservatively: any doubt is a write).</summary>
        private static bool IsWritten(IdentifierNameSyntax id)
        {
            SyntaxNode node = id;
            while (node.Parent is ParenthesizedExpressionSyntax or TupleExpressionSyntax or ArgumentSyntax { Parent: TupleExpressionSyntax } or DeclarationExpressionSyntax)
            {
                node = node.Parent;
            }

            return node.Parent switch
            {
                AssignmentExpressionSyntax assignment => ReferenceEquals(assignment.Left, node),
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => node.Parent.IsKind(SyntaxKind.PreIncrementExpression) || node.Parent.IsKind(SyntaxKind.PreDecrementExpression)
                    || node.Parent.IsKind(SyntaxKind.PostIncrementExpression) || node.Parent.IsKind(SyntaxKind.PostDecrementExpression) || node.Parent.IsKind(SyntaxKind.AddressOfExpression),
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                RefExpressionSyntax or ForEachVariableStatementSyntax => true,
                _ => false,
            };
        }

        /// <summary>Locals holding a deferred query over a local collection, by that collection (see <see cref="ViewedLocal"/>).</summary>
        private Dictionary<ILocalSymbol, ILocalSymbol>? _viewOf;

        /// <summary>
        /// The local collection a deferred LINQ query reads (`contacts.Where(…).Select(…)` over a local list), or null: a query
        /// that returns a sequence, not a materialized copy (`ToList`), over a chain of such queries down to a local.
        /// </summary>
        private static ILocalSymbol? ViewedLocal(IInvocationOperation query)
        {
            IOperation? current = query;
            for (var depth = 0; depth < 16 && current is IInvocationOperation { TargetMethod: { } method, Arguments: { Length: > 0 } arguments } invocation; depth++)
            {
                if (!IsLinq(method) || method.ReturnType is not INamedTypeSymbol { TypeKind: TypeKind.Interface, Name: "IEnumerable" or "IOrderedEnumerable" or "IQueryable" or "IOrderedQueryable" })
                {
                    return null;
                }

                current = Unconverted(arguments[0].Value);
                if (current is ILocalReferenceOperation { Local: { } source } && LibraryModel.IsFillableContainer(source.Type))
                {
                    return source;
                }
            }

            return null;
        }

        /// <summary>What is added to a local collection afterwards is in the deferred queries made over it (<see cref="ViewedLocal"/>).</summary>
        private void FillViews(ILocalSymbol source, AbstractValue filled)
        {
            if (_viewOf is null || filled.IsClean)
            {
                return;
            }

            foreach (var view in _viewOf)
            {
                if (SymbolEqualityComparer.Default.Equals(view.Value, source))
                {
                    _state.Set(view.Key, _state.Get(view.Key).Join(AbstractValue.Of(filled.Deep(), filled.Delegates)));
                }
            }
        }

        /// <summary>
        /// A local that is an element of a library collection held in a field or variable (a dictionary of lists:
        /// `_byCountry[country] = list`, `_map.TryGetValue(key, out var list)`, `var list = _map[key]`; a saga's state taken by
        /// `_instances.GetOrAdd(id, ...)`): one object, so what is added to the local, or written into its members, afterwards
        /// is in the outer collection (<see cref="WriteBack"/> follows <c>_wrapped</c>). Only objects: a struct taken out is a copy.
        /// </summary>
        private void NoteElementOf(IOperation element, IOperation outer)
        {
            var local = Unconverted(element) switch
            {
                ILocalReferenceOperation reference => reference.Local,
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                _ => null,
            };
            if (local is not null)
            {
                NoteElementOf(local, outer);
            }
        }

        private void NoteElementOf(ILocalSymbol local, IOperation outer)
        {
            var holder = Unconverted(outer);
            // The cheap tests first: this is asked for every local handed to a library call on a receiver.
            if (holder is ILocalReferenceOperation self && SymbolEqualityComparer.Default.Equals(self.Local, local)
                || !IsStoragePath(holder) || !HoldsAsElement(holder.Type, local.Type)
                || !(LibraryModel.IsFillableContainer(local.Type) || IsOwnObjectType(local.Type)) || !LibraryModel.IsFillableContainer(holder.Type))
            {
                return;
            }

            (_wrapped ??= new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default))[local] = holder;
        }

        /// <summary>The members of <paramref name="after"/> that are not what they were in <paramref name="before"/>, as an object of those members.</summary>
        private static AbstractValue WrittenSince(AbstractValue before, AbstractValue after)
        {
            var written = AbstractValue.Clean;
            foreach (var field in after.FieldEntries)
            {
                if (!field.Value.IsClean && !(before.Fields.TryGetValue(field.Key, out var was) && was.SameAs(field.Value)))
                {
                    written = written.WithField(field.Key, field.Value);
                }
            }

            return written;
        }

        /// <summary>A class of this compilation (not a string, a delegate or a struct): an object whose members its holders share.</summary>
        private bool IsOwnObjectType(ITypeSymbol type)
            => type is INamedTypeSymbol { TypeKind: TypeKind.Class } && _engine.IsOwn(type);

        /// <summary>
        /// Whether <paramref name="outer"/>'s elements or values are of <paramref name="element"/>'s type (or one it implements or
        /// derives from): a dictionary of lists holds a list, while a list given another list (`all.AddRange(page)`) copies its
        /// elements and does not hold it.
        /// </summary>
        private static bool HoldsAsElement(ITypeSymbol? outer, ITypeSymbol element)
        {
            if (outer is not INamedTypeSymbol { IsGenericType: true } named)
            {
                return false;
            }

            foreach (var argument in named.TypeArguments)
            {
                if (ImplementationIndex.IsOrInherits(element, argument))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Writes an updated object back to wherever <paramref name="location"/> reads it from (locals, captures, fields of those).</summary>
        private void WriteBack(IOperation location, AbstractValue value, int depth = 0)
        {
            switch (location)
            {
                case ILocalReferenceOperation local:
                    var before = _wrapped is not null && _wrapped.ContainsKey(local.Local) ? _state.Get(local.Local) : null;
                    _state.Set(local.Local, value);
                    FillViews(local.Local, value);
                    if (_sameObject is not null && _sameObject.TryGetValue(local.Local, out var sameObject))
                    {
                        // The object changed in place: the other locals that are it hold what it holds now. Joined, so that
                        // nothing they tracked is lost; a member store replaces the member in them too (StoreMember).
                        foreach (var other in sameObject)
                        {
                            _state.Set(other, _state.Get(other).Join(value));
                        }
                    }

                    if (depth < AbstractValue.MaxFieldDepth && before is not null && _wrapped!.TryGetValue(local.Local, out var wrapped))
                    {
                        // A collection's content is its whole (and the handlers it holds). An object of your own taken out of a
                        // collection (a saga's state) gives the collection only the members written into it since: what it held
                        // when taken out is the collection's already.
                        var element = LibraryModel.IsFillableContainer(local.Local.Type) ? AbstractValue.Of(value.Self, value.Delegates) : WrittenSince(before, value);
                        if (!element.IsClean)
                        {
                            WriteBack(wrapped, Eval(wrapped).Join(element), depth + 1);
                        }
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    _state.Set(parameter.Parameter, value);
                    break;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    _state.Set(ThisKey, value);
                    break;
                case IFlowCaptureReferenceOperation capture:
                    _state.Set(capture.Id, value);
                    if (depth < AbstractValue.MaxFieldDepth && _capturedVariables is not null && _capturedVariables.TryGetValue(capture.Id, out var variable))
                    {
                        WriteBack(variable, Eval(variable).Join(value), depth + 1);
                    }

                    break;
                case IConversionOperation conversion:
                    WriteBack(conversion.Operand, value, depth);
                    break;
                case IInvocationOperation { Instance: null, TargetMethod: { IsExtensionMethod: true, Name: "AsSpan" or "AsMemory" }, Arguments: { Length: > 0 } view } when depth < AbstractValue.MaxFieldDepth:
                    // frame.AsSpan(16) handed to a call that fills it: the span is a view of the array, which is filled.
                    WriteBack(view[0].Value, Eval(view[0].Value).Join(value), depth + 1);
                    break;
                case IInvocationOperation { Instance: null, TargetMethod.IsExtensionMethod: true, Arguments: { Length: > 0 } chained } extension
                    when depth < AbstractValue.MaxFieldDepth && SymbolEqualityComparer.Default.Equals(extension.Type, Unconverted(chained[0].Value).Type):
                    // A fluent extension (sb.Field("x").Field(email), returning the builder it extends): the same as below.
                    WriteBack(chained[0].Value, Eval(chained[0].Value).Join(value), depth + 1);
                    break;
                case IInvocationOperation { Instance: { } fluentReceiver } fluent when depth < AbstractValue.MaxFieldDepth && SymbolEqualityComparer.Default.Equals(fluent.Type, fluentReceiver.Type):
                    // Fluent builders (sb.Append(a).Append(b)) return their receiver: what fills the result fills the builder.
                    WriteBack(fluentReceiver, Eval(fluentReceiver).Join(value), depth + 1);
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } container } when depth < AbstractValue.MaxFieldDepth && LibraryModel.IsFillableContainer(container.Type):
                    // `_batches[partner].Add(line)`: the list filled in place is an element of the dictionary, which holds what
                    // its elements hold.
                    WriteBack(container, Eval(container).Join(AbstractValue.Of(value.Deep())), depth + 1);
                    break;
                case IArrayElementReferenceOperation { ArrayReference: { } array } when depth < AbstractValue.MaxFieldDepth:
                    WriteBack(array, Eval(array).Join(AbstractValue.Of(value.Deep())), depth + 1);
                    break;
                case IMemberReferenceOperation member when depth < AbstractValue.MaxFieldDepth && member is IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                    if (member.Member.IsStatic)
                    {
                        _state.Set(member.Member, value);
                        RecordMemberWrite(member.Member, value);
                    }
                    else if (member.Instance is not null)
                    {
                        var receiver = Eval(member.Instance);
                        RecordMemberWrite(member.Member, value);
                        WriteBack(member.Instance, receiver.WithField(MemberKey(member.Member), value), depth + 1);
                    }

                    break;
            }
        }

        private AbstractValue AssignEvent(IEventAssignmentOperation assignment)
        {
            var handler = Eval(assignment.HandlerValue);
            if (!assignment.Adds || assignment.EventReference is not IEventReferenceOperation eventReference)
            {
                return AbstractValue.Clean;
            }

            var symbol = eventReference.Event;
            if (symbol.AddMethod is { IsImplicitlyDeclared: false } adder && HasSourceBody(adder) && (symbol.IsStatic || eventReference.Instance is not null))
            {
                // A custom `add` accessor is a call: the handler goes wherever the accessor stores it (a list of handlers that
                // the raising method walks), not into the event itself.
                var instance = symbol.IsStatic ? null : eventReference.Instance;
                Call(adder, instance, instance is null ? null : Eval(instance), new[] { new CallArg(assignment.HandlerValue, adder.Parameters.Length > 0 ? adder.Parameters[0] : null, 0, handler, null) }, assignment);
                return AbstractValue.Clean;
            }

            RunEscaping(handler, assignment);
            RecordMemberWrite(symbol, handler);
            var key = MemberKey(symbol);
            if (symbol.IsStatic)
            {
                _state.Set(symbol, _state.Get(symbol).Join(handler));
            }
            else if (eventReference.Instance is not null)
            {
                var receiver = Eval(eventReference.Instance);
                var current = receiver.Fields.TryGetValue(key, out var c) ? c : AbstractValue.Clean;
                WriteBack(eventReference.Instance, receiver.WithField(key, current.Join(handler)));
            }

            return AbstractValue.Clean;
        }

        private void BindPattern(IPatternOperation? pattern, AbstractValue value, ITypeSymbol? inputType)
        {
            switch (pattern)
            {
                case IDeclarationPatternOperation declaration:
                    if (declaration.DeclaredSymbol is ILocalSymbol local)
                    {
                        _state.Set(local, value);
                    }

                    break;
                case IRecursivePatternOperation recursive:
                    if (recursive.DeclaredSymbol is ILocalSymbol declared)
                    {
                        _state.Set(declared, value);
                    }

                    foreach (var sub in recursive.PropertySubpatterns)
                    {
                        if (sub.Member is IMemberReferenceOperation member)
                        {
                            var v = MemberValue(member.Member, null, value, null);
                            if (_ann.MemberSource(member.Member, recursive.MatchedType ?? inputType) is { } source)
                            {
                                v = AbstractValue.Of(Taint.Of(source.AsLabel, null));
                            }

                            BindPattern(sub.Pattern, v, member.Type);
                        }
                    }

                    for (var i = 0; i < recursive.DeconstructionSubpatterns.Length; i++)
                    {
                        BindPattern(recursive.DeconstructionSubpatterns[i], value.Member("Item" + (i + 1), MaxMemberPath).Join(AbstractValue.Of(value.Deep())), null);
                    }

                    break;
                case IListPatternOperation list:
                    if (list.DeclaredSymbol is ILocalSymbol listLocal)
                    {
                        _state.Set(listLocal, value);
                    }

                    foreach (var p in list.Patterns)
                    {
                        BindPattern(p, AbstractValue.Of(value.Deep()), null);
                    }

                    break;
                case ISlicePatternOperation slice:
                    BindPattern(slice.Pattern, value, inputType);
                    break;
                case IBinaryPatternOperation binary:
                    BindPattern(binary.LeftPattern, value, inputType);
                    BindPattern(binary.RightPattern, value, inputType);
                    break;
                case INegatedPatternOperation negated:
                    BindPattern(negated.Pattern, value, inputType);
                    break;
            }
        }

        private static ITypeSymbol? ElementType(ITypeSymbol? tupleType, int index)
            => (tupleType as INamedTypeSymbol) is { IsTupleType: true } tuple && index < tuple.TupleElements.Length ? tuple.TupleElements[index].Type : null;

        private void Deconstruct(IOperation target, AbstractValue value, ITypeSymbol? valueType)
        {
            switch (target)
            {
                case IDeclarationExpressionOperation declaration:
                    Deconstruct(declaration.Expression, value, valueType);
                    break;
                case ITupleOperation tuple:
                {
                    var names = PositionalMembers(valueType, tuple.Elements.Length);
                    for (var i = 0; i < tuple.Elements.Length; i++)
                    {
                        AbstractValue element;
                        if (!names.IsDefault)
                        {
                            element = MemberValue(names[i], null, value, null);
                            if (_ann.MemberSource(names[i], valueType) is { } source)
                            {
                                element = AbstractValue.Of(Taint.Of(source.AsLabel, null));
                            }
                        }
                        else if (valueType is null || valueType.IsTupleType)
                        {
                            var key = "Item" + (i + 1);
                            element = value.Fields.ContainsKey(key) || ElementType(valueType, i) is not { } elementType || !LibraryModel.IsScalarType(elementType)
                                ? value.Member(key, MaxMemberPath)
                                // Reading 11: the scalar element of a tuple a library made (`Zip`, `Index`, a list of tuples) is
                                // clean, as a scalar member read from it is; what a caller passes for it still passes.
                                : AbstractValue.Of(value.Self.OnlySymbolic().WithMember(Label.ScalarMember(key), MaxMemberPath));
                        }
                        else
                        {
                            element = AbstractValue.Of(value.Deep());
                        }

                        Deconstruct(tuple.Elements[i], element, ElementType(valueType, i));
                    }

                    break;
                }

                case IDiscardOperation:
                    break;
                default:
                    Assign(target, value, null, value);
                    break;
            }
        }

        /// <summary>
        /// <c>var (mail, tier) = customer;</c> through a <c>Deconstruct</c> method of yours (an instance method or an extension):
        /// a call whose <c>out</c> parameters are the targets, so each target gets what the method gives it. False when the
        /// compiler's deconstruction is not such a call (a tuple, a record's synthesized method, a method without source, nested
        /// targets): <see cref="Deconstruct"/> handles those.
        /// </summary>
        private bool DeconstructThroughMethod(IDeconstructionAssignmentOperation deconstruction, AbstractValue value)
        {
            if (deconstruction.Syntax is not AssignmentExpressionSyntax syntax)
            {
                return false;
            }

            var target = deconstruction.Target is IDeclarationExpressionOperation declared ? declared.Expression : deconstruction.Target;
            if (target is not ITupleOperation tuple)
            {
                return false;
            }

            var method = _engine.GetModel(syntax.SyntaxTree).GetDeconstructionInfo(syntax).Method;
            var offset = method is { IsExtensionMethod: true } || method is { IsStatic: true } ? 1 : 0;
            if (method is null || method.IsImplicitlyDeclared || !HasSourceBody(method) || method.Parameters.Length != tuple.Elements.Length + offset)
            {
                return false;
            }

            var args = new CallArg[method.Parameters.Length];
            if (offset == 1)
            {
                args[0] = new CallArg(deconstruction.Value, method.Parameters[0], 0, value, null);
            }

            for (var i = 0; i < tuple.Elements.Length; i++)
            {
                var element = tuple.Elements[i] is IDeclarationExpressionOperation d ? d.Expression : tuple.Elements[i];
                if (element is ITupleOperation)
                {
                    return false;
                }

                args[i + offset] = new CallArg(element is IDiscardOperation ? null : element, method.Parameters[i + offset], i + offset, AbstractValue.Clean, null);
            }

            Call(method, offset == 1 ? null : deconstruction.Value, offset == 1 ? null : value, args, deconstruction);
            return true;
        }

        /// <summary>A record's positional properties, in order: what its synthesized <c>Deconstruct</c> hands out.</summary>
        private static ImmutableArray<ISymbol> PositionalMembers(ITypeSymbol? type, int count)
        {
            if (type is INamedTypeSymbol { Name: "KeyValuePair", Arity: 2 } pair && count == 2 && pair.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
                && pair.GetMembers("Key") is [var key] && pair.GetMembers("Value") is [var value])
            {
                // `foreach (var (email, visits) in _visits)`: a pair's Deconstruct hands out its Key and its Value.
                return ImmutableArray.Create(key, value);
            }

            if (type is not INamedTypeSymbol { IsRecord: true } record)
            {
                return default;
            }

            foreach (var ctor in record.InstanceConstructors)
            {
                if (ctor.Parameters.Length == count && FlowEngine.IsPrimaryConstructor(ctor))
                {
                    var builder = ImmutableArray.CreateBuilder<ISymbol>(count);
                    foreach (var p in ctor.Parameters)
                    {
                        var members = record.GetMembers(p.Name);
                        if (members.IsEmpty)
                        {
                            return default;
                        }

                        builder.Add(members[0]);
                    }

                    return builder.MoveToImmutable();
                }
            }

            return default;
        }
    }
}
