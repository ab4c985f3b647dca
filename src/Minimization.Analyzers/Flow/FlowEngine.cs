using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// <summary>
    /// The per-compilation flow engine. Method summaries are computed bottom-up over the strongly connected components of
    /// the call graph (<see cref="CallGraph"/>): a component's callees outside it are solved first, then the component is
    /// iterated as one unit (a worklist over its members in source order, re-evaluating only the callers of a member whose
    /// summary changed) until nothing changes, and every member's result is published at once. No result is computed again
    /// because of the order in which roots were visited, and none depends on it. The two compilation-wide indexes
    /// (implementations of virtual members, writes to fields and properties) are built lazily the first time a flow needs
    /// them. The engine knows nothing of diagnostics: it produces findings; the rules turn them into diagnostics.
    /// </summary>
    internal sealed class FlowEngine
    {
        /// <summary>
        /// Evaluations of one member in one component solve after which what its callers see is widened (half the cap). Widening
        /// sooner settles big groups in fewer sweeps, but folds member paths a visitor keeps apart (tried at two and three: a
        /// collecting visitor's hashed e-mails were reported).
        /// </summary>
        private int WidenAfterEvaluations => Math.Max(1, Options.MaxComponentEvaluations / 2);

        private readonly ConcurrentDictionary<IMethodSymbol, MethodAnalysis> _final = new ConcurrentDictionary<IMethodSymbol, MethodAnalysis>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, DispatchSummary> _dispatch = new ConcurrentDictionary<IMethodSymbol, DispatchSummary>(SymbolEqualityComparer.Default);
        /// <summary>Each type's own <c>ToString()</c> override in this compilation (null when it has none); see MethodEvaluator.OwnToString.</summary>
        internal readonly ConcurrentDictionary<ISymbol, IMethodSymbol?> OwnToStrings = new ConcurrentDictionary<ISymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);

        /// <summary><c>object.ToString()</c> of this compilation, found once (null if the core library lacks it).</summary>
        internal IMethodSymbol? ObjectToString => _objectToString ??= FindObjectToString(Compilation);

        private IMethodSymbol? _objectToString;

        private static IMethodSymbol? FindObjectToString(Compilation compilation)
        {
            foreach (var member in compilation.GetSpecialType(SpecialType.System_Object).GetMembers(nameof(ToString)))
            {
                if (member is IMethodSymbol { Parameters.IsEmpty: true } method)
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>The classes a receiver can be when every value it holds is created in sight (Reading 1).</summary>
        internal CreatedTypes CreatedTypes { get; }

        /// <summary>Members initialized with a primary constructor's parameter as it is (`string To { get; } = to;`), by that parameter's name.</summary>
        internal readonly ConcurrentDictionary<ISymbol, string?> InitializedFromParameter = new ConcurrentDictionary<ISymbol, string?>(SymbolEqualityComparer.Default);

        /// <summary>Per abstract or virtual setter: whether an implementation in source has a body of its own (MethodEvaluator).</summary>
        internal readonly ConcurrentDictionary<IMethodSymbol, bool> SetterBodiesBehind = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        private const int MaxKeptInlineGraphs = 4096;
        private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph?> _inlineGraphs = new ConcurrentDictionary<IMethodSymbol, ControlFlowGraph?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _noGraph = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        // One gate per index: a thread that needs the implementations does not wait while another scans every tree for the
        // member writes. Neither index's construction asks for the other, so the two gates never nest.
        private readonly object _implementationsGate = new object();
        private readonly object _memberWritesGate = new object();
        private ImplementationIndex? _implementations;
        private MemberWriteIndex? _memberWrites;
        private readonly ConcurrentDictionary<CallNode, ManualResetEventSlim> _solving = new ConcurrentDictionary<CallNode, ManualResetEventSlim>();

        /// <summary>The thread that holds each claim of <see cref="_solving"/>, and the claim each nested thread waits for.</summary>
        private readonly ConcurrentDictionary<CallNode, int> _holders = new ConcurrentDictionary<CallNode, int>();
        private readonly Dictionary<int, CallNode> _waitingOn = new Dictionary<int, CallNode>();
        private readonly object _waitGate = new object();
        private int _evaluations;
        private int _nestedSolves;
        private long _work;

        public FlowEngine(Compilation compilation, FlowAnnotations annotations, TreeScans? treeScans = null)
        {
            Compilation = compilation;
            TreeScans = treeScans ?? new TreeScans();
            Annotations = annotations;
            Library = new LibraryModel(annotations.Options);
            Graph = new CallGraph(this);
            CreatedTypes = new CreatedTypes(this);
        }

        public Compilation Compilation { get; }

        /// <summary>What each syntax tree contributes to the indexes, kept with the tree across the compilations that share it.</summary>
        public TreeScans TreeScans { get; }

        public FlowAnnotations Annotations { get; }

        public LibraryModel Library { get; }

        public CallGraph Graph { get; }

        public FlowOptions Options => Annotations.Options;

        /// <summary>How many method bodies were interpreted (lambdas evaluated in place not counted separately): what the count tests bound.</summary>
        public int Evaluations => Volatile.Read(ref _evaluations);

        /// <summary>
        /// Components solved inside another component's pass, reached by a route the call graph did not show: what the count
        /// tests keep at zero for the routes the graph does show (a result that rests on the outer pass is solved again on
        /// each of its passes).
        /// </summary>
        public int NestedSolves => Volatile.Read(ref _nestedSolves);

        /// <summary>Operations interpreted so far in this compilation, against <c>max_analysis_work</c>.</summary>
        public long Work => Interlocked.Read(ref _work);

        /// <summary>Counts interpreted operations against the compilation's work budget.</summary>
        public void SpendWork(int operations) => Interlocked.Add(ref _work, operations);

        /// <summary>Analyzes a method whose graph the caller already has (the analyzer's own operation block), reusing a published analysis.</summary>
        public MethodAnalysis AnalyzeRoot(IMethodSymbol method, Func<ControlFlowGraph> graph, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (_final.TryGetValue(key, out var done))
            {
                // Already analyzed as somebody's callee: no second graph, no second pass.
                return done;
            }

            var context = new AnalysisStack(cancellationToken, key, graph);
            if (Graph.Body(key) is { } node)
            {
                SolveFrom(node, context);
                if (_final.TryGetValue(key, out done))
                {
                    return done;
                }
            }

            // Not a body the call graph knows (top-level statements, say): one evaluation of its own.
            return Evaluate(key, graph(), context);
        }

        /// <summary>A method's analysis for the write index: computed as a root (bounds apply inside it, not to it).</summary>
        public MethodAnalysis? AnalyzeForIndex(IMethodSymbol method, AnalysisStack context) => Summary(method.OriginalDefinition, context);

        /// <summary>Analyzes a root that is not a method (a field initializer, say); never cached.</summary>
        public MethodAnalysis AnalyzeDetached(ISymbol owner, ControlFlowGraph cfg, CancellationToken cancellationToken)
            => AnalyzeDetached(owner, cfg, new AnalysisStack(cancellationToken, null, null));

        /// <summary>Analyzes a root that is not a method inside a running analysis (the write index's initializers).</summary>
        public MethodAnalysis AnalyzeDetached(ISymbol owner, ControlFlowGraph cfg, AnalysisStack context)
            => Evaluate(owner as IMethodSymbol, cfg, context);

        /// <summary>
        /// The analysis of a callee, or null when it has no body here (then the caller models it as library code).
        /// <paramref name="boundHit"/> is set when a bound stopped the analysis; the caller then assumes the flow.
        /// </summary>
        public MethodAnalysis? GetCallee(IMethodSymbol method, AnalysisStack stack, out bool boundHit)
        {
            var key = method.OriginalDefinition;
            var result = Summary(key, stack, out var provisional);
            if (result is null)
            {
                boundHit = _noGraph.TryGetValue(key, out var tooLarge) && tooLarge;
                return null;
            }

            // A summary counts against the bounds the same way whoever computed it, so whether a bound is hit never depends
            // on the order in which members were analyzed. A member of the component being solved costs nothing in depth.
            boundHit = result.Truncated || !provisional && result.Depth >= Options.MaxCallDepth;
            return boundHit ? null : result;
        }

        /// <summary>The bound of the recursive call group a published summary was cut by, if it was (<c>max_component_evaluations</c>).</summary>
        public BoundFinding? ComponentBoundOf(IMethodSymbol method)
        {
            if (_final.TryGetValue(method.OriginalDefinition, out var done))
            {
                foreach (var b in done.Bounds)
                {
                    if (b.Option == FlowOptions.MaxComponentEvaluationsKey)
                    {
                        return b;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// One summary for a call that may run any of <paramref name="bodies"/>: their join. Published once every body is
        /// final; while some are being solved, kept per analysis and brought up to date from the log of provisional changes
        /// (each change joined in once), so the cost stays linear in the number of bodies and changes.
        /// </summary>
        public MethodAnalysis? GetDispatchSummary(IMethodSymbol target, List<IMethodSymbol> bodies, AnalysisStack context, out bool anyBound, out bool anyLibrary)
        {
            var key = target.OriginalDefinition;
            if (context.TryGetDispatch(key, out var cached))
            {
                anyBound = cached.Bound;
                anyLibrary = cached.Library;
                return context.Refresh(cached);
            }

            // The published join is for callers outside the bodies' components. While one of the bodies is being solved
            // here, the join is this analysis's own, so that what a member sees never depends on another thread's timing.
            if (_dispatch.TryGetValue(key, out var published) && !AnyInProgress(bodies, context))
            {
                anyBound = published.Bound;
                anyLibrary = published.Library;
                return published.Summary;
            }

            MethodAnalysis? merged = null;
            anyBound = false;
            anyLibrary = false;
            var allFinal = true;
            var members = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var body in bodies)
            {
                var bodyKey = body.OriginalDefinition;

                // The caller depends on these bodies through the dispatch point (an edge of the call graph), not on each
                // one separately: recording a read per body would make callers lists quadratic in the implementations.
                context.SuppressReads++;
                MethodAnalysis? summary;
                bool provisional;
                try
                {
                    summary = Summary(bodyKey, context, out provisional);
                }
                finally
                {
                    context.SuppressReads--;
                }

                allFinal &= !provisional && (summary is null || _final.ContainsKey(bodyKey));
                if (summary is null)
                {
                    if (_noGraph.TryGetValue(bodyKey, out var tooLarge) && tooLarge)
                    {
                        anyBound = true;
                    }
                    else
                    {
                        anyLibrary = true;
                    }

                    continue;
                }

                if (summary.Truncated || !provisional && summary.Depth >= Options.MaxCallDepth)
                {
                    anyBound = true;
                    continue;
                }

                members.Add(bodyKey);
                merged = merged is null ? summary : MethodAnalysis.Join(merged, summary);
            }

            var entry = new DispatchSummary(merged, anyBound, anyLibrary, members);
            if (allFinal)
            {
                _dispatch.TryAdd(key, entry);
            }
            else
            {
                context.AddDispatch(key, entry);
            }

            return merged;
        }

        private static bool AnyInProgress(List<IMethodSymbol> bodies, AnalysisStack context)
        {
            if (!context.Solving)
            {
                return false;
            }

            foreach (var body in bodies)
            {
                if (context.IsInProgress(body.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private MethodAnalysis? Summary(IMethodSymbol key, AnalysisStack context) => Summary(key, context, out _);

        private MethodAnalysis? Summary(IMethodSymbol key, AnalysisStack context, out bool provisional)
        {
            provisional = false;
            if (_final.TryGetValue(key, out var done))
            {
                return done;
            }

            if (context.TryGetProvisional(key, out done))
            {
                provisional = true;
                return done;
            }

            if (context.TryGetLocal(key, out done))
            {
                return done;
            }

            if (_noGraph.ContainsKey(key) || Graph.Body(key) is not { } node)
            {
                return null;
            }

            try
            {
                // Reached by a route the call graph of the current root did not show (a delegate stored elsewhere, the write
                // index): solved here, on top of what is being solved.
                NoteNested(context);
                SolveFrom(node, context);
            }
            catch (InsufficientExecutionStackException)
            {
                // Too deep for this thread's stack: treated like a call past max_call_depth (MIN011 at the caller).
                _noGraph.TryAdd(key, true);
                return null;
            }

            if (_final.TryGetValue(key, out done) || context.TryGetLocal(key, out done))
            {
                return done;
            }

            return null;
        }

        /// <summary>Solves a member's value (and whatever it rests on) when a read reaches it by a route the root's graph did not show.</summary>
        public void SolveMember(ISymbol member, AnalysisStack context)
        {
            try
            {
                NoteNested(context);
                SolveFrom(Graph.Member(member), context);
            }
            catch (InsufficientExecutionStackException)
            {
                // Too deep for this thread's stack: the member reads as clean here (bounded like a call past max_call_depth).
            }
        }

        /// <summary>Solves every component reachable from <paramref name="start"/> that is not solved yet, callees first.</summary>
        private void SolveFrom(CallNode start, AnalysisStack context)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            var components = Graph.Components(start, n => IsPending(n, context), context.CancellationToken);
            foreach (var component in components)
            {
                SolveComponent(component, context);
            }
        }

        private void NoteNested(AnalysisStack context)
        {
            if (context.Solving)
            {
                Interlocked.Increment(ref _nestedSolves);
            }
        }

        private bool IsPending(CallNode n, AnalysisStack context)
            => n.IsMember
                ? !MemberWrites.IsFinal(n.Symbol) && !context.IsInProgress(n.Symbol) && !context.HasLocalField(n.Symbol) && !MemberWrites.ProvablyClean(n.Symbol, context.CancellationToken)
                : !_final.ContainsKey(n.Method) && !_noGraph.ContainsKey(n.Method) && !context.IsInProgress(n.Symbol) && !context.HasLocal(n.Method);

        private void SolveComponent(List<CallNode> component, AnalysisStack context)
        {
            var cancellationToken = context.CancellationToken;
            var pending = new List<CallNode>(component.Count);
            foreach (var node in component)
            {
                if (!IsSolved(node))
                {
                    pending.Add(node);
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            // Concurrent analysis reaches the same component from roots on several threads. At the top of its stack (no
            // component of its own being solved) a thread claims the component, or waits for the one already solving it and
            // takes its published results. A thread inside a component of its own waits too, unless the holder is waiting,
            // directly or through others, for the claim this thread holds: then it solves the component itself (the same
            // answer), so that no two threads ever wait for each other. Without that wait the nested thread solved the
            // component again, and again at every sweep of its own: on bitwarden Core the work of a run went from 24,000
            // evaluations to 66,000 depending on which thread came first.
            ManualResetEventSlim? claimed = null;
            var claimKey = pending[0];
            var first = StableKey(claimKey.Symbol);
            for (var i = 1; i < pending.Count; i++)
            {
                var key = StableKey(pending[i].Symbol);
                if (CompareKeys(key, first) < 0)
                {
                    first = key;
                    claimKey = pending[i];
                }
            }

            var me = Thread.CurrentThread.ManagedThreadId;
            if (!context.Solving)
            {
                var mine = new ManualResetEventSlim(false);
                var holder = _solving.GetOrAdd(claimKey, mine);
                if (!ReferenceEquals(holder, mine))
                {
                    mine.Dispose();
                    holder.Wait(cancellationToken);
                }
                else
                {
                    _holders[claimKey] = me;
                    claimed = mine;
                }
            }
            else if (_solving.TryGetValue(claimKey, out var holder))
            {
                bool wait;
                lock (_waitGate)
                {
                    wait = !WaitsFor(claimKey, me);
                    if (wait)
                    {
                        _waitingOn[me] = claimKey;
                    }
                }

                if (wait)
                {
                    try
                    {
                        holder.Wait(cancellationToken);
                    }
                    finally
                    {
                        lock (_waitGate)
                        {
                            _waitingOn.Remove(me);
                        }
                    }
                }
            }

            try
            {
                // Solved meanwhile (by the thread waited for, or by one that released its claim just before this one took it).
                if (AllSolved(pending))
                {
                    return;
                }

                var members = new List<CallNode>(pending.Count);
                var graphs = new List<ControlFlowGraph?>(pending.Count);
                foreach (var node in pending)
                {
                    if (node.IsMember)
                    {
                        members.Add(node);
                        graphs.Add(null);
                        continue;
                    }

                    var tooLarge = false;
                    var cfg = context.RootGraphFor(node.Method) ?? GetGraph(node.Method, cancellationToken, out tooLarge);
                    if (cfg is null)
                    {
                        _noGraph.TryAdd(node.Method, tooLarge);
                        continue;
                    }

                    CreatedTypes.NoteGraph(node.Method, cfg);
                    members.Add(node);
                    graphs.Add(cfg);
                }

                if (members.Count > 0)
                {
                    SolveMembers(members, graphs, context);
                }
            }
            finally
            {
                if (claimed is not null)
                {
                    _holders.TryRemove(claimKey, out _);
                    _solving.TryRemove(claimKey, out _);
                    claimed.Set();
                }
            }
        }

        /// <summary>
        /// Whether the thread holding <paramref name="claim"/> waits, directly or through a chain of other holders, for a claim
        /// held by <paramref name="thread"/> (asked under <see cref="_waitGate"/>). Each thread holds one claim at most and
        /// waits for one at most, so the chain is walked, not searched; a chain longer than the threads there can be is taken
        /// as a cycle.
        /// </summary>
        private bool WaitsFor(CallNode claim, int thread)
        {
            for (var step = 0; step < 256; step++)
            {
                if (!_holders.TryGetValue(claim, out var holder))
                {
                    return false;
                }

                if (holder == thread)
                {
                    return true;
                }

                if (!_waitingOn.TryGetValue(holder, out claim!))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A node whose result is published: a member's value, a method's summary, or a method without a graph.</summary>
        private bool IsSolved(CallNode node)
            => node.IsMember ? MemberWrites.IsFinal(node.Symbol) : _final.ContainsKey(node.Method) || _noGraph.ContainsKey(node.Method);

        private bool AllSolved(List<CallNode> nodes)
        {
            foreach (var n in nodes)
            {
                if (!IsSolved(n))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Iterates one component (its members not yet solved, with their graphs) to its fixpoint and publishes it.</summary>
        private void SolveMembers(List<CallNode> members, List<ControlFlowGraph?> graphs, AnalysisStack context)
        {
            var cancellationToken = context.CancellationToken;

            // The order of evaluation: callees first (the post-order of a depth-first walk over the component's own edges),
            // the walk started from members in source order and following each body's calls in the order they are written.
            // It is the same from any root, so the iteration (and every path chosen on the way) is too; and callees first
            // carries a change through a long cycle in one pass instead of one pass per hop.
            // Vertices: the members, then the dispatch points between them (a call through a base with a thousand overrides
            // is one edge to the dispatch point and a thousand out of it, not a thousand per caller).
            var memberIndex = new Dictionary<CallNode, int>();
            for (var i = 0; i < members.Count; i++)
            {
                memberIndex[members[i]] = i;
            }

            var dispatchIndex = new Dictionary<CallNode, int>();
            var edges = new List<List<int>>();
            for (var i = 0; i < members.Count; i++)
            {
                edges.Add(new List<int>());
            }

            // added[v] == i + 1: vertex v is already a successor of member i (a member read by its thousand writers' readers
            // must not cost a search of the list per edge).
            var added = new List<int>(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                added.Add(0);
            }

            bool AddEdge(int from, int to)
            {
                if (added[to] == from + 1)
                {
                    return false;
                }

                added[to] = from + 1;
                edges[from].Add(to);
                return true;
            }

            for (var i = 0; i < members.Count; i++)
            {
                foreach (var s in Graph.AllSuccessors(members[i], cancellationToken))
                {
                    if (!s.IsDispatch)
                    {
                        if (memberIndex.TryGetValue(s, out var c))
                        {
                            AddEdge(i, c);
                        }

                        continue;
                    }

                    if (!dispatchIndex.TryGetValue(s, out var d))
                    {
                        var targets = new List<int>();
                        foreach (var t in Graph.Successors(s, cancellationToken))
                        {
                            if (memberIndex.TryGetValue(t, out var c))
                            {
                                targets.Add(c);
                            }
                        }

                        d = -1;
                        if (targets.Count > 0)
                        {
                            d = edges.Count;
                            edges.Add(targets);
                            added.Add(0);
                        }

                        dispatchIndex[s] = d;
                    }

                    if (d >= 0)
                    {
                        AddEdge(i, d);
                    }
                }
            }

            var bySource = new int[members.Count];
            var keys = new (string Path, int Start, string Name)[members.Count];
            for (var i = 0; i < bySource.Length; i++)
            {
                bySource[i] = i;
                keys[i] = StableKey(members[i].Symbol);
            }

            Array.Sort(bySource, (a, b) => CompareKeys(keys[a], keys[b]));
            var postOrder = PostOrder(bySource, edges, cancellationToken);
            var order = new List<int>(members.Count);
            foreach (var v in postOrder)
            {
                if (v < members.Count)
                {
                    order.Add(v);
                }
            }

            // Positions: members take 0..n-1 in evaluation order; dispatch points keep their vertex number.
            var position = new int[edges.Count];
            var sorted = new CallNode[order.Count];
            var sortedGraphs = new ControlFlowGraph?[order.Count];
            for (var i = 0; i < order.Count; i++)
            {
                position[order[i]] = i;
                sorted[i] = members[order[i]];
                sortedGraphs[i] = graphs[order[i]];
            }

            for (var v = members.Count; v < edges.Count; v++)
            {
                position[v] = v;
            }

            // Callers (reversed edges, in positions): who must be evaluated again when a member's summary changes.
            var callers = new List<int>[edges.Count];
            var callerEdges = new HashSet<(int Target, int Reader)>();
            for (var v = 0; v < edges.Count; v++)
            {
                callers[v] = new List<int>();
            }

            for (var v = 0; v < edges.Count; v++)
            {
                foreach (var w in edges[v])
                {
                    if (callerEdges.Add((position[w], position[v])))
                    {
                        callers[position[w]].Add(position[v]);
                    }
                }
            }

            var memberCount = sorted.Length;
            var level = context.PushLevel(sorted);
            try
            {
                var results = new MethodAnalysis?[sorted.Length];
                var values = new AbstractValue?[sorted.Length];
                var evaluations = new int[sorted.Length];

                // Sweeps in evaluation order (callees first): a member whose callee changed is evaluated again later in the
                // same sweep when it comes after the callee, in the next sweep otherwise (a cycle's back edge). Results that
                // rest on this component's provisional summaries from outside it (a writer of a field read here, say) are
                // dropped at the start of each sweep, so each is computed at most once per sweep, and the last sweep (no
                // change) sees only final values.
                var now = new bool[sorted.Length];
                var later = new bool[sorted.Length];
                for (var i = 0; i < sorted.Length; i++)
                {
                    now[i] = true;
                }

                var current = 0;
                var pendingLater = false;
                void Enqueue(int c)
                {
                    if (c > current)
                    {
                        now[c] = true;
                    }
                    else if (!later[c])
                    {
                        later[c] = true;
                        pendingLater = true;
                    }
                }

                var truncated = false;
                bool[]? cut = null;
                var sweep = true;
                while (sweep)
                {
                    for (current = 0; current < sorted.Length; current++)
                    {
                        var i = current;
                        if (!now[i])
                        {
                            continue;
                        }

                        now[i] = false;
                        cancellationToken.ThrowIfCancellationRequested();
                        if (++evaluations[i] > Options.MaxComponentEvaluations)
                        {
                            truncated = true;
                            cut ??= new bool[sorted.Length];
                            cut[i] = true;
                            continue;
                        }

                        var changed = false;
                        var callersSeeIt = true;
                        context.SetCurrent(level, i);
                        if (sorted[i].IsMember)
                        {
                            var previous = context.ProvisionalValue(level, sorted[i].Symbol);
                            var value = previous.Join(MemberWrites.Collect(sorted[i].Symbol, context));
                            if (evaluations[i] > WidenAfterEvaluations)
                            {
                                value = value.Widened();
                            }

                            values[i] = value;
                            if (!previous.SameAs(value))
                            {
                                context.SetProvisionalValue(level, sorted[i].Symbol, value);
                                changed = true;
                            }
                        }
                        else
                        {
                            var analysis = MethodAnalysis.Accumulate(context.Provisional(level, sorted[i].Method), Evaluate(sorted[i].Method, sortedGraphs[i]!, context));
                            if (evaluations[i] > WidenAfterEvaluations)
                            {
                                // Still changing: its values grow member path by member path round the component's cycles.
                                // Fold those paths into their parameters, so it settles in a few more passes, not one per step.
                                analysis = analysis.Widened();
                            }

                            results[i] = analysis;
                            var before = context.Provisional(level, sorted[i].Method);
                            if (!before.SameSummary(analysis))
                            {
                                callersSeeIt = !before.SameForCallers(analysis);
                                context.SetProvisional(level, sorted[i].Method, analysis.WithDepth(0, analysis.Truncated));
                                changed = true;
                            }
                        }

                        context.SetCurrent(level, -1);
                        foreach (var (target, reader) in context.TakeReads(level))
                        {
                            // An edge the call graph did not show: the reader depends on the target from now on.
                            if (callerEdges.Add((target, reader)))
                            {
                                callers[target].Add(reader);
                            }
                        }

                        if (!changed)
                        {
                            continue;
                        }

                        foreach (var c in callers[i])
                        {
                            if (!callersSeeIt && (c >= memberCount || !sorted[c].IsMember))
                            {
                                // Only the concrete member writes changed: only the members' values read them.
                                continue;
                            }

                            if (c >= memberCount)
                            {
                                // A dispatch point: its callers.
                                foreach (var cc in callers[c])
                                {
                                    Enqueue(cc);
                                }
                            }
                            else
                            {
                                Enqueue(c);
                            }
                        }
                    }

                    sweep = pendingLater;
                    if (sweep)
                    {
                        context.ClearLocal(level);
                        (now, later) = (later, now);
                        pendingLater = false;
                    }
                }

                var depth = 0;
                foreach (var r in results)
                {
                    if (r is not null)
                    {
                        depth = Math.Max(depth, r.Depth);
                        truncated |= r.Truncated;
                    }
                }

                var local = context.DependsOnOuter(level);
                for (var i = 0; i < sorted.Length; i++)
                {
                    if (sorted[i].IsMember)
                    {
                        var value = values[i] ?? AbstractValue.Clean;
                        if (local)
                        {
                            context.SetLocalField(sorted[i].Symbol, value, level);
                        }
                        else
                        {
                            MemberWrites.Publish(sorted[i].Symbol, value);
                        }

                        continue;
                    }

                    var published = (results[i] ?? MethodAnalysis.Empty).WithDepth(depth, truncated);
                    if (cut is not null && sorted[i].Method.Locations.FirstOrDefault(l => l.IsInSource) is { } at)
                    {
                        // Never silently: each member of a group whose evaluations were cut carries the bound, so that a
                        // caller using its summary reports MIN011 naming the option.
                        published = published.WithBound(new BoundFinding(at, "max_component_evaluations", FlowOptions.MaxComponentEvaluationsKey, "the solution of '" + Annotations.Display(sorted[i].Method) + "' with the " + sorted.Length + " members of its recursive call group", "whatever identity flows through them"));
                    }

                    if (local)
                    {
                        context.SetLocal(sorted[i].Method, published, level);
                    }
                    else
                    {
                        _final.TryAdd(sorted[i].Method, published);
                    }
                }
            }
            finally
            {
                context.PopLevel(level);
            }
        }

        /// <summary>Post-order of an iterative depth-first walk, roots taken in the order given, edges in list order.</summary>
        private static int[] PostOrder(int[] roots, List<List<int>> edges, CancellationToken cancellationToken)
        {
            var result = new int[edges.Count];
            var count = 0;
            var visited = new bool[edges.Count];
            var frames = new Stack<(int Node, int Next)>();
            foreach (var root in roots)
            {
                if (visited[root])
                {
                    continue;
                }

                visited[root] = true;
                frames.Push((root, 0));
                while (frames.Count > 0)
                {
                    var (node, next) = frames.Pop();
                    if (next < edges[node].Count)
                    {
                        frames.Push((node, next + 1));
                        var w = edges[node][next];
                        if (!visited[w])
                        {
                            visited[w] = true;
                            frames.Push((w, 0));
                        }

                        continue;
                    }

                    if ((count & 0xFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    result[count++] = node;
                }
            }

            Array.Resize(ref result, count);
            return result;
        }

        private MethodAnalysis Evaluate(IMethodSymbol? method, ControlFlowGraph cfg, AnalysisStack context)
        {
            Interlocked.Increment(ref _evaluations);
            if (Work > Options.MaxAnalysisWork)
            {
                // The compilation's budget is spent: say so where the analysis stopped, and let callers assume the flow.
                var location = cfg.OriginalOperation.Syntax.GetLocation();
                var name = method is null ? "this initializer" : "'" + Annotations.Display(method) + "'";
                var bound = new BoundFinding(location, "max_analysis_work", FlowOptions.MaxAnalysisWorkKey, "the analysis of " + name, "any identity it handles");
                return new MethodAnalysis(AbstractValue.Clean, ImmutableDictionary<int, AbstractValue>.Empty, ImmutableArray<SinkReach>.Empty, ImmutableArray<FlowFinding>.Empty, ImmutableArray.Create(bound), ImmutableDictionary<ISymbol, AbstractValue>.Empty.WithComparers(SymbolEqualityComparer.Default), 1, true);
            }

            return new MethodEvaluator(this, method, cfg, context, 0).Run();
        }

        /// <summary>A key that orders methods the same way in every run: file, position, then name.</summary>
        internal static (string Path, int Start, string Name) StableKey(ISymbol symbol)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                return (reference.SyntaxTree.FilePath ?? string.Empty, reference.Span.Start, symbol.MetadataName);
            }

            return (string.Empty, -1, symbol.ToDisplayString());
        }

        internal static int CompareKeys((string Path, int Start, string Name) a, (string Path, int Start, string Name) b)
        {
            var c = string.CompareOrdinal(a.Path, b.Path);
            if (c != 0)
            {
                return c;
            }

            c = a.Start.CompareTo(b.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        }

        /// <summary>
        /// Whether anything in this operation tree can lead to a partner sink: a call to a sink, to code of this compilation
        /// that (transitively) can, a virtual call with such an implementation, a delegate, dynamic or event call, an
        /// assignment to a sink property. A body that cannot reach a sink cannot produce a MIN001 of its own, so its root
        /// analysis is skipped; its summary is still computed on demand when a caller needs it. Answered over the call
        /// graph's components, memoized per method.
        /// </summary>
        public bool MayReachSink(IOperation root, CancellationToken cancellationToken) => Graph.MayReachSink(root, cancellationToken);

        /// <summary>
        /// Whether a body may return identity that MIN010 is about: it reads a source (an annotated member, parameter or
        /// return value, a member or value of an identity-bearing type) itself or through calls into this compilation.
        /// Identity stored in unannotated fields by other methods is followed by MIN001, not by this pre-check.
        /// </summary>
        public bool MayReadIdentity(IOperation root, CancellationToken cancellationToken) => Graph.MayReadIdentity(root, cancellationToken);

        /// <summary>
        /// Whether the program passes functions for a delegate parameter of <paramref name="method"/>: its body may run them with
        /// what it reads itself (<c>visit(account.Email)</c>), so it is analysed even when nothing in it reaches a sink.
        /// </summary>
        public bool RunsPassedFunctions(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var p in method.Parameters)
            {
                if (p.Type.TypeKind == TypeKind.Delegate && !MemberWrites.PassedFunctions(p, cancellationToken).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        internal static bool InvokesParameter(IInvocationOperation invocation)
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

            // A lambda's parameter is filled by whoever runs the lambda (List.ForEach hands it the list's handlers), not by the
            // method's caller.
            return instance is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) } };
        }

        internal static bool IsDispatchedCall(IMethodSymbol target)
            => target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType?.TypeKind == TypeKind.Interface;

        /// <summary>
        /// The instance fields and properties of an own type (its own and its source bases') that are shared collections
        /// (<see cref="MemberWriteIndex.IsShared"/>), found once per type.
        /// </summary>
        internal ISymbol[] SharedMembersOf(INamedTypeSymbol type)
            => _sharedMembers.GetOrAdd(type.OriginalDefinition, t =>
            {
                var result = new List<ISymbol>();
                for (var current = (INamedTypeSymbol?)t; current is not null && IsOwn(current); current = current.BaseType)
                {
                    foreach (var member in current.GetMembers())
                    {
                        if (!member.IsStatic && member is IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol && MemberWriteIndex.IsShared(member.OriginalDefinition))
                        {
                            result.Add(member.OriginalDefinition);
                        }
                    }
                }

                return result.ToArray();
            });

        private readonly ConcurrentDictionary<INamedTypeSymbol, ISymbol[]> _sharedMembers = new ConcurrentDictionary<INamedTypeSymbol, ISymbol[]>(SymbolEqualityComparer.Default);

        internal bool IsOwn(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly);

        public SemanticModel GetModel(SyntaxTree tree)
        {
#pragma warning disable RS1030 // Callee bodies live in other trees; the driver's caching model provider makes this the same model it binds with.
            // Asked at every read of a member's writers: the lookup first, so that the common case allocates no delegate.
            return _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, Compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
        }

        /// <summary>
        /// What a call site or an assigned expression binds to when that is declared in the code around it, not a member
        /// (a local, a lambda's or a method's parameter, a range variable): no member's writers or callers include it, and
        /// being bound it is not "does not bind". One reference for all of them, so that one kept answer serves every
        /// compilation. A constructor's parameter stays itself (a primary constructor's is written like a member).
        /// </summary>
        public MemberRef NotAMemberRef { get; } = new MemberRef(null, null);

        /// <summary>The <see cref="MemberRef"/> of what a node binds to: <see cref="NotAMemberRef"/> for a symbol of the code around it, else <see cref="RefOf"/>.</summary>
        public MemberRef? BoundRef(ISymbol? symbol) => symbol switch
        {
            ILocalSymbol or IRangeVariableSymbol or IDiscardSymbol or ILabelSymbol => NotAMemberRef,
            IParameterSymbol { ContainingSymbol: not IMethodSymbol { MethodKind: MethodKind.Constructor } } => NotAMemberRef,
            _ => RefOf(symbol),
        };

        /// <summary>
        /// What <paramref name="node"/> was found to bind to, for <paramref name="question"/>, by an earlier compilation with the
        /// same declarations and the same tree (<see cref="TreeBindings"/>): a keystroke in one body leaves every other tree's
        /// calls and assignments bound as they were. Given as a <see cref="MemberRef"/> (null: binds to nothing), without
        /// re-finding the member: grouping writes and calls by member needs only its ID. False when it was not kept (then bind,
        /// and <see cref="RememberRef"/>).
        /// </summary>
        public bool TryRecallRef(SyntaxNode node, BindingQuestion question, CancellationToken cancellationToken, out MemberRef? member)
        {
            member = null;
            if (!BindingsOf(node.SyntaxTree, cancellationToken).TryGetValue(new SiteKey(node, question), out var id))
            {
                return false;
            }

            member = id.Length == 0 ? null : id == TreeBindings.Local ? NotAMemberRef : _refsById.GetOrAdd(id, i => new MemberRef(i, null));
            return true;
        }

        /// <summary>Keeps what <paramref name="node"/> binds to for the next compilations with the same declarations, when it has an ID (or binds to nothing, or to a local).</summary>
        public void RememberRef(SyntaxNode node, BindingQuestion question, MemberRef? member, CancellationToken cancellationToken)
        {
            var id = member is null ? TreeBindings.Nothing : ReferenceEquals(member, NotAMemberRef) ? TreeBindings.Local : member.Id;
            if (id is not null)
            {
                BindingsOf(node.SyntaxTree, cancellationToken)[new SiteKey(node, question)] = id;
            }
        }

        /// <summary>
        /// The one <see cref="MemberRef"/> of <paramref name="symbol"/> in this engine (null for null): by ID when the ID brings
        /// the symbol back and nothing else, else by symbol.
        /// </summary>
        public MemberRef? RefOf(ISymbol? symbol)
        {
            if (symbol is null)
            {
                return null;
            }

            if (IdOf(symbol) is { } id)
            {
                return _refsById.GetOrAdd(id, i => new MemberRef(i, symbol));
            }

            return _refsBySymbol.GetOrAdd(symbol, s => new MemberRef(null, s));
        }

        private readonly ConcurrentDictionary<string, MemberRef> _refsById = new ConcurrentDictionary<string, MemberRef>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ISymbol, MemberRef> _refsBySymbol = new ConcurrentDictionary<ISymbol, MemberRef>(SymbolEqualityComparer.Default);

        private ConcurrentDictionary<SiteKey, string> BindingsOf(SyntaxTree tree, CancellationToken cancellationToken)
            => TreeScans.Bindings(tree).For(DeclarationDigest(cancellationToken));

        /// <summary>The digest of the compilation's declarations, options and references (<see cref="Fingerprint.OfCompilation"/>), computed once.</summary>
        public Fingerprint DeclarationDigest(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _declarations) is not Fingerprint epoch)
            {
                epoch = Fingerprint.OfCompilation(Compilation, TreeScans, cancellationToken);
                Volatile.Write(ref _declarations, epoch);
            }

            return epoch;
        }

        /// <summary>A member's documentation ID when it comes back as that member and nothing else (so a later compilation finds it again).</summary>
        public string? IdOf(ISymbol symbol)
        {
            if (_ids.TryGetValue(symbol, out var known))
            {
                return known;
            }

            string? id = null;
            var eligible = symbol switch
            {
                INamedTypeSymbol type => type.TypeKind != TypeKind.Error && type.IsDefinition,
                IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.ReducedExtension or MethodKind.BuiltinOperator or MethodKind.FunctionPointerSignature } => false,
                IMethodSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol => symbol.ContainingType is { TypeKind: not TypeKind.Error },
                _ => false,
            };
            if (eligible)
            {
                try
                {
                    var candidate = DocumentationCommentId.CreateDeclarationId(symbol);
                    if (candidate is { Length: > 0 } && SymbolEqualityComparer.Default.Equals(FromId(candidate), symbol))
                    {
                        id = candidate;
                    }
                }
                catch (InvalidOperationException)
                {
                    // A symbol the ID format has no form for: bound again each time, as before.
                }
            }

            return _ids.GetOrAdd(symbol, id);
        }

        public ISymbol? FromId(string id)
        {
            if (_fromIds.TryGetValue(id, out var known))
            {
                return known;
            }

            var found = DocumentationCommentId.GetSymbolsForDeclarationId(id, Compilation);
            var symbol = found.Length == 1 ? found[0] : null;
            if (symbol is not null)
            {
                // The ID brought back this symbol and no other: it is the symbol's ID, with no need to make and check it again.
                _ids.TryAdd(symbol, id);
            }

            return _fromIds.GetOrAdd(id, symbol);
        }

        /// <summary>
        /// A yes-or-no fact about a member that its declaration alone decides (<paramref name="compute"/> reads nothing else),
        /// computed once for the compilations with the same declarations: a keystroke does not make it bind the member's type again.
        /// </summary>
        public bool DeclaredFact(ISymbol definition, DeclaredFact fact, Func<ISymbol, bool> compute, CancellationToken cancellationToken)
            => RefOf(definition) is { } member && DeclaredFact(member, fact, compute, cancellationToken);

        /// <summary>
        /// <see cref="DeclaredFact(ISymbol, Flow.DeclaredFact, Func{ISymbol, bool}, CancellationToken)"/> of a member known by
        /// its <see cref="MemberRef"/>: a kept fact needs no symbol, so a recalled member is not re-found to answer it.
        /// </summary>
        public bool DeclaredFact(MemberRef member, DeclaredFact fact, Func<ISymbol, bool> compute, CancellationToken cancellationToken)
        {
            if (member.Id is not { } id)
            {
                return member.Symbol(this) is { } symbol && compute(symbol);
            }

            return Fact(id, fact, () => member.Symbol(this) is { } symbol && compute(symbol), cancellationToken);
        }

        /// <summary>A fact about two members, by their IDs, that their declarations alone decide (whether one overrides or implements the other).</summary>
        public bool PairFact(string first, string second, DeclaredFact fact, Func<bool> compute, CancellationToken cancellationToken)
            => Fact(first + "\n" + second, fact, compute, cancellationToken);

        private bool Fact(string key, DeclaredFact fact, Func<bool> compute, CancellationToken cancellationToken)
        {
            var facts = _facts ??= TreeScans.Facts(Compilation, DeclarationDigest(cancellationToken));
            if (facts.TryGetValue((key, fact), out var known))
            {
                return known;
            }

            var value = compute();
            facts[(key, fact)] = value;
            return value;
        }

        private ConcurrentDictionary<(string Id, DeclaredFact Fact), bool>? _facts;

        private object? _declarations;
        private readonly ConcurrentDictionary<ISymbol, string?> _ids = new ConcurrentDictionary<ISymbol, string?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, ISymbol?> _fromIds = new ConcurrentDictionary<string, ISymbol?>(StringComparer.Ordinal);

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

        /// <summary>
        /// The graph of a method run in place at its call sites (a helper given a lambda, a template method run for a known
        /// class): built once and kept, where each call site built it again. At most <see cref="MaxKeptInlineGraphs"/> are
        /// kept; past that a graph is built for each run, as before (the same graph, so the same results, only slower).
        /// </summary>
        public ControlFlowGraph? GetInlineGraph(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (_inlineGraphs.TryGetValue(key, out var kept))
            {
                return kept;
            }

            var graph = GetGraph(key, cancellationToken, out _);
            if (_inlineGraphs.Count < MaxKeptInlineGraphs)
            {
                _inlineGraphs.TryAdd(key, graph);
            }

            return graph;
        }

        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IOperation>> _returnedReferences = new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IOperation>>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The locations a method that returns by <c>ref</c> hands out (<c>ref _value</c>, <c>ref _slots[i]</c>, <c>ref
        /// Shared</c>, <c>ref a</c> of a <c>ref</c> parameter), as its graph's returns name them, found once per method: a store
        /// through the call (<c>obj.Slot() = email</c>) is a store into them. Empty for any other method, and for a return
        /// the graph computes through something else (a call, a ref local).
        /// </summary>
        public ImmutableArray<IOperation> ReturnedReferences(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (!key.ReturnsByRef)
            {
                return ImmutableArray<IOperation>.Empty;
            }

            if (_returnedReferences.TryGetValue(key, out var known))
            {
                return known;
            }

            var found = ImmutableArray.CreateBuilder<IOperation>();
            if (GetInlineGraph(key, cancellationToken) is { } graph)
            {
                foreach (var block in graph.Blocks)
                {
                    if (block.BranchValue is { } returned && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                    {
                        AddReturnedReference(graph, returned, found, 0);
                    }
                }
            }

            return _returnedReferences.GetOrAdd(key, found.ToImmutable());
        }

        /// <summary>A returned location, through the captures a <c>ref</c> conditional makes (<c>ref (b ? ref _a : ref _b)</c>), a few deep.</summary>
        private static void AddReturnedReference(ControlFlowGraph graph, IOperation returned, ImmutableArray<IOperation>.Builder found, int depth)
        {
            if (returned is IFlowCaptureReferenceOperation reference)
            {
                if (depth >= 3)
                {
                    return;
                }

                foreach (var block in graph.Blocks)
                {
                    foreach (var operation in block.Operations)
                    {
                        if (operation is IFlowCaptureOperation capture && capture.Id.Equals(reference.Id))
                        {
                            AddReturnedReference(graph, capture.Value, found, depth + 1);
                        }
                    }
                }

                return;
            }

            if (returned is IFieldReferenceOperation or IArrayElementReferenceOperation or IParameterReferenceOperation && found.Count < 8 && !found.Contains(returned))
            {
                found.Add(returned);
            }
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
                    // A primary constructor runs its base-list call (`class SmsChannel(string phone) : Channel(phone)`).
                    TypeDeclarationSyntax { ParameterList: not null, BaseList: { } bases } when method.MethodKind == MethodKind.Constructor
                        => bases.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault(),
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

                lock (_implementationsGate)
                {
                    return _implementations ??= ImplementationIndex.For(this, CancellationToken.None);
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

                lock (_memberWritesGate)
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

    /// <summary>The merged summary of a dispatched call's bodies, with what kept some of them out of it.</summary>
    internal sealed class DispatchSummary
    {
        public DispatchSummary(MethodAnalysis? summary, bool bound, bool library, HashSet<IMethodSymbol> members)
        {
            Summary = summary;
            Bound = bound;
            Library = library;
            Members = members;
        }

        public MethodAnalysis? Summary { get; set; }

        public bool Bound { get; set; }

        public bool Library { get; }

        public HashSet<IMethodSymbol> Members { get; }

        /// <summary>How much of the analysis's change log has been joined in.</summary>
        public int Seen { get; set; }
    }

    /// <summary>
    /// One top-level analysis's solving state, on one thread: the components being solved (nested when a callee is reached
    /// by a route the root's call graph did not show), their provisional summaries, results that rest on an outer
    /// component's provisional summaries (kept here, not published, and dropped when a component starts a new pass),
    /// and members' values being solved with their writers.
    /// </summary>
    internal sealed class AnalysisStack
    {
        private readonly List<Level> _levels = new List<Level>();
        private readonly LocalResults<MethodAnalysis> _local = new LocalResults<MethodAnalysis>();
        private readonly LocalResults<AbstractValue> _localFields = new LocalResults<AbstractValue>();
        private readonly Dictionary<IMethodSymbol, DispatchSummary> _dispatch = new Dictionary<IMethodSymbol, DispatchSummary>(SymbolEqualityComparer.Default);
        private readonly List<(IMethodSymbol Method, MethodAnalysis Analysis)> _changes = new List<(IMethodSymbol, MethodAnalysis)>();
        private readonly IMethodSymbol? _root;
        private readonly Func<ControlFlowGraph>? _rootGraph;

        public AnalysisStack(CancellationToken cancellationToken, IMethodSymbol? root, Func<ControlFlowGraph>? rootGraph)
        {
            CancellationToken = cancellationToken;
            _root = root;
            _rootGraph = rootGraph;
        }

        public CancellationToken CancellationToken { get; }

        private sealed class Level
        {
            public Dictionary<IMethodSymbol, MethodAnalysis>? Provisional;
            public Dictionary<ISymbol, AbstractValue>? Values;
            public Dictionary<ISymbol, int> Index = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            public int Current = -1;
            public HashSet<(int Target, int Reader)> Reads = new HashSet<(int, int)>();
            public HashSet<(int Level, ISymbol Target)> OuterReads = new HashSet<(int, ISymbol)>();
            public int MinDependency = int.MaxValue;
            public int SavedSuppress;
        }

        /// <summary>The graph the driver already built for the root, so that the root's body is not lowered twice.</summary>
        public ControlFlowGraph? RootGraphFor(IMethodSymbol method)
            => _rootGraph is not null && SymbolEqualityComparer.Default.Equals(method, _root) ? _rootGraph() : null;

        public int PushLevel(IReadOnlyList<CallNode> members)
        {
            var provisional = new Dictionary<IMethodSymbol, MethodAnalysis>(SymbolEqualityComparer.Default);
            var values = new Dictionary<ISymbol, AbstractValue>(SymbolEqualityComparer.Default);
            var index = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            for (var i = 0; i < members.Count; i++)
            {
                index[members[i].Symbol] = i;
            }

            foreach (var m in members)
            {
                if (m.IsMember)
                {
                    values[m.Symbol] = AbstractValue.Clean;
                }
                else
                {
                    provisional[m.Method] = MethodAnalysis.Empty;
                }
            }

            // A component solved on top of a suppressed lookup records its own reads.
            _levels.Add(new Level { Provisional = provisional, Values = values, Index = index, SavedSuppress = SuppressReads });
            SuppressReads = 0;
            return _levels.Count - 1;
        }

        public void PopLevel(int level)
        {
            var popped = _levels[level];
            _levels.RemoveAt(level);
            SuppressReads = popped.SavedSuppress;

            // Merged dispatch summaries joined from this level's provisional values: callers from now on use final ones.
            _dispatch.Clear();

            // What rested on this level's provisional values (or on its field being collected) is stale now.
            ClearLocal(level);
            if (level > 0 && popped.MinDependency < level - 1)
            {
                var parent = _levels[level - 1];
                parent.MinDependency = Math.Min(parent.MinDependency, popped.MinDependency);
            }
        }

        /// <summary>Whether what was computed at this level rests on a provisional value of a level below it.</summary>
        public bool DependsOnOuter(int level) => _levels[level].MinDependency < level;

        public bool IsInProgress(ISymbol symbol)
        {
            foreach (var level in _levels)
            {
                if (symbol is IMethodSymbol method && level.Provisional is not null && level.Provisional.ContainsKey(method)
                    || level.Values is not null && level.Values.ContainsKey(symbol))
                {
                    return true;
                }
            }

            return false;
        }

        public bool TryGetProvisional(IMethodSymbol method, out MethodAnalysis analysis)
        {
            for (var i = _levels.Count - 1; i >= 0; i--)
            {
                if (_levels[i].Provisional is { } p && p.TryGetValue(method, out analysis!))
                {
                    NoteDependency(i);
                    NoteRead(i, method);
                    return true;
                }
            }

            analysis = null!;
            return false;
        }

        /// <summary>The current value of a member whose component is being solved on this thread (the read then rests on it).</summary>
        public bool TryGetProvisionalValue(ISymbol member, out AbstractValue value)
        {
            for (var i = _levels.Count - 1; i >= 0; i--)
            {
                if (_levels[i].Values is { } v && v.TryGetValue(member, out value!))
                {
                    NoteDependency(i);
                    NoteRead(i, member);
                    return true;
                }
            }

            value = null!;
            return false;
        }

        public AbstractValue ProvisionalValue(int level, ISymbol member) => _levels[level].Values![member];

        public void SetProvisionalValue(int level, ISymbol member, AbstractValue value) => _levels[level].Values![member] = value;

        /// <summary>
        /// The member of <paramref name="level"/> being evaluated read <paramref name="symbol"/>'s provisional value: it must be
        /// evaluated again when that value changes, whether or not the call graph showed the edge (a lambda stored in a
        /// field and run here, a caller followed for a static write).
        /// </summary>
        private void NoteRead(int level, ISymbol symbol)
        {
            if (SuppressReads > 0)
            {
                return;
            }

            var l = _levels[level];
            if (l.Current >= 0 && l.Index.TryGetValue(symbol, out var target) && target != l.Current)
            {
                l.Reads.Add((target, l.Current));
            }

            // Levels solved on top of it rest on this read too: results they keep locally carry it to whoever reads them.
            for (var j = level + 1; j < _levels.Count; j++)
            {
                _levels[j].OuterReads.Add((level, symbol));
            }
        }

        private void Replay(List<(int Level, ISymbol Target)> reads)
        {
            foreach (var (level, target) in reads)
            {
                if (level < _levels.Count)
                {
                    NoteRead(level, target);
                }
            }
        }

        private List<(int Level, ISymbol Target)> OuterReadsOf(int level)
        {
            var result = new List<(int, ISymbol)>();
            foreach (var r in _levels[level].OuterReads)
            {
                if (r.Level < level)
                {
                    result.Add(r);
                }
            }

            return result;
        }

        /// <summary>While positive, provisional reads are not recorded (the caller covers them with a graph edge).</summary>
        public int SuppressReads { get; set; }

        /// <summary>Which member of <paramref name="level"/> is being evaluated (-1: none).</summary>
        public void SetCurrent(int level, int member) => _levels[level].Current = member;

        /// <summary>The reads recorded since the last call, as (member read, member that read it); the set is emptied.</summary>
        public List<(int Target, int Reader)> TakeReads(int level)
        {
            var l = _levels[level];
            var result = new List<(int, int)>(l.Reads);
            l.Reads.Clear();
            return result;
        }

        private void NoteDependency(int level)
        {
            var top = _levels[_levels.Count - 1];
            top.MinDependency = Math.Min(top.MinDependency, level);
        }

        public MethodAnalysis Provisional(int level, IMethodSymbol method) => _levels[level].Provisional![method];

        public void SetProvisional(int level, IMethodSymbol method, MethodAnalysis analysis)
        {
            _levels[level].Provisional![method] = analysis;
            _changes.Add((method, analysis));
        }

        /// <summary>Whether a component is being solved on this thread.</summary>
        public bool Solving => _levels.Count > 0;

        public bool TryGetDispatch(IMethodSymbol target, out DispatchSummary entry) => _dispatch.TryGetValue(target, out entry!);

        public void AddDispatch(IMethodSymbol target, DispatchSummary entry)
        {
            entry.Seen = _changes.Count;
            _dispatch[target] = entry;
        }

        /// <summary>Joins into a merged dispatch summary every provisional change of its bodies since it was last brought up to date.</summary>
        public MethodAnalysis? Refresh(DispatchSummary entry)
        {
            for (; entry.Seen < _changes.Count; entry.Seen++)
            {
                var (method, analysis) = _changes[entry.Seen];
                if (entry.Members.Contains(method))
                {
                    var changed = analysis.WithDepth(0, false);
                    entry.Summary = entry.Summary is null ? changed : MethodAnalysis.Join(entry.Summary, changed);
                    entry.Bound |= analysis.Truncated;
                }
            }

            return entry.Summary;
        }

        /// <summary>Drops what rested on the provisional values of <paramref name="level"/> or above (a new pass, or the level is done).</summary>
        public void ClearLocal(int level)
        {
            _local.ClearFrom(level);
            _localFields.ClearFrom(level);
        }

        public bool HasLocal(IMethodSymbol method) => _local.Has(method);

        /// <summary>A result that rests on provisional values; reading it makes the reader rest on them too.</summary>
        public bool TryGetLocal(IMethodSymbol method, out MethodAnalysis analysis) => TryGet(_local, method, out analysis);

        /// <summary>Keeps a result computed at <paramref name="level"/> that rests on a level below it.</summary>
        public void SetLocal(IMethodSymbol method, MethodAnalysis analysis, int level) => _local.Set(method, analysis, _levels[level].MinDependency, OuterReadsOf(level));

        public bool HasLocalField(ISymbol field) => _localFields.Has(field);

        public bool TryGetLocalField(ISymbol field, out AbstractValue value) => TryGet(_localFields, field, out value);

        public void SetLocalField(ISymbol field, AbstractValue value, int level) => _localFields.Set(field, value, _levels[level].MinDependency, OuterReadsOf(level));

        private bool TryGet<T>(LocalResults<T> results, ISymbol key, out T value)
            where T : class
        {
            if (results.TryGet(key, out var entry) && entry.DependsOn < _levels.Count)
            {
                if (_levels.Count > 0)
                {
                    NoteDependency(entry.DependsOn);
                }

                Replay(entry.Reads);
                value = entry.Value;
                return true;
            }

            value = null!;
            return false;
        }

        /// <summary>Results that rest on provisional values: each with the lowest level it rests on and the reads it made there.</summary>
        private sealed class LocalResults<T>
            where T : class
        {
            private readonly Dictionary<ISymbol, (T Value, int DependsOn, List<(int Level, ISymbol Target)> Reads)> _entries = new Dictionary<ISymbol, (T, int, List<(int, ISymbol)>)>(SymbolEqualityComparer.Default);

            public bool Has(ISymbol key) => _entries.ContainsKey(key);

            public bool TryGet(ISymbol key, out (T Value, int DependsOn, List<(int Level, ISymbol Target)> Reads) entry) => _entries.TryGetValue(key, out entry);

            public void Set(ISymbol key, T value, int dependsOn, List<(int Level, ISymbol Target)> reads) => _entries[key] = (value, dependsOn, reads);

            public void ClearFrom(int level)
            {
                List<ISymbol>? stale = null;
                foreach (var kv in _entries)
                {
                    if (kv.Value.DependsOn >= level)
                    {
                        (stale ??= new List<ISymbol>()).Add(kv.Key);
                    }
                }

                if (stale is not null)
                {
                    foreach (var k in stale)
                    {
                        _entries.Remove(k);
                    }
                }
            }
        }
    }
}
