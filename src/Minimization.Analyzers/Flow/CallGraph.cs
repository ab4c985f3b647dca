using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// The compilation's call graph, built lazily one body at a time from operation trees (no control-flow graphs, no
    /// interpretation). A node is either a method body of this compilation or a dispatch point (a virtual or interface
    /// member, whose successors are its source implementations), so a base with a thousand overrides costs a thousand
    /// edges, not a thousand per call site. Each body is scanned once; the scan also records the two local facts the
    /// pre-checks need (a sink or an identity read in the body itself).
    /// <para>
    /// Questions over the graph (can this body reach a sink, can it read identity) are answered by one iterative Tarjan
    /// walk over the strongly connected components: every component is decided as a unit and memoized for all its members,
    /// so no answer depends on which root asked first and no body is scanned twice, whatever the shape of the graph.
    /// </para>
    /// </summary>
    internal sealed class CallGraph
    {
        private readonly FlowEngine _engine;
        private readonly ConcurrentDictionary<IMethodSymbol, CallNode> _bodies = new ConcurrentDictionary<IMethodSymbol, CallNode>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, CallNode> _dispatch = new ConcurrentDictionary<IMethodSymbol, CallNode>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, CallNode> _members = new ConcurrentDictionary<ISymbol, CallNode>(SymbolEqualityComparer.Default);
        private int _scans;

        public CallGraph(FlowEngine engine)
        {
            _engine = engine;
        }

        /// <summary>Body nodes created so far (each is scanned at most once).</summary>
        public int BodyCount => _bodies.Count;

        /// <summary>How many bodies were scanned (each at most once): what the count tests measure.</summary>
        public int Scans => Volatile.Read(ref _scans);

        /// <summary>The node of a method body of this compilation, or null for code without source here.</summary>
        public CallNode? Body(IMethodSymbol method)
        {
            var key = method.OriginalDefinition;
            if (_bodies.TryGetValue(key, out var node))
            {
                return node;
            }

            if (!_engine.IsOwn(key) || key.MethodKind == MethodKind.LocalFunction || key.DeclaringSyntaxReferences.IsEmpty && key.PartialImplementationPart is null)
            {
                return null;
            }

            return _bodies.GetOrAdd(key, k => new CallNode(k, NodeKind.Body));
        }

        private CallNode Dispatch(IMethodSymbol method)
            => _dispatch.GetOrAdd(method.OriginalDefinition, k => new CallNode(k, NodeKind.Dispatch));

        /// <summary>
        /// The one node for a list of writer methods shared by members (the list <see cref="MemberWriteIndex.WriterMethods"/>
        /// memoizes per list of writers, so members that share their writers share it too), keyed by the list itself (an
        /// array, compared by reference).
        /// </summary>
        private CallNode WritersGroup(IReadOnlyList<IMethodSymbol> writers)
            => _writerGroups.GetOrAdd(writers, w => new CallNode(w[0], NodeKind.Writers) { WriterMethods = w });

        /// <summary>Members with more writer methods than this reach them through one shared vertex (<see cref="NodeKind.Writers"/>).</summary>
        internal const int GroupWritersAbove = 8;

        private readonly ConcurrentDictionary<IReadOnlyList<IMethodSymbol>, CallNode> _writerGroups = new ConcurrentDictionary<IReadOnlyList<IMethodSymbol>, CallNode>();

        /// <summary>The node of a field, property or event of this compilation.</summary>
        public CallNode Member(ISymbol member)
            => _members.GetOrAdd(member.OriginalDefinition, k => new CallNode(k, NodeKind.Member));

        /// <summary>Calls and member reads of a body; the writers of a member; the implementations of a dispatch point.</summary>
        public CallNode[] AllSuccessors(CallNode node, CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref node.AllField);
            if (known is not null)
            {
                return known;
            }

            var calls = Successors(node, cancellationToken);
            var members = node.Kind == NodeKind.Body ? Volatile.Read(ref node.MembersField) ?? Array.Empty<CallNode>() : Array.Empty<CallNode>();
            var all = members.Length == 0 ? calls : Concat(calls, members);
            Interlocked.CompareExchange(ref node.AllField, all, null);
            return node.AllField!;
        }

        private static CallNode[] Concat(CallNode[] a, CallNode[] b)
        {
            var result = new CallNode[a.Length + b.Length];
            Array.Copy(a, result, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
        }

        /// <summary>The successors of a node: the bodies and dispatch points its body may call (its implementations, for a dispatch point).</summary>
        public CallNode[] Successors(CallNode node, CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref node.SuccessorsField);
            if (known is not null)
            {
                return known;
            }

            CallNode[] successors;
            if (node.IsMember)
            {
                var list = new List<CallNode>();
                var seen = new HashSet<CallNode>();
                var writers = _engine.MemberWrites.WriterMethods(node.Symbol, cancellationToken);
                if (writers.Count > GroupWritersAbove)
                {
                    // Members written through their interface share a thousand writers: one vertex for all of them, not a
                    // thousand edges from each (n squared edges, and the memory they take, on a wide interface).
                    var group = WritersGroup(writers);
                    seen.Add(group);
                    list.Add(group);
                }
                else
                {
                    foreach (var writer in writers)
                    {
                        if (Body(writer) is { } body && seen.Add(body))
                        {
                            list.Add(body);
                        }
                    }
                }

                // Its initializer is evaluated with the member: what the initializer calls and reads is solved first.
                foreach (var initializer in _engine.MemberWrites.Initializers(node.Symbol, cancellationToken))
                {
                    var scan = new BodyScan(this, null, parametersAreOwn: false);
                    scan.Walk(initializer, cancellationToken);
                    foreach (var successor in scan.Successors)
                    {
                        if (seen.Add(successor))
                        {
                            list.Add(successor);
                        }
                    }

                    foreach (var read in scan.Members)
                    {
                        if (read != node && seen.Add(read))
                        {
                            list.Add(read);
                        }
                    }
                }

                // A shared collection handed to constructors is one object with the members of its type handed the same way
                // (MemberWriteIndex.Aliases): their values are solved together.
                foreach (var alias in _engine.MemberWrites.Aliases(node.Symbol, cancellationToken))
                {
                    var aliasNode = Member(alias);
                    if (seen.Add(aliasNode))
                    {
                        list.Add(aliasNode);
                    }
                }

                // A static or shared member's value also rests on the callers that pass values into its writers (the write
                // index follows them): as successors they are solved first, or with the member, never in a nested solve.
                foreach (var caller in _engine.MemberWrites.CallersOfWriters(node.Symbol, cancellationToken))
                {
                    if (Body(caller) is { } body && seen.Add(body))
                    {
                        list.Add(body);
                    }
                }

                successors = list.ToArray();
            }
            else if (node.WriterMethods is { } writerMethods)
            {
                var list = new List<CallNode>(writerMethods.Count);
                var seen = new HashSet<CallNode>();
                foreach (var writer in writerMethods)
                {
                    if (Body(writer) is { } body && seen.Add(body))
                    {
                        list.Add(body);
                    }
                }

                successors = list.ToArray();
            }
            else if (node.IsDispatch)
            {
                var list = new List<CallNode>();
                var seen = new HashSet<CallNode>();
                foreach (var impl in _engine.Implementations.Of(node.Method))
                {
                    if (Body(impl) is { } body && seen.Add(body))
                    {
                        list.Add(body);
                    }
                }

                successors = list.ToArray();
            }
            else
            {
                var key = node.Method;
                var scan = new BodyScan(this, key);
                foreach (var reference in key.PartialImplementationPart?.DeclaringSyntaxReferences ?? key.DeclaringSyntaxReferences)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var syntax = reference.GetSyntax(cancellationToken);
                    if (syntax is TypeDeclarationSyntax || !_engine.Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                    {
                        continue;
                    }

                    var operation = _engine.GetModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
                    if (operation is not null)
                    {
                        scan.Walk(operation, cancellationToken);
                    }
                }

                Interlocked.Increment(ref _scans);
                node.DirectSink = scan.DirectSink;
                node.DirectRead = scan.DirectRead;
                Interlocked.CompareExchange(ref node.MembersField, scan.Members.ToArray(), null);
                successors = scan.Successors.ToArray();
            }

            Interlocked.CompareExchange(ref node.SuccessorsField, successors, null);
            return node.SuccessorsField!;
        }

        /// <summary>Whether anything in <paramref name="root"/> (an operation block the caller has) may lead to a partner sink.</summary>
        public bool MayReachSink(IOperation root, CancellationToken cancellationToken)
            => Ask(root, CallNode.SinkQuery, cancellationToken);

        /// <summary>Whether <paramref name="root"/> may read identity, itself or through calls into this compilation.</summary>
        public bool MayReadIdentity(IOperation root, CancellationToken cancellationToken)
            => Ask(root, CallNode.ReadQuery, cancellationToken);

        private bool Ask(IOperation root, int query, CancellationToken cancellationToken)
        {
            var scan = new BodyScan(this, null);
            scan.Walk(root, cancellationToken);
            if (query == CallNode.SinkQuery ? scan.DirectSink : scan.DirectRead)
            {
                return true;
            }

            foreach (var successor in scan.Successors)
            {
                if (Answer(successor, query, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether an instance member can hold identity that its writers stored: some writer may read identity, itself, through
        /// its calls or through the members it reads in turn. When none can, the member's value is clean and none of its
        /// writers needs a summary for it (most members of most programs).
        /// </summary>
        public bool MayHoldIdentity(ISymbol member, CancellationToken cancellationToken)
            => Answer(Member(member), CallNode.HeapReadQuery, cancellationToken);

        /// <summary>
        /// The answer for one node: the components of the nodes not yet decided, callees first; a component is "yes" when a
        /// member has the fact itself or calls out to a "yes", and it is decided, and memoized, for all its members at once.
        /// </summary>
        public bool Answer(CallNode start, int query, CancellationToken cancellationToken)
        {
            var known = start.Answer(query);
            if (known != CallNode.Unknown)
            {
                return known == CallNode.Yes;
            }

            CallNode[] Next(CallNode n) => query == CallNode.HeapReadQuery ? AllSuccessors(n, cancellationToken) : Successors(n, cancellationToken);

            foreach (var component in Walk(start, Next, n => n.Answer(query) == CallNode.Unknown, cancellationToken))
            {
                // Callees first: every successor outside the component is decided already.
                var yes = false;
                foreach (var member in component)
                {
                    yes |= member.Kind == NodeKind.Body && (query == CallNode.SinkQuery ? member.DirectSink : member.DirectRead);
                    foreach (var successor in Next(member))
                    {
                        yes |= successor.Answer(query) == CallNode.Yes;
                    }
                }

                foreach (var member in component)
                {
                    member.SetAnswer(query, yes ? CallNode.Yes : CallNode.No);
                }
            }

            return start.Answer(query) == CallNode.Yes;
        }

        /// <summary>
        /// The components reachable from <paramref name="start"/> among the bodies and members <paramref name="pending"/>
        /// accepts, callees first (Tarjan's completion order), each with its members (dispatch points left out). Nodes not
        /// accepted (already solved, or being solved by the caller) are not entered.
        /// </summary>
        public List<List<CallNode>> Components(CallNode start, Func<CallNode, bool> pending, CancellationToken cancellationToken)
        {
            var result = new List<List<CallNode>>();
            foreach (var component in Walk(start, n => AllSuccessors(n, cancellationToken), n => n.IsDispatch || pending(n), cancellationToken))
            {
                component.RemoveAll(n => n.IsDispatch);
                if (component.Count > 0)
                {
                    result.Add(component);
                }
            }

            return result;
        }

        /// <summary>
        /// Iterative Tarjan from <paramref name="start"/> over the nodes <paramref name="enter"/> accepts: the strongly
        /// connected components in completion order (callees first). The thread's stack does not grow with the graph.
        /// </summary>
        private static List<List<CallNode>> Walk(CallNode start, Func<CallNode, CallNode[]> next, Func<CallNode, bool> enter, CancellationToken cancellationToken)
        {
            var result = new List<List<CallNode>>();
            var ids = new Dictionary<CallNode, int>();
            var nodes = new List<CallNode>();
            var low = new List<int>();
            var onStack = new List<bool>();
            var stack = new Stack<int>();
            var frames = new Stack<(int Id, int Next)>();

            void Visit(CallNode n)
            {
                var id = nodes.Count;
                ids[n] = id;
                nodes.Add(n);
                low.Add(id);
                onStack.Add(true);
                stack.Push(id);
                frames.Push((id, 0));
            }

            Visit(start);
            while (frames.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (v, position) = frames.Pop();
                var successors = next(nodes[v]);
                if (position < successors.Length)
                {
                    frames.Push((v, position + 1));
                    var w = successors[position];
                    if (!ids.TryGetValue(w, out var wid))
                    {
                        if (enter(w))
                        {
                            Visit(w);
                        }
                    }
                    else if (onStack[wid])
                    {
                        low[v] = Math.Min(low[v], wid);
                    }

                    continue;
                }

                if (low[v] == v)
                {
                    var members = new List<CallNode>();
                    int m;
                    do
                    {
                        m = stack.Pop();
                        onStack[m] = false;
                        members.Add(nodes[m]);
                    }
                    while (m != v);

                    result.Add(members);
                }

                if (frames.Count > 0)
                {
                    var parent = frames.Peek().Id;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }

            return result;
        }

        /// <summary>One walk over a body's operation tree (lambdas and local functions included): its edges and its own facts.</summary>
        private sealed class BodyScan
        {
            private readonly CallGraph _graph;
            private readonly IMethodSymbol? _owner;
            private readonly bool _parametersAreOwn;
            private readonly HashSet<CallNode> _seen = new HashSet<CallNode>();

            /// <param name="graph">The graph the nodes belong to.</param>
            /// <param name="owner">The method whose body is scanned (null for a block that is not a body of the graph).</param>
            /// <param name="parametersAreOwn">Without an owner: whether every parameter read counts as the caller's (a root's
            /// block) or none does (an initializer, where a primary constructor's parameter is a value from elsewhere).</param>
            public BodyScan(CallGraph graph, IMethodSymbol? owner, bool parametersAreOwn = true)
            {
                _graph = graph;
                _owner = owner;
                _parametersAreOwn = parametersAreOwn;
            }

            public List<CallNode> Successors { get; } = new List<CallNode>();

            /// <summary>Fields, properties and events of this compilation read on a receiver other than the scanned method's own parameter.</summary>
            public List<CallNode> Members { get; } = new List<CallNode>();

            public bool DirectSink { get; private set; }

            public bool DirectRead { get; private set; }

            public void Walk(IOperation root, CancellationToken cancellationToken)
            {
                _cancellationToken = cancellationToken;
                var annotations = _graph._engine.Annotations;
                var count = 0;
                foreach (var op in root.DescendantsAndSelf())
                {
                    if ((++count & 0xFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (!DirectRead && op.Type is { } type && annotations.TypeSource(type) is not null)
                    {
                        DirectRead = true;
                    }

                    switch (op)
                    {
                        case IInvocationOperation invocation:
                            var target = invocation.TargetMethod;
                            if (target.MethodKind == MethodKind.DelegateInvoke && !FlowEngine.InvokesParameter(invocation))
                            {
                                // A delegate the caller passed in runs the caller's code, checked where it is written; one read
                                // from a field or an event may run anything.
                                DirectSink = true;
                                DirectRead = true;
                            }

                            if (annotations.HasAnySink(target))
                            {
                                DirectSink = true;
                            }

                            if (annotations.ReturnSource(target) is not null)
                            {
                                DirectRead = true;
                            }

                            if (annotations.IsMinimizer(target))
                            {
                                // Nothing flows through a minimizer: its body is not this caller's concern.
                                break;
                            }

                            if (FlowEngine.IsDispatchedCall(target) && invocation.Instance?.Syntax is not BaseExpressionSyntax)
                            {
                                Add(_graph.Dispatch(target));
                            }

                            if (annotations.HasAnySink(target) || !ImplementationIndex.HasSourceBody(target, _graph._engine.Compilation.Assembly))
                            {
                                // A library call walking an object of the program's own collection type (LINQ over a class that
                                // enumerates a private list), or a sink given one whole, takes out what its shared collections hold
                                // (MethodEvaluator.HeldCollections): a read of those members, so that a method that fills the
                                // object and walks it is solved with them.
                                AddHeldCollections(invocation.Instance);
                                foreach (var argument in invocation.Arguments)
                                {
                                    AddHeldCollections(argument.Value);
                                }
                            }

                            AddBody(target);
                            break;
                        case IObjectCreationOperation { Constructor: { } ctor }:
                            if (annotations.HasAnySink(ctor))
                            {
                                DirectSink = true;
                            }

                            AddBody(ctor);
                            break;
                        case IMemberReferenceOperation member:
                            if (!DirectRead && annotations.MemberSource(member.Member, member.Instance?.Type) is not null)
                            {
                                DirectRead = true;
                            }

                            AddMember(member);

                            switch (member)
                            {
                                case IPropertyReferenceOperation property:
                                    if (annotations.PropertySink(property.Property) is not null)
                                    {
                                        DirectSink = true;
                                    }

                                    AddAccessor(property.Property.GetMethod, property.Instance);
                                    AddAccessor(property.Property.SetMethod, property.Instance);
                                    break;
                                case IEventReferenceOperation { Event.AddMethod: { IsImplicitlyDeclared: false } adder } custom:
                                    // `+=` on an event with its own accessors calls them.
                                    AddAccessor(adder, custom.Instance);
                                    break;
                                case IMethodReferenceOperation reference:
                                    if (annotations.HasAnySink(reference.Method))
                                    {
                                        DirectSink = true;
                                    }

                                    AddAccessor(reference.Method, reference.Instance);
                                    break;
                                case IEventReferenceOperation @event:
                                    AddAccessor(@event.Event.AddMethod, @event.Instance);
                                    AddAccessor(@event.Event.RemoveMethod, @event.Instance);
                                    break;
                            }

                            break;
                        case IParameterReferenceOperation parameter when annotations.ParameterSource(parameter.Parameter) is not null:
                            DirectRead = true;
                            break;
                        case IParameterReferenceOperation parameter when IsCapturedPrimaryParameter(parameter.Parameter):
                            // A primary constructor's parameter read in another member: the object's state, which the
                            // evaluator looks up in the write index (what the creation sites pass), like a field.
                            if (_seenMembers.Add(_graph.Member(parameter.Parameter)))
                            {
                                Members.Add(_graph.Member(parameter.Parameter));
                            }

                            break;
                        case IDynamicInvocationOperation:
                        case IDynamicMemberReferenceOperation:
                            DirectSink = true;
                            DirectRead = true;
                            break;
                        case IEventAssignmentOperation:
                            DirectSink = true;
                            break;
                        case IConversionOperation { OperatorMethod: { } conversion }:
                            AddBody(conversion);
                            break;
                        case IUsingOperation { IsAsynchronous: var isAsync }:
                            AddDisposal(isAsync);
                            break;
                        case IUsingDeclarationOperation { IsAsynchronous: var isAsync }:
                            AddDisposal(isAsync);
                            break;
                        case IForEachLoopOperation loop:
                            AddForEach(loop);
                            break;
                        case IBinaryOperation { OperatorMethod: { } binary }:
                            AddBody(binary);
                            break;
                        case IUnaryOperation { OperatorMethod: { } unary }:
                            AddBody(unary);
                            break;
                        case ICompoundAssignmentOperation { OperatorMethod: { } compound }:
                            AddBody(compound);
                            break;
                    }
                }
            }

            private void AddMember(IMemberReferenceOperation reference)
            {
                // What other code stores into the member matters where the receiver is not the caller's object (the caller's
                // summary application decides that one): statics, this, and objects of unknown origin.
                var member = reference.Member;
                if (member is not (IFieldSymbol { IsConst: false } or IPropertySymbol { IsIndexer: false } or IEventSymbol)
                    || !_graph._engine.IsOwn(member)
                    || reference.Instance is IParameterReferenceOperation { Parameter: var parameter } && IsOwnParameter(parameter) && !HeldByHandedObject(member)
                    || reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)
                    || MemberWriteIndex.OnlyFills(reference))
                {
                    // Not a read: a plain store, or a shared collection filled.
                    return;
                }

                var node = _graph.Member(member);
                if (_seenMembers.Add(node))
                {
                    Members.Add(node);
                }
            }

            private readonly HashSet<CallNode> _seenMembers = new HashSet<CallNode>();

            /// <summary>
            /// A collection held in a member of a parameter of a method handed on as a method group (MemberWriteIndex.IsHandedOn):
            /// the evaluator reads it from the write index (MethodEvaluator.ReceivesUnknownObjects), as a lambda's, so the read is
            /// an edge.
            /// </summary>
            private bool HeldByHandedObject(ISymbol member)
                => LibraryModel.IsFillableContainer(member switch { IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, _ => null }) && HandedOn;

            /// <summary>The scanned method is handed on as a method group (MemberWriteIndex.IsHandedOn); asked once per scan.</summary>
            private bool HandedOn => _handedOn ??= _owner is not null && !_owner.Parameters.IsEmpty && _graph._engine.MemberWrites.IsHandedOn(_owner, _cancellationToken);

            private bool? _handedOn;
            private CancellationToken _cancellationToken;

            /// <summary>The shared collections an object of the program's own collection type holds, as members read here.</summary>
            private void AddHeldCollections(IOperation? operation)
            {
                while (operation is IConversionOperation { IsImplicit: true } conversion)
                {
                    operation = conversion.Operand;
                }

                if (operation?.Type is not INamedTypeSymbol type || !_graph._engine.IsOwn(type) || !LibraryModel.IsFillableContainer(type))
                {
                    return;
                }

                foreach (var member in _graph._engine.SharedMembersOf(type))
                {
                    var node = _graph.Member(member);
                    if (_seenMembers.Add(node))
                    {
                        Members.Add(node);
                    }
                }
            }

            private bool IsCapturedPrimaryParameter(IParameterSymbol parameter)
                => _owner is not null && MemberWriteIndex.IsCapturedPrimaryParameter(parameter)
                    && !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, _owner) && _graph._engine.IsOwn(parameter.ContainingSymbol);

            /// <summary>
            /// A parameter of the scanned method itself: what its members hold is the caller's business (the evaluator applies
            /// the summary at each call). A lambda's parameter, or a primary constructor's read in another member, is bound to
            /// values from elsewhere, which the evaluator looks up in the write index: those reads are edges. So are reads on a
            /// parameter that starts as a source (declared identity-bearing, or of such a type) or as nothing (<c>out</c>): its
            /// value is not the caller's symbolic one, and the evaluator looks its members up too.
            /// </summary>
            private bool IsOwnParameter(IParameterSymbol parameter)
                => _owner is null
                    ? _parametersAreOwn
                    : _graph._engine.Annotations.ParameterSource(parameter) is null && _graph._engine.Annotations.TypeSource(parameter.Type) is null
                    && parameter.RefKind != RefKind.Out
                    && parameter.ContainingSymbol is IMethodSymbol declaring
                        && (SymbolEqualityComparer.Default.Equals(declaring.OriginalDefinition, _owner)
                            || SymbolEqualityComparer.Default.Equals(declaring.OriginalDefinition, _owner.PartialImplementationPart)
                            || SymbolEqualityComparer.Default.Equals(declaring.OriginalDefinition.PartialDefinitionPart, _owner));

            /// <summary>
            /// The calls a <c>using</c> makes without writing them: the lowered body calls <c>Dispose</c> (or
            /// <c>DisposeAsync</c>) through the interface, which may run any implementation in the compilation.
            /// </summary>
            private void AddDisposal(bool isAsync)
            {
                var compilation = _graph._engine.Compilation;
                var type = isAsync ? compilation.GetTypeByMetadataName("System.IAsyncDisposable") : compilation.GetSpecialType(SpecialType.System_IDisposable);
                foreach (var member in type?.GetMembers(isAsync ? "DisposeAsync" : "Dispose") ?? ImmutableArray<ISymbol>.Empty)
                {
                    if (member is IMethodSymbol dispose)
                    {
                        Add(_graph.Dispatch(dispose));
                    }
                }
            }

            /// <summary>The calls a <c>foreach</c> makes without writing them: the enumerator's methods, its <c>Current</c>, its disposal.</summary>
            private void AddForEach(IForEachLoopOperation loop)
            {
                if (loop.Syntax is not CommonForEachStatementSyntax syntax || !_graph._engine.Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    return;
                }

                var info = Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetForEachStatementInfo(_graph._engine.GetModel(syntax.SyntaxTree), syntax);
                foreach (var method in new[] { info.GetEnumeratorMethod, info.MoveNextMethod, info.CurrentProperty?.GetMethod, info.DisposeMethod })
                {
                    if (method is null)
                    {
                        continue;
                    }

                    if (FlowEngine.IsDispatchedCall(method))
                    {
                        Add(_graph.Dispatch(method));
                    }

                    AddBody(method);
                }

                if (info.DisposeMethod is null)
                {
                    AddDisposal(loop.IsAsynchronous);
                }
            }

            private void AddAccessor(IMethodSymbol? accessor, IOperation? instance)
            {
                if (accessor is null)
                {
                    return;
                }

                if (FlowEngine.IsDispatchedCall(accessor) && instance?.Syntax is not BaseExpressionSyntax)
                {
                    Add(_graph.Dispatch(accessor));
                }

                AddBody(accessor);
            }

            private void AddBody(IMethodSymbol method)
            {
                if (method.MethodKind != MethodKind.LocalFunction && _graph.Body(method) is { } node)
                {
                    Add(node);
                }
            }

            private void Add(CallNode node)
            {
                if (_seen.Add(node))
                {
                    Successors.Add(node);
                }
            }
        }
    }

    /// <summary>What a <see cref="CallNode"/> stands for.</summary>
    internal enum NodeKind
    {
        /// <summary>A method body of this compilation.</summary>
        Body,

        /// <summary>A virtual or interface member: its successors are the implementations.</summary>
        Dispatch,

        /// <summary>
        /// The writer methods that several members share (the implementations of a member written through its interface):
        /// handled as a dispatch point, one vertex between those members and the writers instead of an edge from each member
        /// to each writer.
        /// </summary>
        Writers,

        /// <summary>A field, property or event of this compilation: its value is what its writers store (its successors).</summary>
        Member,
    }

    /// <summary>A node of the <see cref="CallGraph"/>: a body, a dispatch point or a member, with its memoized answers.</summary>
    internal sealed class CallNode
    {
        public const int SinkQuery = 0;
        public const int ReadQuery = 1;

        /// <summary>Reads identity through calls and through the members it reads (whose writers may have stored some).</summary>
        public const int HeapReadQuery = 2;
        public const int Unknown = 0;
        public const int No = 1;
        public const int Yes = 2;

        private int _sink;
        private int _read;
        private int _heap;

        public CallNode(ISymbol symbol, NodeKind kind)
        {
            Symbol = symbol;
            Kind = kind;
        }

        public ISymbol Symbol { get; }

        public NodeKind Kind { get; }

        /// <summary>The method of a body or dispatch node.</summary>
        public IMethodSymbol Method => (IMethodSymbol)Symbol;

        /// <summary>A vertex that is not solved itself, between its callers and its successors: a dispatch point, or a group of shared writers.</summary>
        public bool IsDispatch => Kind is NodeKind.Dispatch or NodeKind.Writers;

        /// <summary>The writer methods of a <see cref="NodeKind.Writers"/> node.</summary>
        internal IReadOnlyList<IMethodSymbol>? WriterMethods;

        public bool IsMember => Kind == NodeKind.Member;

        /// <summary>Set once, by the first scan that finishes (every scan of one body finds the same edges): calls only.</summary>
        internal CallNode[]? SuccessorsField;

        /// <summary>The members a body reads (what the heap part of its summary depends on).</summary>
        internal CallNode[]? MembersField;

        /// <summary>Calls and member reads together: the edges the summaries are solved over.</summary>
        internal CallNode[]? AllField;

        /// <summary>The body calls a sink itself (or runs a delegate of unknown origin, a dynamic call, an event).</summary>
        public bool DirectSink { get; set; }

        /// <summary>The body reads a source itself.</summary>
        public bool DirectRead { get; set; }

        public int Answer(int query) => query switch
        {
            SinkQuery => Volatile.Read(ref _sink),
            ReadQuery => Volatile.Read(ref _read),
            _ => Volatile.Read(ref _heap),
        };

        public void SetAnswer(int query, int answer)
        {
            switch (query)
            {
                case SinkQuery:
                    Volatile.Write(ref _sink, answer);
                    break;
                case ReadQuery:
                    Volatile.Write(ref _read, answer);
                    break;
                default:
                    Volatile.Write(ref _heap, answer);
                    break;
            }
        }

        public override string ToString() => Kind + " " + Symbol.ToDisplayString();
    }
}
