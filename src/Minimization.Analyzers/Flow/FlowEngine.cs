using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// The per-compilation flow engine: method analyses computed on demand and memoized by method symbol (original
    /// definition), recursion solved by a fixpoint over the recursive group, and the two compilation-wide indexes
    /// (implementations of virtual members, writes to fields and properties) built lazily the first time a flow needs them.
    /// It knows nothing of diagnostics: it produces findings; the rules turn them into diagnostics.
    /// </summary>
    internal sealed class FlowEngine
    {
        private readonly ConcurrentDictionary<IMethodSymbol, MethodAnalysis> _final = new ConcurrentDictionary<IMethodSymbol, MethodAnalysis>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _readsIdentity = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _reachesSink = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly object _indexGate = new object();
        private ImplementationIndex? _implementations;
        private MemberWriteIndex? _memberWrites;

        public FlowEngine(Compilation compilation, FlowAnnotations annotations)
        {
            Compilation = compilation;
            Annotations = annotations;
            Library = new LibraryModel(annotations.Options);
        }

        public Compilation Compilation { get; }

        public FlowAnnotations Annotations { get; }

        public LibraryModel Library { get; }

        public FlowOptions Options => Annotations.Options;

        /// <summary>Analyzes a method whose graph the caller already has (the analyzer's own operation block), reusing a published analysis.</summary>
        public MethodAnalysis AnalyzeRoot(IMethodSymbol method, Func<ControlFlowGraph> graph, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (_final.TryGetValue(key, out var done))
            {
                // Already analyzed as somebody's callee: no second graph, no second pass.
                return done;
            }

            var stack = new AnalysisStack(cancellationToken);
            var result = Solve(key, graph(), stack);
            _final.TryAdd(key, result);
            return result;
        }

        /// <summary>A method's analysis for the write index: computed as a root (bounds apply inside it, not to it).</summary>
        public MethodAnalysis? AnalyzeForIndex(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (_final.TryGetValue(key, out var done))
            {
                return done;
            }

            var cfg = GetGraph(key, cancellationToken, out _);
            return cfg is null ? null : AnalyzeRoot(key, () => cfg, cancellationToken);
        }

        /// <summary>Analyzes a root that is not a method (a field initializer, say); never cached.</summary>
        public MethodAnalysis AnalyzeDetached(ISymbol owner, ControlFlowGraph cfg, CancellationToken cancellationToken)
        {
            var stack = new AnalysisStack(cancellationToken);
            return new MethodEvaluator(this, owner as IMethodSymbol, cfg, stack, 0).Run();
        }

        /// <summary>
        /// The analysis of a callee, or null when it has no body here (then the caller models it as library code).
        /// <paramref name="boundHit"/> is set when a bound stopped the analysis; the caller then assumes the flow.
        /// </summary>
        public MethodAnalysis? GetCallee(IMethodSymbol method, AnalysisStack stack, out bool boundHit)
        {
            boundHit = false;
            var key = method.OriginalDefinition;
            if (_final.TryGetValue(key, out var done) || stack.TryGetLocal(key, out done))
            {
                // A summary already computed counts against the bound exactly as if computed here, so that whether a
                // bound is hit never depends on the order in which members were analyzed.
                boundHit = done.Truncated || stack.Depth + done.Depth > Options.MaxCallDepth || IsTooLarge(key);
                return boundHit ? null : done;
            }

            var frame = stack.IndexOf(key);
            if (frame >= 0)
            {
                stack.MarkRecursion(frame);
                return stack.Provisional(key) ?? MethodAnalysis.Empty;
            }

            if (stack.Depth >= Options.MaxCallDepth)
            {
                boundHit = true;
                return null;
            }

            var cfg = GetGraph(key, stack.CancellationToken, out var tooLarge);
            if (tooLarge)
            {
                boundHit = true;
                return null;
            }

            if (cfg is null)
            {
                return null;
            }

            MethodAnalysis result;
            try
            {
                result = Solve(key, cfg, stack);
            }
            catch (InsufficientExecutionStackException)
            {
                // Too deep for this thread's stack: the call is treated like one past max_call_depth (MIN011 at the caller).
                boundHit = true;
                return null;
            }

            if (stack.LastWasFinal)
            {
                _final.TryAdd(key, result);
            }
            else
            {
                stack.SetLocal(key, result);
            }

            if (result.Truncated)
            {
                boundHit = true;
                return null;
            }

            return result;
        }

        private MethodAnalysis Solve(IMethodSymbol method, ControlFlowGraph cfg, AnalysisStack stack)
        {
            var frame = stack.Push(method);
            try
            {
                MethodAnalysis result;
                var rounds = 0;
                while (true)
                {
                    stack.CancellationToken.ThrowIfCancellationRequested();
                    stack.ResetRecursion(frame);
                    if (rounds > 0)
                    {
                        stack.ClearLocal();
                    }

                    result = new MethodEvaluator(this, method, cfg, stack, stack.Depth).Run();
                    if (!stack.WasRecursive(frame))
                    {
                        break;
                    }

                    var previous = stack.Provisional(method);
                    stack.SetProvisional(method, result);
                    if ((previous is not null && previous.SameSummary(result)) || ++rounds >= 12)
                    {
                        break;
                    }
                }

                return result;
            }
            finally
            {
                stack.Pop(frame);
            }
        }

        /// <summary>
        /// Whether anything in this operation tree can lead to a partner sink: a call to a sink, to code of this compilation
        /// that (transitively) can, a virtual call with such an implementation, a delegate, dynamic or event call, an
        /// assignment to a sink property. A body that cannot reach a sink cannot produce a MIN001 of its own, so its root
        /// analysis is skipped; its summary is still computed on demand when a caller needs it. The walk uses operation
        /// trees only (no control-flow graph, no interpretation) and memoizes per method.
        /// </summary>
        public bool MayReachSink(IOperation root, CancellationToken cancellationToken)
            => ReachesSink(root, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), out _, cancellationToken);

        private bool ReachesSink(IOperation root, HashSet<IMethodSymbol> inProgress, out bool assumed, CancellationToken cancellationToken)
        {
            assumed = false;
            foreach (var op in root.DescendantsAndSelf())
            {
                IMethodSymbol? callee = null;
                switch (op)
                {
                    case IInvocationOperation invocation:
                        var target = invocation.TargetMethod;
                        if (target.MethodKind is MethodKind.DelegateInvoke && !InvokesParameter(invocation) || Annotations.HasAnySink(target))
                        {
                            // A delegate the caller passed in runs the caller's code, which is checked where it is written
                            // (its lambda is in the caller's body); one read from a field or an event may run anything.
                            return true;
                        }

                        if (IsDispatchedCall(target))
                        {
                            foreach (var impl in Implementations.Of(target))
                            {
                                if (MethodReachesSink(impl, inProgress, ref assumed, cancellationToken))
                                {
                                    return true;
                                }
                            }
                        }

                        callee = target.MethodKind == MethodKind.LocalFunction ? null : target;
                        break;
                    case IObjectCreationOperation { Constructor: { } ctor }:
                        if (Annotations.HasAnySink(ctor))
                        {
                            return true;
                        }

                        callee = ctor;
                        break;
                    case IPropertyReferenceOperation property:
                        if (Annotations.PropertySink(property.Property) is not null)
                        {
                            return true;
                        }

                        if (property.Property.GetMethod is { } getter && MethodReachesSink(getter, inProgress, ref assumed, cancellationToken)
                            || property.Property.SetMethod is { } setter && MethodReachesSink(setter, inProgress, ref assumed, cancellationToken))
                        {
                            return true;
                        }

                        break;
                    case IMethodReferenceOperation reference:
                        if (Annotations.HasAnySink(reference.Method))
                        {
                            return true;
                        }

                        callee = reference.Method;
                        break;
                    case IDynamicInvocationOperation:
                    case IDynamicMemberReferenceOperation:
                    case IEventAssignmentOperation:
                        return true;
                    case IConversionOperation { OperatorMethod: { } conversion }:
                        callee = conversion;
                        break;
                    case IBinaryOperation { OperatorMethod: { } binary }:
                        callee = binary;
                        break;
                    case IUnaryOperation { OperatorMethod: { } unary }:
                        callee = unary;
                        break;
                }

                if (callee is not null && MethodReachesSink(callee, inProgress, ref assumed, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a body may return identity that MIN010 is about: it reads a source (an annotated member, parameter or
        /// return value, a member or value of an identity-bearing type) itself or through calls into this compilation.
        /// Identity stored in unannotated fields by other methods is followed by MIN001, not by this pre-check.
        /// </summary>
        public bool MayReadIdentity(IOperation root, CancellationToken cancellationToken)
            => ReadsIdentity(root, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), out _, cancellationToken);

        private bool ReadsIdentity(IOperation root, HashSet<IMethodSymbol> inProgress, out bool assumed, CancellationToken cancellationToken)
        {
            assumed = false;
            foreach (var op in root.DescendantsAndSelf())
            {
                if (op.Type is { } type && Annotations.TypeSource(type) is not null)
                {
                    return true;
                }

                switch (op)
                {
                    case IMemberReferenceOperation member when Annotations.MemberSource(member.Member, member.Instance?.Type) is not null:
                    case IParameterReferenceOperation parameter when Annotations.ParameterSource(parameter.Parameter) is not null:
                    case IDynamicInvocationOperation or IDynamicMemberReferenceOperation:
                        return true;
                    case IInvocationOperation invocation:
                        if (Annotations.ReturnSource(invocation.TargetMethod) is not null
                            || invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke && !InvokesParameter(invocation)
                            || IsOwn(invocation.TargetMethod) && invocation.TargetMethod.MethodKind != MethodKind.LocalFunction && MethodReadsIdentity(invocation.TargetMethod, inProgress, ref assumed, cancellationToken))
                        {
                            return true;
                        }

                        if (IsDispatchedCall(invocation.TargetMethod))
                        {
                            foreach (var impl in Implementations.Of(invocation.TargetMethod))
                            {
                                if (MethodReadsIdentity(impl, inProgress, ref assumed, cancellationToken))
                                {
                                    return true;
                                }
                            }
                        }

                        break;
                    case IPropertyReferenceOperation { Property.GetMethod: { } getter } when IsOwn(getter):
                        if (MethodReadsIdentity(getter, inProgress, ref assumed, cancellationToken))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private bool MethodReadsIdentity(IMethodSymbol method, HashSet<IMethodSymbol> inProgress, ref bool assumed, CancellationToken cancellationToken)
            => Memoized(method, _readsIdentity, ReadsIdentity, inProgress, ref assumed, cancellationToken);

        private static bool InvokesParameter(IInvocationOperation invocation)
        {
            var instance = invocation.Instance;
            if (instance is IConditionalAccessInstanceOperation)
            {
                for (var p = invocation.Parent; p is not null; p = p.Parent)
                {
                    if (p is IConditionalAccessOperation access)
                    {
                        instance = access.Operation;
                        break;
                    }
                }
            }

            while (instance is IConversionOperation conversion)
            {
                instance = conversion.Operand;
            }

            return instance is IParameterReferenceOperation;
        }

        private static bool IsDispatchedCall(IMethodSymbol target)
            => target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType?.TypeKind == TypeKind.Interface;

        private bool MethodReachesSink(IMethodSymbol method, HashSet<IMethodSymbol> inProgress, ref bool assumed, CancellationToken cancellationToken)
            => Memoized(method, _reachesSink, ReachesSink, inProgress, ref assumed, cancellationToken);

        private delegate bool BodyQuery(IOperation body, HashSet<IMethodSymbol> inProgress, out bool assumed, CancellationToken cancellationToken);

        /// <summary>
        /// A yes/no question about a method of this compilation, answered from its body's operation tree and memoized. A call
        /// back into a method already on the current path is answered "no" for now; a "no" that rests on such an assumption
        /// is not memoized (it may be a "yes" through the method still open), a "yes" always is.
        /// </summary>
        private bool Memoized(IMethodSymbol method, ConcurrentDictionary<IMethodSymbol, bool> memo, BodyQuery query, HashSet<IMethodSymbol> inProgress, ref bool assumed, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (!IsOwn(key))
            {
                return false;
            }

            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            if (inProgress.Count >= Options.MaxCallDepth)
            {
                // Deeper than the analysis itself would go: the safe answer.
                return true;
            }

            if (!inProgress.Add(key))
            {
                assumed = true;
                return false;
            }

            try
            {
                var result = false;
                var usedAssumption = false;
                foreach (var reference in key.PartialImplementationPart?.DeclaringSyntaxReferences ?? key.DeclaringSyntaxReferences)
                {
                    var node = reference.GetSyntax(cancellationToken);
                    var operation = node is TypeDeclarationSyntax ? null : GetModel(node.SyntaxTree).GetOperation(node, cancellationToken);
                    if (operation is null)
                    {
                        continue;
                    }

                    if (query(operation, inProgress, out var inner, cancellationToken))
                    {
                        result = true;
                        break;
                    }

                    usedAssumption |= inner;
                }

                if (result || !usedAssumption)
                {
                    memo.TryAdd(key, result);
                }

                assumed |= usedAssumption;
                return result;
            }
            finally
            {
                inProgress.Remove(key);
            }
        }

        private bool IsOwn(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly);

        public SemanticModel GetModel(SyntaxTree tree)
        {
#pragma warning disable RS1030 // Callee bodies live in other trees; the driver's caching model provider makes this the same model it binds with.
            return _models.GetOrAdd(tree, t => Compilation.GetSemanticModel(t));
#pragma warning restore RS1030
        }

        /// <summary>Whether the body is over <c>max_method_operations</c> (measured on its source text, so cheaply and the same way everywhere).</summary>
        private bool IsTooLarge(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.Span.Length > Options.MaxMethodOperations * 8 && reference.GetSyntax() is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or CompilationUnitSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The control-flow graph of a method declared in source, or null for abstract, extern and metadata methods.</summary>
        public ControlFlowGraph? GetGraph(IMethodSymbol method, CancellationToken cancellationToken, out bool tooLarge)
        {
            tooLarge = false;
            if (method.IsAbstract || method.IsExtern)
            {
                return null;
            }

            if (method.PartialImplementationPart is { } impl)
            {
                method = impl;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax(cancellationToken);
                SyntaxNode? body = node switch
                {
                    BaseMethodDeclarationSyntax m when m.Body is not null || m.ExpressionBody is not null => m,
                    AccessorDeclarationSyntax a when a.Body is not null || a.ExpressionBody is not null => a,
                    ArrowExpressionClauseSyntax arrow => arrow,
                    CompilationUnitSyntax unit when method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName => unit,
                    LocalFunctionStatementSyntax => null,
                    _ => null,
                };
                if (body is null || !Compilation.ContainsSyntaxTree(body.SyntaxTree))
                {
                    continue;
                }

                if (IsTooLarge(method))
                {
                    tooLarge = true;
                    return null;
                }

                try
                {
                    var model = GetModel(body.SyntaxTree);
                    var operation = model.GetOperation(body, cancellationToken);
                    if (operation is null)
                    {
                        continue;
                    }

                    while (operation.Parent is not null)
                    {
                        operation = operation.Parent;
                    }

                    return GraphFor(operation, cancellationToken);
                }
                catch (ArgumentException)
                {
                    // Incomplete code can yield roots a graph cannot be built for: model the method as library code.
                }
                catch (InvalidOperationException)
                {
                }
            }

            return null;
        }

        public ImplementationIndex Implementations
        {
            get
            {
                var index = System.Threading.Volatile.Read(ref _implementations);
                if (index is not null)
                {
                    return index;
                }

                lock (_indexGate)
                {
                    return _implementations ??= new ImplementationIndex(Compilation);
                }
            }
        }

        public MemberWriteIndex MemberWrites
        {
            get
            {
                var index = System.Threading.Volatile.Read(ref _memberWrites);
                if (index is not null)
                {
                    return index;
                }

                lock (_indexGate)
                {
                    return _memberWrites ??= new MemberWriteIndex(this);
                }
            }
        }

        /// <summary>The graph of a root operation, or null when the root is not one a graph can be built for.</summary>
        public static ControlFlowGraph? GraphFor(IOperation root, CancellationToken cancellationToken) => root switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation ctor => ControlFlowGraph.Create(ctor, cancellationToken),
            IBlockOperation { Parent: null } block => ControlFlowGraph.Create(block, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            _ => null,
        };

        /// <summary>Whether a record's or class's primary constructor is what <paramref name="ctor"/> stands for.</summary>
        public static bool IsPrimaryConstructor(IMethodSymbol ctor)
        {
            if (ctor.MethodKind != MethodKind.Constructor)
            {
                return false;
            }

            foreach (var r in ctor.DeclaringSyntaxReferences)
            {
                if (r.GetSyntax() is TypeDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One top-level analysis's call stack: recursion detection, provisional summaries and the bound on depth.</summary>
    internal sealed class AnalysisStack
    {
        private readonly List<IMethodSymbol> _frames = new List<IMethodSymbol>();
        private readonly List<int> _lowestDependency = new List<int>();
        private readonly List<bool> _recursive = new List<bool>();
        private readonly Dictionary<IMethodSymbol, MethodAnalysis> _provisional = new Dictionary<IMethodSymbol, MethodAnalysis>(SymbolEqualityComparer.Default);
        private readonly Dictionary<IMethodSymbol, MethodAnalysis> _local = new Dictionary<IMethodSymbol, MethodAnalysis>(SymbolEqualityComparer.Default);

        public AnalysisStack(CancellationToken cancellationToken)
        {
            CancellationToken = cancellationToken;
        }

        public CancellationToken CancellationToken { get; }

        public int Depth => _frames.Count;

        /// <summary>Whether the frame popped last depended on no provisional summary of a frame below it.</summary>
        public bool LastWasFinal { get; private set; } = true;

        public int IndexOf(IMethodSymbol method)
        {
            for (var i = _frames.Count - 1; i >= 0; i--)
            {
                if (SymbolEqualityComparer.Default.Equals(_frames[i], method))
                {
                    return i;
                }
            }

            return -1;
        }

        public int Push(IMethodSymbol method)
        {
            _frames.Add(method);
            _lowestDependency.Add(int.MaxValue);
            _recursive.Add(false);
            return _frames.Count - 1;
        }

        public void Pop(int frame)
        {
            var lowest = _lowestDependency[frame];
            LastWasFinal = lowest >= frame;
            if (!LastWasFinal && frame > 0)
            {
                _lowestDependency[frame - 1] = Math.Min(_lowestDependency[frame - 1], lowest);
            }

            var method = _frames[frame];
            _frames.RemoveAt(frame);
            _lowestDependency.RemoveAt(frame);
            _recursive.RemoveAt(frame);
            if (LastWasFinal)
            {
                _provisional.Remove(method);
            }
        }

        /// <summary>Analyses computed under a provisional summary are stale once that summary changes.</summary>
        public void ClearLocal() => _local.Clear();

        public void MarkRecursion(int frame)
        {
            _recursive[frame] = true;
            for (var i = frame + 1; i < _frames.Count; i++)
            {
                _lowestDependency[i] = Math.Min(_lowestDependency[i], frame);
            }
        }

        public void ResetRecursion(int frame)
        {
            _recursive[frame] = false;
            _lowestDependency[frame] = int.MaxValue;
        }

        public bool WasRecursive(int frame) => _recursive[frame];

        public MethodAnalysis? Provisional(IMethodSymbol method) => _provisional.TryGetValue(method, out var a) ? a : null;

        public void SetProvisional(IMethodSymbol method, MethodAnalysis analysis) => _provisional[method] = analysis;

        public bool TryGetLocal(IMethodSymbol method, out MethodAnalysis analysis) => _local.TryGetValue(method, out analysis!);

        public void SetLocal(IMethodSymbol method, MethodAnalysis analysis) => _local[method] = analysis;
    }
}
