using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>
    /// Source implementations and overrides of every interface and virtual method, built once per compilation on the first
    /// call through such a member, so that a call through <c>IForwarder.Forward</c> follows every body that can run.
    /// </summary>
    internal sealed class ImplementationIndex
    {
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _map = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);

        // An interface member implemented by a method a type inherits (class D : B, IDisposable with B.Dispose): the types
        // that select the method without declaring it, so that a receiver of type D still reaches B.Dispose.
        private readonly Dictionary<IMethodSymbol, List<INamedTypeSymbol>> _inheritedBy = new Dictionary<IMethodSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);

        // What a call through a member can run, per receiver type (null: any): asked at every call site of the member, and a
        // member with a thousand implementations must not cost a thousand at each of them.
        private readonly ConcurrentDictionary<(IMethodSymbol Target, ITypeSymbol? Receiver), IMethodSymbol[]> _candidates =
            new ConcurrentDictionary<(IMethodSymbol, ITypeSymbol?), IMethodSymbol[]>(new TargetReceiverComparer());

        private readonly ConcurrentDictionary<IMethodSymbol, DispatchParts> _dispatchParts = new ConcurrentDictionary<IMethodSymbol, DispatchParts>(SymbolEqualityComparer.Default);

        private readonly IAssemblySymbol _assembly;

        /// <summary>
        /// The index of <paramref name="engine"/>'s compilation: recalled from the last compilation with the same declarations
        /// (it depends on them alone: types, their members and what they implement or override) when its members all came
        /// back from their IDs, else built by visiting every type and kept for the next compilation.
        /// </summary>
        public static ImplementationIndex For(FlowEngine engine, CancellationToken cancellationToken)
        {
            var epoch = engine.DeclarationDigest(cancellationToken);
            if (engine.TreeScans.Implementations(engine.Compilation, epoch) is { } kept)
            {
                return new ImplementationIndex(engine, kept);
            }

            var index = new ImplementationIndex(engine.Compilation);
            if (index.Keep(engine) is { } snapshot)
            {
                engine.TreeScans.KeepImplementations(engine.Compilation, epoch, snapshot);
            }

            return index;
        }

        private ImplementationIndex(FlowEngine engine, Kept kept)
        {
            _assembly = engine.Compilation.Assembly;
            _engine = engine;
            _kept = kept;
        }

        /// <summary>The index as documentation IDs, or null when one of its members does not come back from its ID.</summary>
        private Kept? Keep(FlowEngine engine)
        {
            var implementations = new Dictionary<string, string[]>(_map.Count, System.StringComparer.Ordinal);
            foreach (var entry in _map)
            {
                if (engine.IdOf(entry.Key) is not { } key || Ids(engine, entry.Value) is not { } values)
                {
                    return null;
                }

                implementations[key] = values;
            }

            var inheritedBy = new Dictionary<string, string[]>(_inheritedBy.Count, System.StringComparer.Ordinal);
            foreach (var entry in _inheritedBy)
            {
                if (engine.IdOf(entry.Key) is not { } key || Ids(engine, entry.Value) is not { } values)
                {
                    return null;
                }

                inheritedBy[key] = values;
            }

            return new Kept(implementations, inheritedBy);
        }

        private static string[]? Ids<T>(FlowEngine engine, List<T> symbols)
            where T : ISymbol
        {
            var ids = new string[symbols.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                if (engine.IdOf(symbols[i]) is not { } id)
                {
                    return null;
                }

                ids[i] = id;
            }

            return ids;
        }

        /// <summary>What an index held, by documentation IDs, for the compilations with the declarations it was built from.</summary>
        internal sealed class Kept
        {
            public Kept(Dictionary<string, string[]> implementations, Dictionary<string, string[]> inheritedBy)
            {
                Implementations = implementations;
                InheritedBy = inheritedBy;
            }

            public Dictionary<string, string[]> Implementations { get; }

            public Dictionary<string, string[]> InheritedBy { get; }
        }

        /// <summary>Whether this index was recalled from an earlier compilation with the same declarations (not built by visiting every type).</summary>
        public bool IsRecalled => _kept is not null;

        private readonly FlowEngine? _engine;
        private readonly Kept? _kept;
        private ImplementationIndex? _visited;
        private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IMethodSymbol>> _recalled = new ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IMethodSymbol>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, List<INamedTypeSymbol>?> _recalledInheritors = new ConcurrentDictionary<IMethodSymbol, List<INamedTypeSymbol>?>(SymbolEqualityComparer.Default);

        /// <summary>The index built by visiting every type, when a recalled one cannot answer (a member whose ID does not bring it back).</summary>
        private ImplementationIndex Visited
        {
            get
            {
                var visited = System.Threading.Volatile.Read(ref _visited);
                if (visited is null)
                {
                    System.Threading.Interlocked.CompareExchange(ref _visited, new ImplementationIndex(_engine!.Compilation), null);
                    visited = _visited!;
                }

                return visited;
            }
        }

        /// <summary>Symbols of this compilation for <paramref name="ids"/>, or null when one does not come back.</summary>
        private List<T>? Recall<T>(string[] ids)
            where T : class, ISymbol
        {
            var symbols = new List<T>(ids.Length);
            foreach (var id in ids)
            {
                if (_engine!.FromId(id) is not T symbol)
                {
                    return null;
                }

                symbols.Add(symbol);
            }

            return symbols;
        }

        private List<INamedTypeSymbol>? InheritorsOf(IMethodSymbol implementation)
        {
            var key = implementation.OriginalDefinition;
            if (_kept is null)
            {
                return _inheritedBy.TryGetValue(key, out var types) ? types : null;
            }

            if (_recalledInheritors.TryGetValue(key, out var known))
            {
                return known;
            }

            if (_engine!.IdOf(key) is not { } id)
            {
                return Visited.InheritorsOf(implementation);
            }

            if (!_kept.InheritedBy.TryGetValue(id, out var ids))
            {
                return _recalledInheritors.GetOrAdd(key, (List<INamedTypeSymbol>?)null);
            }

            return Recall<INamedTypeSymbol>(ids) is { } recalled ? _recalledInheritors.GetOrAdd(key, recalled) : Visited.InheritorsOf(implementation);
        }

        public ImplementationIndex(Compilation compilation)
        {
            _assembly = compilation.Assembly;
            Visit(compilation.Assembly.GlobalNamespace);

            _added.Clear();

            // Source order, not declaration order (which follows the order of the compilation's documents).
            foreach (var list in _map.Values)
            {
                list.Sort((a, b) => FlowEngine.CompareKeys(FlowEngine.StableKey(a), FlowEngine.StableKey(b)));
            }
        }

        public IReadOnlyList<IMethodSymbol> Of(IMethodSymbol method)
        {
            var key = method.OriginalDefinition;
            if (_kept is null)
            {
                return _map.TryGetValue(key, out var list) ? list : (IReadOnlyList<IMethodSymbol>)System.Array.Empty<IMethodSymbol>();
            }

            if (_recalled.TryGetValue(key, out var known))
            {
                return known;
            }

            if (_engine!.IdOf(key) is not { } id)
            {
                return Visited.Of(method);
            }

            if (!_kept.Implementations.TryGetValue(id, out var ids))
            {
                return _recalled.GetOrAdd(key, System.Array.Empty<IMethodSymbol>());
            }

            return Recall<IMethodSymbol>(ids) is { } recalled ? _recalled.GetOrAdd(key, recalled) : Visited.Of(method);
        }

        /// <summary>Whether the method has a body in this compilation's own source, which the engine can interpret.</summary>
        public static bool HasSourceBody(IMethodSymbol method, IAssemblySymbol assembly)
            => !method.IsAbstract && !method.IsExtern && method.DeclaringSyntaxReferences.Length > 0 && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly);

        /// <summary>
        /// The bodies a call through <paramref name="target"/> (a virtual, abstract, override or interface member) can run when
        /// its receiver's static type is <paramref name="receiver"/> (null: any receiver): the target's own body when it has
        /// one and may run for the receiver, then every implementation that may (<see cref="MayRunFor"/>), in source order.
        /// Memoized per target and receiver type.
        /// </summary>
        public IReadOnlyList<IMethodSymbol> Candidates(IMethodSymbol target, ITypeSymbol? receiver)
        {
            if (_candidates.TryGetValue((target, receiver), out var known))
            {
                return known;
            }

            var list = new List<IMethodSymbol>(2);
            if (HasSourceBody(target, _assembly) && (receiver is null || MayRunFor(target, receiver)))
            {
                list.Add(target);
            }

            // A call through IHandler<string> runs the implementations of IHandler<string>, not those of IHandler<int>.
            var construction = target.ContainingType is { IsGenericType: true } generic && IsClosed(generic) ? generic : null;
            foreach (var impl in Of(target))
            {
                if (list.Count > 0 && SymbolEqualityComparer.Default.Equals(list[0], impl))
                {
                    continue;
                }

                if ((receiver is null || MayRunFor(impl, receiver)) && (construction is null || MayImplement(impl, construction) && ImplementsThere(impl, target, construction)))
                {
                    list.Add(impl);
                }
            }

            return _candidates.GetOrAdd((target, receiver), list.ToArray());
        }

        /// <summary>
        /// A call through a member with many implementations, split once: the bodies whose summaries are merged, and the
        /// names of the auto-properties among them, whose value is the receiver's member of that name.
        /// </summary>
        public DispatchParts Dispatch(IMethodSymbol target)
        {
            if (_dispatchParts.TryGetValue(target, out var known))
            {
                return known;
            }

            var bodies = new List<IMethodSymbol>();
            var autoMembers = new List<string>();
            foreach (var callee in Candidates(target, null))
            {
                if (callee.MethodKind == MethodKind.PropertyGet && callee.AssociatedSymbol is IPropertySymbol auto && IsAutoAccessor(callee))
                {
                    if (!autoMembers.Contains(auto.Name))
                    {
                        autoMembers.Add(auto.Name);
                    }
                }
                else
                {
                    bodies.Add(callee);
                }
            }

            return _dispatchParts.GetOrAdd(target, new DispatchParts(bodies, autoMembers.ToArray()));
        }

        /// <summary>Whether an accessor is an auto-property's or the compiler's (no body of its own: the value is the backing field).</summary>
        public static bool IsAutoAccessor(IMethodSymbol accessor)
        {
            foreach (var r in accessor.DeclaringSyntaxReferences)
            {
                if (r.GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null })
                {
                    return true;
                }
            }

            return accessor.DeclaringSyntaxReferences.Length == 0 || accessor.IsImplicitlyDeclared;
        }

        private sealed class TargetReceiverComparer : IEqualityComparer<(IMethodSymbol Target, ITypeSymbol? Receiver)>
        {
            public bool Equals((IMethodSymbol Target, ITypeSymbol? Receiver) x, (IMethodSymbol Target, ITypeSymbol? Receiver) y)
                => SymbolEqualityComparer.Default.Equals(x.Target, y.Target) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver);

            public int GetHashCode((IMethodSymbol Target, ITypeSymbol? Receiver) obj)
                => (SymbolEqualityComparer.Default.GetHashCode(obj.Target) * 397) ^ (obj.Receiver is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(obj.Receiver));
        }

        /// <summary>
        /// Whether <paramref name="implementation"/> (of the generic definition of <paramref name="construction"/>'s member) can
        /// run for a receiver of that construction: its type, or a type that inherits it, is that construction or derives from
        /// it exactly (<c>FareRelay : IHandler&lt;int&gt;</c> never runs for <c>IHandler&lt;string&gt;</c>). A generic type may be
        /// constructed to match, so it always can.
        /// </summary>
        /// <summary>
        /// A class implementing two constructions of one generic interface (<c>IHandler&lt;Order&gt;</c> and
        /// <c>IHandler&lt;Customer&gt;</c>) has a member for each: a call through one construction runs the member that implements
        /// that construction's member, not the other. Undecided (a generic class, an implementation found another way): true.
        /// </summary>
        private static bool ImplementsThere(IMethodSymbol implementation, IMethodSymbol target, INamedTypeSymbol construction)
        {
            if (construction.TypeKind != TypeKind.Interface || implementation.ContainingType is not { IsGenericType: false } declaring)
            {
                return true;
            }

            foreach (var member in construction.GetMembers(target.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, target.OriginalDefinition)
                    && FindImplementation(declaring, member) is IMethodSymbol chosen)
                {
                    return SymbolEqualityComparer.Default.Equals(chosen.OriginalDefinition, implementation.OriginalDefinition);
                }
            }

            return true;
        }

        private bool MayImplement(IMethodSymbol implementation, INamedTypeSymbol construction)
        {
            if (implementation.ContainingType is not { } declaring || IsExactly(declaring, construction))
            {
                return true;
            }

            if (InheritorsOf(implementation) is { } types)
            {
                foreach (var type in types)
                {
                    if (IsExactly(type, construction))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsExactly(INamedTypeSymbol type, INamedTypeSymbol construction)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.IsGenericType)
                {
                    return true;
                }
            }

            return IsOrInherits(type, construction) || ImplementsVariantly(type, construction);
        }

        /// <summary>
        /// Whether <paramref name="type"/> implements an interface convertible to <paramref name="construction"/> by variance: a
        /// class implementing <c>INotifier&lt;object&gt;</c> is an <c>INotifier&lt;string&gt;</c> when <c>T</c> is <c>in</c>.
        /// </summary>
        internal static bool ImplementsVariantly(ITypeSymbol type, INamedTypeSymbol construction)
        {
            if (construction.TypeKind != TypeKind.Interface)
            {
                return false;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (IsVariantlyConvertible(i, construction))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsVariantlyConvertible(INamedTypeSymbol from, INamedTypeSymbol to)
        {
            if (!SymbolEqualityComparer.Default.Equals(from.OriginalDefinition, to.OriginalDefinition) || from.TypeArguments.Length != to.TypeArguments.Length)
            {
                return false;
            }

            var parameters = from.OriginalDefinition.TypeParameters;
            for (var k = 0; k < from.TypeArguments.Length; k++)
            {
                var a = from.TypeArguments[k];
                var b = to.TypeArguments[k];
                var ok = parameters[k].Variance switch
                {
                    VarianceKind.In => b.IsReferenceType && IsOrInherits(b, a),
                    VarianceKind.Out => a.IsReferenceType && IsOrInherits(a, b),
                    _ => SymbolEqualityComparer.Default.Equals(a, b),
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether <paramref name="type"/> is <paramref name="target"/>, derives from it or implements it, constructed types
        /// compared as constructed (<c>List&lt;string&gt;</c> implements <c>IList&lt;string&gt;</c>, not <c>IList&lt;int&gt;</c>).
        /// </summary>
        internal static bool IsOrInherits(ITypeSymbol type, ITypeSymbol target)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, target))
                {
                    return true;
                }
            }

            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A constructed type whose type arguments name no type parameter (<c>IMapper&lt;Patient, ReferralDto&gt;</c>).</summary>
        private static bool IsClosed(ITypeSymbol type) => type switch
        {
            ITypeParameterSymbol => false,
            IArrayTypeSymbol array => IsClosed(array.ElementType),
            INamedTypeSymbol { IsUnboundGenericType: true } => false,
            INamedTypeSymbol named => named.TypeArguments.All(IsClosed) && (named.ContainingType is null || IsClosed(named.ContainingType)),
            _ => true,
        };

        /// <summary>
        /// Whether <paramref name="implementation"/> (from <see cref="Of"/>) can be the body that runs when the receiver's
        /// static type is <paramref name="receiver"/> (Reading 1: the receiver's known type chooses the implementations).
        /// It can when its type and the receiver's are related: the receiver may be an instance of its type or of a type
        /// derived from it, or of a type that inherits it as an interface's implementation. Unrelated types never meet:
        /// <c>stream.Dispose()</c> on a library stream does not run the application's own <c>Dispose</c> methods.
        /// </summary>
        public bool MayRunFor(IMethodSymbol implementation, ITypeSymbol receiver)
        {
            if (receiver is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error || named.SpecialType == SpecialType.System_Object)
            {
                return true;
            }

            if (implementation.ContainingType is not { } declaring)
            {
                return true;
            }

            if (Related(declaring, named))
            {
                return true;
            }

            if (InheritorsOf(implementation) is { } types)
            {
                foreach (var type in types)
                {
                    if (IsSubtype(type, named))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The body that runs for a receiver whose exact type is known (an object just created), or null when not found.</summary>
        public static IMethodSymbol? RunsOn(IMethodSymbol target, INamedTypeSymbol exact)
        {
            if (target.ContainingType?.TypeKind == TypeKind.Interface)
            {
                if ((FindImplementation(exact, target.OriginalDefinition) ?? FindImplementation(exact, target)) is IMethodSymbol direct)
                {
                    return direct;
                }

                // Through variance (`INotifier<string> n = new PartnerNotifier()` where it implements INotifier<object>): the
                // member of the interface it does implement.
                foreach (var i in exact.AllInterfaces)
                {
                    if (IsVariantlyConvertible(i, target.ContainingType))
                    {
                        foreach (var member in i.GetMembers(target.Name))
                        {
                            if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, target.OriginalDefinition) && FindImplementation(exact, member) is IMethodSymbol viaVariance)
                            {
                                return viaVariance;
                            }
                        }
                    }
                }

                return null;
            }

            var original = target.OriginalDefinition;
            for (var type = exact; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(target.Name))
                {
                    if (member is not IMethodSymbol candidate || candidate.IsAbstract)
                    {
                        continue;
                    }

                    for (var m = candidate; m is not null; m = m.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, original))
                        {
                            return candidate;
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// <see cref="ITypeSymbol.FindImplementationForInterfaceMember"/>, or null where the compiler cannot answer (it throws
        /// for some constructed generic members and for broken code): an analyzer must not fail on what the compiler cannot say.
        /// </summary>
        internal static ISymbol? FindImplementation(ITypeSymbol type, ISymbol interfaceMember)
        {
            try
            {
                return type.FindImplementationForInterfaceMember(interfaceMember);
            }
            catch (System.InvalidOperationException)
            {
                return null;
            }
            catch (System.ArgumentException)
            {
                return null;
            }
        }

        private static bool Related(INamedTypeSymbol a, INamedTypeSymbol b) => IsSubtype(a, b) || IsSubtype(b, a);

        private static bool IsSubtype(INamedTypeSymbol type, INamedTypeSymbol of)
        {
            var target = of.OriginalDefinition;
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, target))
                {
                    return true;
                }
            }

            if (of.TypeKind == TypeKind.Interface)
            {
                foreach (var iface in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, target))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void Visit(INamespaceSymbol ns)
        {
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    Visit(child);
                }
                else if (member is INamedTypeSymbol type)
                {
                    Visit(type);
                }
            }
        }

        private void Visit(INamedTypeSymbol type)
        {
            foreach (var nested in type.GetTypeMembers())
            {
                Visit(nested);
            }

            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract && type.TypeKind != TypeKind.Class)
            {
                return;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol method || method.IsAbstract || method.IsStatic)
                {
                    continue;
                }

                for (var o = method.OverriddenMethod; o is not null; o = o.OverriddenMethod)
                {
                    Add(o, method);
                }
            }

            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers())
                {
                    // Static abstract and static virtual members too: `T.From(c)` through a type parameter runs the
                    // implementation of the type it is instantiated with.
                    // An abstract base method implementing it (class PartnerSink : SinkBase, SinkBase : ISink with an abstract
                    // Put) runs as the type's own override of it.
                    if (member is IMethodSymbol im && (!im.IsStatic || im.IsAbstract || im.IsVirtual) && FindImplementation(type, im) is IMethodSymbol found
                        && (found.IsAbstract ? OverrideIn(type, found) : found) is { IsAbstract: false } impl)
                    {
                        Add(im, impl);
                        if (!SymbolEqualityComparer.Default.Equals(impl.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                        {
                            var key = impl.OriginalDefinition;
                            if (!_inheritedBy.TryGetValue(key, out var types))
                            {
                                _inheritedBy[key] = types = new List<INamedTypeSymbol>();
                            }

                            types.Add(type);
                        }
                    }
                }
            }
        }

        /// <summary>The override of <paramref name="method"/> that runs for an object of <paramref name="type"/>, the most derived one.</summary>
        private static IMethodSymbol? OverrideIn(INamedTypeSymbol type, IMethodSymbol method)
        {
            var target = method.OriginalDefinition;
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var candidate in t.GetMembers(method.Name))
                {
                    for (var o = (candidate as IMethodSymbol)?.OverriddenMethod; o is not null; o = o.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(o.OriginalDefinition, target))
                        {
                            return (IMethodSymbol)candidate;
                        }
                    }
                }
            }

            return null;
        }

        private void Add(IMethodSymbol declared, IMethodSymbol implementation)
        {
            var key = declared.OriginalDefinition;
            if (!_map.TryGetValue(key, out var list))
            {
                _map[key] = list = new List<IMethodSymbol>();
            }

            // A set beside each list: a base with thousands of overrides must not cost a search of the list per override.
            var impl = implementation.OriginalDefinition;
            if (!_added.TryGetValue(key, out var added))
            {
                _added[key] = added = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            }

            if (added.Add(impl))
            {
                list.Add(impl);
            }
        }

        private readonly Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> _added = new Dictionary<IMethodSymbol, HashSet<IMethodSymbol>>(SymbolEqualityComparer.Default);
    }

    /// <summary>
    /// Where the compilation writes each field and property, found by a syntax-only scan keyed by the member's name and
    /// resolved to the writing method's own analysis (its <see cref="MethodAnalysis.MemberWrites"/>). This is the
    /// flow-insensitive half of the heap model: identity stored in a field by one method is seen when another reads it.
    /// </summary>
    internal sealed class MemberWriteIndex
    {
        private readonly FlowEngine _engine;
        private readonly Dictionary<string, List<SyntaxNode>> _writersByName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, List<SyntaxNode>> _callersByName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ISymbol, AbstractValue> _values = new ConcurrentDictionary<ISymbol, AbstractValue>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, List<SyntaxNode>> _writers = new ConcurrentDictionary<ISymbol, List<SyntaxNode>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, ResolvedWriters> _resolved = new ConcurrentDictionary<string, ResolvedWriters>(System.StringComparer.Ordinal);

        public MemberWriteIndex(FlowEngine engine)
        {
            _engine = engine;

            // Trees in path order, so that writers and callers are visited (and capped) the same way whatever order the
            // compilation lists its documents in.
            foreach (var tree in System.Linq.Enumerable.OrderBy(engine.Compilation.SyntaxTrees, t => t.FilePath ?? string.Empty, System.StringComparer.Ordinal))
            {
                engine.TreeScans.Of(tree).MergeInto(this);
            }

            // A collection member handed to a call (`Collect.Into(_recipients, c)`, `Array.Copy(_slots, _export, n)`) may be
            // filled there: the caller writes it. Only names declared somewhere with a collection's type, so that every
            // method handing on a logger or an option is not made a writer of it (Resolve binds and checks the rest).
            foreach (var (name, owner) in _handedArguments)
            {
                if (!_handedByName.TryGetValue(name, out var handedBy))
                {
                    _handedByName[name] = handedBy = new List<SyntaxNode>();
                }

                if (handedBy.Count == 0 || !ReferenceEquals(handedBy[handedBy.Count - 1], owner))
                {
                    handedBy.Add(owner);
                }

                if (_collectionMembers.Contains(name))
                {
                    AddWriter(name, owner);
                }
            }

            // A store through a call that returns by ref (`last.Slot() = email`, or a ref local bound to one) writes what the
            // method returns: its owner is a writer of those members (Resolve binds the call and checks the rest).
            if (_refCallers.Count > 0 && _refReturns.Count > 0)
            {
                var returnedBy = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
                foreach (var (method, member) in _refReturns)
                {
                    if (!returnedBy.TryGetValue(method, out var members))
                    {
                        returnedBy[method] = members = new List<string>();
                    }

                    if (!members.Contains(member))
                    {
                        members.Add(member);
                    }
                }

                foreach (var (called, owner) in _refCallers)
                {
                    if (!returnedBy.TryGetValue(called, out var members))
                    {
                        continue;
                    }

                    foreach (var member in members)
                    {
                        AddWriter(member, owner);
                    }
                }
            }
        }

        /// <summary>Makes <paramref name="owner"/> a writer of the name, once; a list still borrowed from a tree is copied first.</summary>
        private void AddWriter(string name, SyntaxNode owner)
        {
            if (!_writersByName.TryGetValue(name, out var list))
            {
                _writersByName[name] = list = new List<SyntaxNode>();
            }

            if (!list.Contains(owner))
            {
                if (_borrowed.Remove(list))
                {
                    _writersByName[name] = list = new List<SyntaxNode>(list);
                }

                list.Add(owner);
            }
        }

        private readonly HashSet<string> _collectionMembers = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>Lists of the name indexes that are still a tree's own (see <see cref="TreeWrites"/>): copied before any change.</summary>
        private readonly HashSet<List<SyntaxNode>> _borrowed = new HashSet<List<SyntaxNode>>();
        private readonly List<(string Name, SyntaxNode Owner)> _handedArguments = new List<(string Name, SyntaxNode Owner)>();
        private readonly List<(string Called, SyntaxNode Owner)> _refCallers = new List<(string Called, SyntaxNode Owner)>();
        private readonly List<(string Method, string Member)> _refReturns = new List<(string Method, string Member)>();

        /// <summary>The owners of the calls a name is handed to as an argument (<see cref="_handedArguments"/>), by the name.</summary>
        private readonly Dictionary<string, List<SyntaxNode>> _handedByName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _handedOn = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Whether a method of the program is handed on as a method group to a method of the program
        /// (<c>bus.Subscribe&lt;Joined&gt;(welcome.OnJoinedAsync)</c>, <c>pipeline.Use(audience.InvokeAsync)</c>): what calls it then
        /// is the delegate kept there, out of sight, with objects made elsewhere (Reading 4). A method group handed to a library
        /// (<c>phones.ForEach(SendOne)</c>) is not: the library model hands it what the library passes. Found once per method.
        /// </summary>
        public bool IsHandedOn(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (key.MethodKind != MethodKind.Ordinary || !_handedByName.TryGetValue(key.Name, out var owners))
            {
                return false;
            }

            if (_handedOn.TryGetValue(key, out var known))
            {
                return known;
            }

            var answer = false;
            foreach (var owner in owners)
            {
                foreach (var node in owner.DescendantNodes())
                {
                    if (node is ArgumentSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax } argument && RightmostName(argument.Expression) == key.Name
                        && _engine.GetModel(owner.SyntaxTree).GetOperation(argument, cancellationToken) is IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol handedTo } handed
                        && _engine.IsOwn(handedTo) && !handedTo.DeclaringSyntaxReferences.IsEmpty
                        && HandedMethod(handed.Value) is { } reference && SymbolEqualityComparer.Default.Equals(reference.OriginalDefinition, key))
                    {
                        answer = true;
                        break;
                    }
                }

                if (answer)
                {
                    break;
                }
            }

            return _handedOn.GetOrAdd(key, answer);
        }

        private static IMethodSymbol? HandedMethod(IOperation value)
        {
            while (value is IConversionOperation or IDelegateCreationOperation)
            {
                value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
            }

            return (value as IMethodReferenceOperation)?.Method;
        }

        private static readonly HashSet<string> CollectionTypeNames = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "List", "IList", "ICollection", "Collection", "ObservableCollection", "Dictionary", "IDictionary", "ConcurrentDictionary",
            "SortedDictionary", "SortedList", "Queue", "ConcurrentQueue", "Stack", "ConcurrentStack", "ConcurrentBag", "BlockingCollection",
            "HashSet", "ISet", "SortedSet", "LinkedList", "PriorityQueue", "Channel", "StringBuilder", "ArrayList", "Hashtable",
        };

        /// <summary>Whether a declared type reads as a collection that a call can fill (an array, a list, a dictionary, a queue, a builder).</summary>
        private static bool LooksLikeCollection(TypeSyntax type) => type switch
        {
            ArrayTypeSyntax => true,
            NullableTypeSyntax nullable => LooksLikeCollection(nullable.ElementType),
            QualifiedNameSyntax qualified => LooksLikeCollection(qualified.Right),
            AliasQualifiedNameSyntax alias => LooksLikeCollection(alias.Name),
            SimpleNameSyntax simple => CollectionTypeNames.Contains(simple.Identifier.ValueText),
            _ => false,
        };

        /// <summary>
        /// What one syntax tree contributes to the index: its writers and callers by name, the collection members it declares,
        /// the members it hands to calls and its constructors' stores. Read off the syntax alone, so it holds for any
        /// compilation that has the tree: a forked compilation (a keystroke in another document) reuses it (<see cref="TreeScans"/>).
        /// Never changed after the scan; the index copies what it merges.
        /// </summary>
        internal sealed class TreeWrites
        {
            private readonly Dictionary<string, List<SyntaxNode>> _writersByName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
            private readonly Dictionary<string, List<SyntaxNode>> _callersByName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
            private readonly List<string> _collectionMembers = new List<string>();
            private readonly List<(string Name, SyntaxNode Owner)> _handedArguments = new List<(string Name, SyntaxNode Owner)>();
            private readonly List<AssignmentExpressionSyntax> _constructorStores = new List<AssignmentExpressionSyntax>();
            private readonly List<(string Called, SyntaxNode Owner)> _refCallers = new List<(string Called, SyntaxNode Owner)>();
            private readonly List<(string Method, string Member)> _refReturns = new List<(string Method, string Member)>();

            private readonly TreeScans _scans;

            private TreeWrites(TreeScans scans) => _scans = scans;

            public static TreeWrites Of(SyntaxTree tree, TreeScans scans)
            {
                var writes = new TreeWrites(scans);
                writes.Scan(tree.GetRoot());
                return writes;
            }

            public void MergeInto(MemberWriteIndex index)
            {
                Merge(_writersByName, index._writersByName, index._borrowed);
                Merge(_callersByName, index._callersByName, index._borrowed);
                index._collectionMembers.UnionWith(_collectionMembers);
                index._handedArguments.AddRange(_handedArguments);
                index._constructorStores.AddRange(_constructorStores);
                index._refCallers.AddRange(_refCallers);
                index._refReturns.AddRange(_refReturns);
            }

            /// <summary>
            /// A name only one tree has keeps that tree's own list (most names: a member is written in its own file), never
            /// changed; a second tree's entries go into a copy (<paramref name="borrowed"/> holds the lists not yet copied).
            /// </summary>
            private static void Merge(Dictionary<string, List<SyntaxNode>> from, Dictionary<string, List<SyntaxNode>> into, HashSet<List<SyntaxNode>> borrowed)
            {
                foreach (var kv in from)
                {
                    if (into.TryGetValue(kv.Key, out var list))
                    {
                        if (borrowed.Remove(list))
                        {
                            var copy = new List<SyntaxNode>(list.Count + kv.Value.Count);
                            copy.AddRange(list);
                            into[kv.Key] = list = copy;
                        }

                        list.AddRange(kv.Value);
                    }
                    else
                    {
                        into[kv.Key] = kv.Value;
                        borrowed.Add(kv.Value);
                    }
                }
            }

            /// <summary>One pass over the tree that knows, at every node, which member declaration owns it (no ancestor walks).</summary>
            private void Scan(SyntaxNode root)
            {
                var stack = new Stack<(SyntaxNode Node, SyntaxNode? Owner)>();
                stack.Push((root, null));
                while (stack.Count > 0)
                {
                    var (node, owner) = stack.Pop();
                    if (node is BaseFieldDeclarationSyntax fieldDeclaration && LooksLikeCollection(fieldDeclaration.Declaration.Type))
                    {
                        foreach (var variable in fieldDeclaration.Declaration.Variables)
                        {
                            _collectionMembers.Add(variable.Identifier.ValueText);
                        }
                    }
                    else if (node is PropertyDeclarationSyntax propertyDeclaration && LooksLikeCollection(propertyDeclaration.Type))
                    {
                        _collectionMembers.Add(propertyDeclaration.Identifier.ValueText);
                    }

                    if (node is MethodDeclarationSyntax { ReturnType: RefTypeSyntax { ReadOnlyKeyword.RawKind: (int)SyntaxKind.None } } refMethod)
                    {
                        // `ref string Slot() => ref _value;`: a store through a call of it is a store into `_value`.
                        foreach (var returned in ReturnedByRef(refMethod))
                        {
                            _refReturns.Add((refMethod.Identifier.ValueText, returned));
                        }
                    }

                    switch (node)
                    {
                        case BaseMethodDeclarationSyntax:
                        case AccessorDeclarationSyntax:
                        case ArrowExpressionClauseSyntax when node.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax:
                            owner = node;
                            break;
                        case GlobalStatementSyntax:
                            owner = node.Parent;
                            break;
                        case PrimaryConstructorBaseTypeSyntax primaryBase when primaryBase.Parent?.Parent is TypeDeclarationSyntax { ParameterList: not null }:
                            // `class SmsChannel(string phone) : Channel(phone)`: the primary constructor calls the base's, and what it
                            // passes is written there. The base-list entry stands for that constructor's body.
                            owner = node;
                            if (CalledName(primaryBase.Type) is { } baseName)
                            {
                                Add(_callersByName, baseName, owner);
                            }

                            break;
                        case VariableDeclaratorSyntax declarator when declarator.Initializer is not null && declarator.Parent?.Parent is BaseFieldDeclarationSyntax:
                            owner = node;
                            Add(_writersByName, declarator.Identifier.ValueText, node);
                            break;
                        case PropertyDeclarationSyntax property when property.Initializer is not null:
                            Add(_writersByName, property.Identifier.ValueText, node);
                            break;
                        case EqualsValueClauseSyntax when node.Parent is PropertyDeclarationSyntax:
                            owner = node.Parent;
                            break;
                        case AssignmentExpressionSyntax { Left: InvocationExpressionSyntax refCall } when owner is not null:
                            // `last.Slot() = email`: a store into what the method returns by ref (resolved when the index is built).
                            if (CalledName(refCall.Expression) is { } refCalled)
                            {
                                _refCallers.Add((refCalled, owner));
                            }

                            break;
                        case RefExpressionSyntax reference when owner is not null:
                            // `ref var s = ref last.Slot();`, `ref var s = ref _value;`: a store into the ref local is a store there.
                            if (reference.Expression is InvocationExpressionSyntax { Expression: var boundCall } && CalledName(boundCall) is { } boundCalled)
                            {
                                _refCallers.Add((boundCalled, owner));
                            }
                            else
                            {
                                foreach (var referenced in RefNames(reference.Expression))
                                {
                                    Add(_writersByName, referenced, owner);
                                }
                            }

                            break;
                        case AssignmentExpressionSyntax assignment when owner is not null:
                            if (SetterName(assignment.Left) is { } setter)
                            {
                                // `book["p"] = email`, `card.Contact = email`: a call of the setter when it has a body.
                                Add(_callersByName, setter, owner);
                            }

                            if (AdderName(assignment) is { } adder)
                            {
                                // `dialer.Dialed += handler`: a call of the event's `add` accessor when it has one of its own.
                                Add(_callersByName, adder, owner);
                            }

                            if (RightmostName(assignment.Left) is { } written)
                            {
                                Add(_writersByName, written, owner);
                                if (owner is ConstructorDeclarationSyntax && (assignment.Right is IdentifierNameSyntax || IsChannelEnd(assignment.Right)))
                                {
                                    // `_queue = queue`: perhaps a collection handed in by whoever builds the object (see Aliases);
                                    // `_writer = channel.Writer`: one end of a channel handed in.
                                    _constructorStores.Add(assignment);
                                }
                            }

                            // _map[key] = v, _current.Value = v: the member the element or value belongs to is written too.
                            foreach (var holder in HolderNames(assignment.Left))
                            {
                                Add(_writersByName, holder, owner);
                            }

                            break;
                        case InvocationExpressionSyntax invocation when owner is not null:
                            foreach (var argument in invocation.ArgumentList.Arguments)
                            {
                                if (IsWrittenByCall(argument) && RightmostName(argument.Expression) is { } passed)
                                {
                                    // `Interlocked.Exchange(ref _last, imsi)`, `TryParse(text, out _count)`: the call may write it.
                                    Add(_writersByName, passed, owner);
                                }
                                else if (argument.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax && RightmostName(argument.Expression) is { } handed)
                                {
                                    _handedArguments.Add((handed, owner));
                                }
                            }

                            if (CalledName(invocation.Expression) is { } called)
                            {
                                Add(_callersByName, called, owner);
                                if (FilledHolder(invocation) is { } filled && IsFillingCall(called))
                                {
                                    // _items.Add(x), _queue.Enqueue(x), _channel.Writer.TryWrite(x): a write to the collection (Reading 5).
                                    foreach (var holder in ChainNames(filled))
                                    {
                                        Add(_writersByName, holder, owner);
                                    }
                                }
                            }

                            break;
                        case ObjectCreationExpressionSyntax creation when owner is not null:
                            if (CalledName(creation.Type) is { } created)
                            {
                                Add(_callersByName, created, owner);
                            }

                            break;
                        case InitializerExpressionSyntax collection when owner is not null && collection.IsKind(SyntaxKind.CollectionInitializerExpression):
                            // `new NumberBatch { s.Msisdn }`: each element is a call of the collection's Add.
                            Add(_callersByName, "Add", owner);
                            break;
                        case ConstructorInitializerSyntax initializer when owner is not null:
                            if (InitializerName(initializer) is { } constructed)
                            {
                                // `: base(r.Phone)`: the derived constructor calls the base's, and what it passes is written there.
                                Add(_callersByName, constructed, owner);
                            }

                            break;
                    }

                    foreach (var child in node.ChildNodes())
                    {
                        stack.Push((child, owner));
                    }
                }
            }

            // What one writer or caller of the index holds, by name, read off its syntax the first time a compilation asks
            // and kept with the tree: a keystroke in another document asks again, and finds it. Keyed by the owner nodes
            // this scan put in the index, which the scan itself keeps alive (so their identity holds across compilations).
            private readonly ConcurrentDictionary<SyntaxNode, Dictionary<string, List<SyntaxNode>>> _sitesByCaller = new ConcurrentDictionary<SyntaxNode, Dictionary<string, List<SyntaxNode>>>();
            private readonly ConcurrentDictionary<SyntaxNode, Dictionary<string, List<WriteStep>>> _stepsByOwner = new ConcurrentDictionary<SyntaxNode, Dictionary<string, List<WriteStep>>>();

            /// <summary>How many writers of <paramref name="name"/> this tree's scan found (the index must never add to them).</summary>
            internal int WritersNamed(string name) => _writersByName.TryGetValue(name, out var list) ? list.Count : 0;

            /// <summary>The calls, creations, setter and adder uses in <paramref name="caller"/>, by the name they call, in document order.</summary>
            public Dictionary<string, List<SyntaxNode>> SitesIn(SyntaxNode caller, CancellationToken cancellationToken)
                => _sitesByCaller.TryGetValue(caller, out var known) ? known : _sitesByCaller.GetOrAdd(caller, FindSites(caller, _scans, cancellationToken));

            /// <summary>The expressions in <paramref name="owner"/> that may write a member, by the member's name, in document order (see <see cref="Resolve"/>).</summary>
            public Dictionary<string, List<WriteStep>> StepsIn(SyntaxNode owner, CancellationToken cancellationToken)
                => _stepsByOwner.TryGetValue(owner, out var known) ? known : _stepsByOwner.GetOrAdd(owner, FindSteps(owner, _scans, cancellationToken));

            private static List<T> Named<T>(Dictionary<string, List<T>> byName, string name)
            {
                if (!byName.TryGetValue(name, out var list))
                {
                    byName[name] = list = new List<T>();
                }

                return list;
            }

            private static Dictionary<string, List<SyntaxNode>> FindSites(SyntaxNode caller, TreeScans scans, CancellationToken cancellationToken)
            {
                scans.CountBodyWalk();
                var byName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
                foreach (var node in caller.DescendantNodesAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var calledName = node switch
                    {
                        InvocationExpressionSyntax invocation => CalledName(invocation.Expression),
                        ObjectCreationExpressionSyntax creation => CalledName(creation.Type),
                        ConstructorInitializerSyntax initializer => InitializerName(initializer),
                        PrimaryConstructorBaseTypeSyntax primaryBase => CalledName(primaryBase.Type),
                        AssignmentExpressionSyntax assignment => SetterName(assignment.Left),
                        _ => null,
                    };
                    if (calledName is not null)
                    {
                        // An assignment's site is its target, which binds to the property or indexer it sets.
                        Named(byName, calledName).Add(node is AssignmentExpressionSyntax set ? set.Left : node);
                    }

                    if (node is InitializerExpressionSyntax elements && elements.IsKind(SyntaxKind.CollectionInitializerExpression))
                    {
                        // Each element is its own call of Add (SiteTarget binds it as one).
                        Named(byName, "Add").AddRange(elements.Expressions);
                    }

                    if (node is AssignmentExpressionSyntax compound && AdderName(compound) is { } adder)
                    {
                        Named(byName, adder).Add(compound.Left);
                    }
                }

                return byName;
            }

            /// <summary>The key of the steps that may write a member of any name (a store through a call returning by ref).</summary>
            public const string AnyName = "";

            private static Dictionary<string, List<WriteStep>> FindSteps(SyntaxNode owner, TreeScans scans, CancellationToken cancellationToken)
            {
                scans.CountBodyWalk();

                // In document order, each under the name it may write, or none (AnyName) when only binding can tell.
                var found = new List<(string? Name, WriteStep Step)>();

                // Every part of a holder's chain that names a member (`_map`, `_state._map`), under that name.
                void Holders(ExpressionSyntax holder)
                {
                    var current = holder;
                    for (var i = 0; i < 3 && current is not null; i++)
                    {
                        if (RightmostName(current) is { } part)
                        {
                            found.Add((part, new WriteStep(WriteStepKind.Holder, current, null)));
                        }

                        current = NextInChain(current);
                    }
                }

                foreach (var node in owner.DescendantNodes())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (node is AssignmentExpressionSyntax assignment)
                    {
                        if (assignment.Left is InvocationExpressionSyntax storedThrough)
                        {
                            found.Add((null, new WriteStep(WriteStepKind.StoredThrough, storedThrough, null)));
                        }

                        if (RightmostName(assignment.Left) is { } written)
                        {
                            found.Add((written, new WriteStep(WriteStepKind.Assigned, assignment.Left, null)));
                        }

                        if (assignment.Left is ElementAccessExpressionSyntax or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" })
                        {
                            Holders(assignment.Left is ElementAccessExpressionSyntax ea ? ea.Expression : ((MemberAccessExpressionSyntax)assignment.Left).Expression);
                        }
                    }
                    else if (node is InvocationExpressionSyntax fill && FilledHolder(fill) is { } filled && CalledName(fill.Expression) is { } called && IsFillingCall(called))
                    {
                        Holders(filled);
                    }
                    else if (node is RefExpressionSyntax { Expression: InvocationExpressionSyntax boundCall })
                    {
                        // `ref var s = ref last.Slot();`: perhaps stored through later.
                        found.Add((null, new WriteStep(WriteStepKind.StoredThrough, boundCall, null)));
                    }
                    else if (node is RefExpressionSyntax { Expression: { } referenced })
                    {
                        // `ref var s = ref _value;`, `ref _slots[i]`: the ref local may be stored through.
                        if (referenced is ElementAccessExpressionSyntax element)
                        {
                            Holders(element.Expression);
                        }
                        else if (RightmostName(referenced) is { } named)
                        {
                            found.Add((named, new WriteStep(WriteStepKind.Assigned, referenced, null)));
                        }
                    }
                    else if (node is ArgumentSyntax { Expression: { } passed } argument && IsWrittenByCall(argument))
                    {
                        // Passed by `ref` or `out`: the call may store into it (`Interlocked.Exchange(ref _last, imsi)`).
                        if (RightmostName(passed) is { } stored)
                        {
                            found.Add((stored, new WriteStep(WriteStepKind.Assigned, passed, null)));
                        }
                    }
                    else if (node is ArgumentSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax } handed && node.Parent?.Parent is InvocationExpressionSyntax
                        && RightmostName(handed.Expression) is { } handedName)
                    {
                        // Whether the call may fill it needs the model: asked when the name is resolved.
                        found.Add((handedName, new WriteStep(WriteStepKind.Handed, handed.Expression, handed)));
                    }
                }

                // Each name's steps keep the name-independent ones in their place among them.
                var byName = new Dictionary<string, List<WriteStep>>(System.StringComparer.Ordinal);
                var anyName = new List<WriteStep>();
                foreach (var (name, _) in found)
                {
                    if (name is not null && !byName.ContainsKey(name))
                    {
                        byName[name] = new List<WriteStep>();
                    }
                }

                foreach (var (name, step) in found)
                {
                    if (name is not null)
                    {
                        byName[name].Add(step);
                        continue;
                    }

                    anyName.Add(step);
                    foreach (var list in byName.Values)
                    {
                        list.Add(step);
                    }
                }

                if (anyName.Count > 0)
                {
                    byName[AnyName] = anyName;
                }

                return byName;
            }
        }

        internal enum WriteStepKind
        {
            /// <summary>The expression is assigned, or passed by <c>ref</c> or <c>out</c>: its member is written.</summary>
            Assigned,

            /// <summary>The expression holds what is filled or stored into (<c>_items.Add(x)</c>, <c>_map[k] = v</c>): written when shared.</summary>
            Holder,

            /// <summary>The expression is handed to a call that may fill it, if the call's parameter can be filled.</summary>
            Handed,

            /// <summary>The expression is a call whose result, returned by <c>ref</c>, is stored into: the members it returns are written.</summary>
            StoredThrough,
        }

        /// <summary>One expression of a writer's body that may write the member its rightmost name names.</summary>
        internal readonly struct WriteStep
        {
            public WriteStep(WriteStepKind kind, ExpressionSyntax target, ArgumentSyntax? argument)
            {
                Kind = kind;
                Target = target;
                Argument = argument;
            }

            public WriteStepKind Kind { get; }

            public ExpressionSyntax Target { get; }

            public ArgumentSyntax? Argument { get; }
        }

        /// <summary>
        /// The receiver a call is made on by name: `_items` in `_items.Add(x)`, and `Trail.Value` in `Trail.Value?.Add(x)` (the
        /// expression a `?.` tested). Null for a call without a receiver.
        /// </summary>
        private static ExpressionSyntax? FilledHolder(InvocationExpressionSyntax invocation)
        {
            if (invocation.Expression is MemberAccessExpressionSyntax access)
            {
                return access.Expression;
            }

            if (invocation.Expression is MemberBindingExpressionSyntax)
            {
                for (var node = invocation.Parent; node is not null and not StatementSyntax; node = node.Parent)
                {
                    if (node is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(invocation.Span))
                    {
                        return conditional.Expression;
                    }
                }
            }

            return null;
        }

        private static void Add(Dictionary<string, List<SyntaxNode>> index, string name, SyntaxNode owner)
        {
            if (!index.TryGetValue(name, out var list))
            {
                index[name] = list = new List<SyntaxNode>();
            }

            if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], owner))
            {
                list.Add(owner);
            }
        }

        /// <summary>The name of the type whose constructor `: base(…)` or `: this(…)` calls (the first type of the base list, or the type itself).</summary>
        private static string? InitializerName(ConstructorInitializerSyntax initializer)
        {
            if (initializer.Parent?.Parent is not TypeDeclarationSyntax type)
            {
                return null;
            }

            if (initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
            {
                return type.Identifier.ValueText;
            }

            return type.BaseList is { Types.Count: > 0 } bases ? CalledName(bases.Types[0].Type) : null;
        }

        private static string? CalledName(SyntaxNode expression) => expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            GenericNameSyntax g => g.Identifier.ValueText,
            MemberAccessExpressionSyntax ma => ma.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax mb => mb.Name.Identifier.ValueText,
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// Whether <paramref name="reference"/> to a shared member (<see cref="IsShared"/>) only fills it: the receiver of a
        /// filling call (<c>_outbox.Add(x)</c>) or of an element write (<c>_cache[k] = v</c>). Such a use adds to the member's
        /// value and does not read it: neither the call graph nor the evaluator makes it depend on what the member holds, so a
        /// writer and its callers do not form a cycle through the member they fill.
        /// </summary>
        internal static bool OnlyFills(IMemberReferenceOperation reference)
        {
            var filled = reference.Parent switch
            {
                IInvocationOperation invocation => ReferenceEquals(invocation.Instance, reference) && IsFillingCall(invocation.TargetMethod.Name),
                IPropertyReferenceOperation { Property.IsIndexer: true } indexer => ReferenceEquals(indexer.Instance, reference)
                    && indexer.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, indexer),

                // In a control-flow graph the receiver is captured first when an argument has control flow of its own
                // (_outbox.Add(new Item { ... }), _cache[k] = a ?? b): the syntax still says what the use is.
                IFlowCaptureOperation => FillsBySyntax(reference.Syntax),
                _ => false,
            };
            return filled && IsShared(reference.Member.OriginalDefinition);
        }

        private static bool FillsBySyntax(SyntaxNode receiver)
        {
            var parent = receiver.Parent;
            while (parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                receiver = parent;
                parent = parent.Parent;
            }

            return parent switch
            {
                MemberAccessExpressionSyntax access => access.Expression == receiver && access.Parent is InvocationExpressionSyntax invocation
                    && invocation.Expression == access && IsFillingCall(access.Name.Identifier.ValueText),
                ElementAccessExpressionSyntax element => element.Expression == receiver && element.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    && assignment.Left == element,
                _ => false,
            };
        }

        /// <summary>
        /// Library calls that put their arguments into their receiver (Reading 5): a syntax-level filter, checked again by
        /// binding; every call by which the evaluator fills a collection (<see cref="LibraryModel.IsStoringCall"/>) is one.
        /// </summary>
        internal static bool IsFillingCall(string name) => name switch
        {
            "Add" or "AddRange" or "AddFirst" or "AddLast" or "Insert" or "InsertRange" or "Enqueue" or "EnqueueRange" or "Push" or "PushRange"
                or "TryAdd" or "AddOrUpdate" or "GetOrAdd" or "TryUpdate" or "TryWrite" or "WriteAsync" or "Write" or "WriteLine" or "Post"
                or "SendAsync" or "Append" or "AppendLine" or "AppendFormat" or "Set" or "SetValue" or "UnionWith" => true,
            _ => LibraryModel.IsStoringCall(name),
        };

        /// <summary>The names along a receiver chain (<c>this._channel.Writer</c>: Writer, _channel), at most three deep.</summary>
        private static IEnumerable<string> ChainNames(ExpressionSyntax expression)
        {
            var current = expression;
            for (var i = 0; i < 3 && current is not null; i++)
            {
                switch (current)
                {
                    case IdentifierNameSyntax id:
                        yield return id.Identifier.ValueText;
                        yield break;
                    case MemberAccessExpressionSyntax ma:
                        yield return ma.Name.Identifier.ValueText;
                        current = ma.Expression;
                        break;
                    case MemberBindingExpressionSyntax mb:
                        yield return mb.Name.Identifier.ValueText;
                        yield break;
                    case ElementAccessExpressionSyntax ea:
                        current = ea.Expression;
                        break;
                    case ParenthesizedExpressionSyntax paren:
                        current = paren.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                        current = bang.Operand;
                        break;
                    default:
                        yield break;
                }
            }
        }

        /// <summary>For an assigned element or member (<c>_map[k]</c>, <c>_current.Value</c>), the names of what holds it.</summary>
        private static IEnumerable<string> HolderNames(ExpressionSyntax left) => left switch
        {
            ElementAccessExpressionSyntax ea => ChainNames(ea.Expression),
            MemberAccessExpressionSyntax ma when ma.Name.Identifier.ValueText == "Value" => ChainNames(ma.Expression),
            _ => System.Linq.Enumerable.Empty<string>(),
        };

        /// <summary>The receiver one step down a member chain (`a.b` of `a.b.c`, `a` of `a[i]`, `(a)`, `a!`), or null.</summary>
        private static ExpressionSyntax? NextInChain(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax ma => ma.Expression,
            ElementAccessExpressionSyntax ea => ea.Expression,
            ParenthesizedExpressionSyntax paren => paren.Expression,
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang => bang.Operand,
            _ => null,
        };

        /// <summary>
        /// Reading 5: an instance member that holds a collection, channel or ambient value (<c>AsyncLocal</c>) carries what
        /// any method puts into it to every method that takes it out, whichever object of its type is used; like a static, its
        /// value is the join of every write, followed up through the callers that pass the values in. Other instance members
        /// follow their objects. A field of any accessibility: a service's own outbox, cache or queue, filled by its methods
        /// or another class's and drained by either (an <c>internal</c> token cache read by another service of the
        /// assembly). A property only when unrelated code cannot reach it (private or protected): a public or internal
        /// collection property (a DTO's list of tags, an entity's dictionary of ids) is data that travels with its object,
        /// and the object's value carries it.
        /// </summary>
        public static bool IsShared(ISymbol member)
        {
            // A tuple's elements are fields too, but of a value: they travel with it.
            if (member.IsStatic || member.ContainingType is { IsTupleType: true }
                || member is not IFieldSymbol && member.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
            {
                return false;
            }

            return HoldsCollection(member);
        }

        /// <summary>
        /// The key a member's writes are kept under (<see cref="MethodAnalysis.MemberWrites"/>): <see cref="ClosedConstruction"/>
        /// when there is one, otherwise the member's definition.
        /// </summary>
        internal static ISymbol KeyOf(ISymbol member) => ClosedConstruction(member) ?? member.OriginalDefinition;

        /// <summary>
        /// A static or shared member (<see cref="IsShared"/>) of a generic type is a field of its own in every construction of
        /// the type: <c>Registry&lt;Member&gt;.Current</c> and <c>Registry&lt;string&gt;.Current</c> hold different values.
        /// Reached through a construction whose type arguments are all closed, the member is returned as that construction, and
        /// what is stored through it is kept apart from the other constructions. Reached through a type parameter (the type's
        /// own code, where <c>Current</c> is <c>Registry&lt;T&gt;.Current</c>, or <c>Registry&lt;U&gt;.Current</c> in a generic
        /// method) it may be any of them: null, and the definition stands for every construction. Type arguments that name one
        /// runtime type in several ways (<c>dynamic</c> and <c>object</c>, tuples with element names, <c>nint</c>) are taken as
        /// open, so that two spellings of one field are never two fields.
        /// </summary>
        internal static ISymbol? ClosedConstruction(ISymbol member)
        {
            if (member is not (IFieldSymbol or IPropertySymbol) || member.ContainingType is not { } type || !IsGenericOrNestedInGeneric(type))
            {
                return null;
            }

            var definition = member.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(member, definition) || !(member.IsStatic || IsShared(definition)) || !IsClosed(type, 0))
            {
                return null;
            }

            return member;
        }

        /// <summary>Whether a member's type, or one it is nested in, has type parameters (its members may have constructions).</summary>
        internal static bool IsGenericOrNestedInGeneric(INamedTypeSymbol? type)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.Arity > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsClosed(ITypeSymbol type, int depth)
        {
            if (depth > 16)
            {
                return false;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    return IsClosed(array.ElementType, depth + 1);
                case IPointerTypeSymbol pointer:
                    return IsClosed(pointer.PointedAtType, depth + 1);
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Error && !named.IsTupleType && !named.IsNativeIntegerType:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (!IsClosed(argument, depth + 1))
                        {
                            return false;
                        }
                    }

                    return named.ContainingType is null || IsClosed(named.ContainingType, depth + 1);
                default:
                    // A type parameter, an error type, dynamic, a function pointer.
                    return false;
            }
        }

        /// <summary>
        /// A member that holds a value of its own type's type parameter and is set only when an instance is made: a readonly
        /// field or a get-only auto-property of type <c>T</c> (or <c>T?</c>), as the value of a <c>Result&lt;T&gt;</c>, an
        /// <c>Option&lt;T&gt;</c> or an <c>Either</c> is. What one instance holds is not what another holds: a
        /// <c>Result&lt;Member&gt;</c> made from a member does not fill the <c>Result&lt;string&gt;</c> that a later step
        /// builds from a masked address. Its type's own methods that cannot reach a sink therefore read it from the instance
        /// they run on (the caller's object, member by member), not from what the program writes into it anywhere (Reading 7:
        /// the type parameter is not identity-bearing by its own declarations, its caller decides); one that can still reads
        /// every write, so that it reports inside, at its sink (Reading 3).
        /// </summary>
        public static bool IsInstanceTypeArgument(ISymbol member)
        {
            var definition = member.OriginalDefinition;
            if (definition.IsStatic || definition.ContainingType is not { IsGenericType: true })
            {
                return false;
            }

            var type = definition switch
            {
                IFieldSymbol { IsReadOnly: true } field => field.Type,
                IPropertySymbol { SetMethod: null, GetMethod: { } getter } property when ImplementationIndex.IsAutoAccessor(getter) => property.Type,
                _ => null,
            };
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type };
        }

        /// <summary>
        /// A member of a collection type (a library list, queue, dictionary, channel) or an ambient holder (<c>AsyncLocal</c>):
        /// what methods put into it, through calls or element writes, is what every method takes out.
        /// </summary>
        private static bool HoldsCollection(ISymbol member)
        {
            var type = member switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol { IsIndexer: false } p => p.Type,
                _ => null,
            };
            if (type is null)
            {
                return false;
            }

            if (type is INamedTypeSymbol { Name: "AsyncLocal" or "ThreadLocal" } ambient && ambient.ContainingNamespace?.ToDisplayString() == "System.Threading")
            {
                return true;
            }

            // An array held in a field (a ring buffer, a table of slots) too; an array property is data of its object.
            return type.SpecialType != SpecialType.System_String && (type.TypeKind != TypeKind.Array || member is IFieldSymbol) 
                && LibraryModel.IsFillableContainer(type) && type.Locations.All(l => !l.IsInSource);
        }

        /// <summary>
        /// <see cref="IsShared"/> or <see cref="HoldsCollection"/> of a member definition: read off its declaration alone (its
        /// kind, accessibility and type), so kept for the compilations with the same declarations; each new compilation would
        /// otherwise bind the type of every member a name's writes touch.
        /// </summary>
        private bool HoldsShared(MemberRef member, CancellationToken cancellationToken)
            => _engine.DeclaredFact(member, DeclaredFact.SharedHolder, d => IsShared(d) || HoldsCollection(d), cancellationToken);

        /// <summary>Whether a member is a property that hands out a field's container (<see cref="ViewedField"/>), its declaration asked first.</summary>
        private bool ViewsField(MemberRef member, CancellationToken cancellationToken)
            => _engine.DeclaredFact(member, DeclaredFact.MayViewField, MayViewField, cancellationToken)
                && member.Symbol(_engine) is { } symbol && ViewedField(symbol, cancellationToken) is not null;

        private static bool MayViewField(ISymbol member)
            => member.OriginalDefinition is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod.DeclaringSyntaxReferences.Length: 1 } property
                && LibraryModel.IsFillableContainer(property.Type);

        /// <summary>
        /// Whether <paramref name="other"/> overrides or implements <paramref name="key"/> (or, <paramref name="eitherWay"/>, the
        /// reverse): <see cref="Related(ISymbol, ISymbol)"/>, asked by IDs when both have one, so that a member recalled from an
        /// earlier compilation is not re-found to say no. Members of different kinds, and fields, are never related.
        /// </summary>
        private bool RelatedRef(ISymbol key, MemberRef? keyRef, MemberRef other, bool eitherWay, CancellationToken cancellationToken)
        {
            if (ReferenceEquals(other, _engine.NotAMemberRef))
            {
                return false;
            }

            if (keyRef?.Id is { } keyId && other.Id is { } otherId)
            {
                if (other.Kind != key.Kind || key.Kind == SymbolKind.Field)
                {
                    return false;
                }

                return _engine.PairFact(keyId, otherId, eitherWay ? DeclaredFact.RelatedEitherWay : DeclaredFact.RelatedCallee, () => Compute(other.Symbol(_engine)), cancellationToken);
            }

            return Compute(other.Symbol(_engine));

            bool Compute(ISymbol? symbol) => symbol is not null && (Related(key, symbol) || eitherWay && Related(symbol, key));
        }

        /// <summary>An argument passed by <c>ref</c> or <c>out</c> (not <c>in</c>): the call may store into it.</summary>
        private static bool IsWrittenByCall(ArgumentSyntax argument)
            => argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword);

        /// <summary>The name of the <c>add</c> accessor a <c>+=</c> calls if its target is an event (by syntax, it may be a property).</summary>
        private static string? AdderName(AssignmentExpressionSyntax assignment)
            => assignment.IsKind(SyntaxKind.AddAssignmentExpression) && RightmostName(assignment.Left) is { } name ? "add_" + name : null;

        /// <summary>The name of the setter an assignment to <paramref name="left"/> calls if it sets a property or an indexer.</summary>
        private static string? SetterName(ExpressionSyntax left) => left switch
        {
            ElementAccessExpressionSyntax or ElementBindingExpressionSyntax => "set_Item",
            _ => RightmostName(left) is { } name ? "set_" + name : null,
        };

        /// <summary>The members a <c>ref</c> names: <c>_value</c> in <c>ref _value</c>, <c>_slots</c> in <c>ref _slots[i]</c>.</summary>
        private static IEnumerable<string> RefNames(ExpressionSyntax referenced)
        {
            if (referenced is ElementAccessExpressionSyntax element)
            {
                foreach (var name in ChainNames(element.Expression))
                {
                    yield return name;
                    yield break;
                }
            }
            else if (RightmostName(referenced) is { } name)
            {
                yield return name;
            }
        }

        /// <summary>The members a method declared to return by <c>ref</c> returns (<c>return ref _value;</c>, <c>=&gt; ref _slots[i]</c>).</summary>
        private static IEnumerable<string> ReturnedByRef(MethodDeclarationSyntax method)
        {
            var returned = new List<string>();
            if (method.ExpressionBody is { Expression: RefExpressionSyntax arrow })
            {
                returned.AddRange(RefNames(arrow.Expression));
            }
            else if (method.Body is { } body)
            {
                foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    if (node is ReturnStatementSyntax { Expression: RefExpressionSyntax statement })
                    {
                        returned.AddRange(RefNames(statement.Expression));
                    }
                }
            }

            return returned;
        }

        private static string? RightmostName(ExpressionSyntax left) => left switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax ma => ma.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax mb => mb.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// What any code in the compilation stores into <paramref name="member"/> (concrete identity only). The member is a
        /// node of the call graph whose successors are its writers, so its value is solved with them, as a unit when they
        /// read it back (a cycle through fields), and is the same whichever read asked first.
        /// </summary>
        public AbstractValue ValueOf(ISymbol member, AnalysisStack context)
        {
            var key = member.OriginalDefinition;
            if (_values.TryGetValue(key, out var known))
            {
                return Narrowed(member, key, known, context);
            }

            if (context.TryGetProvisionalValue(key, out known) || context.TryGetLocalField(key, out known))
            {
                return known;
            }

            if (!(_writersByName.ContainsKey(key.Name) || CreatedBy(key) is { } ctor && _callersByName.ContainsKey(ctor.ContainingType.Name) || Aliases(key, context.CancellationToken).Count > 0)
                || ProvablyClean(key, context.CancellationToken))
            {
                return AbstractValue.Clean;
            }

            _engine.SolveMember(key, context);
            if (_values.TryGetValue(key, out known))
            {
                return Narrowed(member, key, known, context);
            }

            if (context.TryGetLocalField(key, out known))
            {
                return known;
            }

            return AbstractValue.Clean;
        }

        /// <summary>
        /// The solved value of a member's definition, <paramref name="joined"/>, as read through <paramref name="member"/>: for a
        /// closed construction of a static or shared member of a generic type (<see cref="ClosedConstruction"/>), what is
        /// stored through that construction and through the open definition (the type's own code, a generic method), not what
        /// other constructions hold. The member is solved once, as its definition (one node of the graph whatever its
        /// constructions); its writers' final summaries keep their stores apart by construction, so each construction's share
        /// is read off them once, after the solve.
        /// </summary>
        private AbstractValue Narrowed(ISymbol member, ISymbol key, AbstractValue joined, AnalysisStack context)
        {
            if (joined.IsClean || ClosedConstruction(member) is not { } construction)
            {
                return joined;
            }

            if (_constructionValues.TryGetValue(construction, out var known))
            {
                return known;
            }

            var value = CollectWrites(key, context, construction);
            foreach (var alias in Aliases(key, context.CancellationToken))
            {
                value = value.Join(CollectWrites(alias, context));
            }

            // Never more than the definition's value (which a widening may have made coarser than the writes): the narrowed value
            // only leaves out what other constructions stored.
            return _constructionValues.GetOrAdd(construction, joined.Covers(value) ? value : joined);
        }

        private readonly ConcurrentDictionary<ISymbol, AbstractValue> _constructionValues = new ConcurrentDictionary<ISymbol, AbstractValue>(SymbolEqualityComparer.Default);

        public bool IsFinal(ISymbol member) => _values.ContainsKey(member);

        private readonly ConcurrentDictionary<ISymbol, bool> _cutMembers = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>Whether the callers of the member's writers were more than <c>max_writer_callers</c> (some were not followed).</summary>
        public bool WasCut(ISymbol member) => _cutMembers.ContainsKey(member.OriginalDefinition);

        /// <summary>
        /// An instance member no writer of which can read identity (through calls or other members) holds none: published as
        /// clean without solving its writers. Not for statics (callers of their writers store into them too) nor for members
        /// that can hold a delegate (a stored lambda matters where it is run, identity or not).
        /// </summary>
        public bool ProvablyClean(ISymbol member, CancellationToken cancellationToken)
        {
            // Asked for every pending member on every walk over the graph: the answer never changes, so it is kept.
            var key = member.OriginalDefinition;
            if (_provablyClean.TryGetValue(key, out var known))
            {
                return known;
            }

            var answer = IsProvablyClean(key, cancellationToken);
            _provablyClean.TryAdd(key, answer);
            return answer;
        }

        private readonly ConcurrentDictionary<ISymbol, bool> _provablyClean = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<SyntaxNode, ControlFlowGraph?> _initializerGraphs = new ConcurrentDictionary<SyntaxNode, ControlFlowGraph?>();

        private bool IsProvablyClean(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.IsStatic || member is IEventSymbol)
            {
                return false;
            }

            var type = member switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            if (type is null || type.TypeKind is TypeKind.Delegate or TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Error || type.SpecialType is SpecialType.System_Object or SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
            {
                return false;
            }

            foreach (var writer in Writers(member, cancellationToken))
            {
                if (writer is VariableDeclaratorSyntax or PropertyDeclarationSyntax)
                {
                    // An initializer is not a node of the graph: its value is evaluated with the member.
                    return false;
                }
            }

            if (_engine.Graph.MayHoldIdentity(member, cancellationToken))
            {
                return false;
            }

            _values.TryAdd(member.OriginalDefinition, AbstractValue.Clean);
            return true;
        }

        public void Publish(ISymbol member, AbstractValue value) => _values.TryAdd(member, value);

        /// <summary>The initializer of a writer that is a field's or property's declaration (<c>= value</c>), if it has one.</summary>
        private static EqualsValueClauseSyntax? InitializerOf(SyntaxNode writer) => writer switch
        {
            VariableDeclaratorSyntax v => v.Initializer,
            PropertyDeclarationSyntax p => p.Initializer,
            _ => null,
        };

        /// <summary>The operations of a member's own initializers (evaluated with the member), in a fixed order.</summary>
        public List<IOperation> Initializers(ISymbol member, CancellationToken cancellationToken)
        {
            var result = new List<IOperation>();
            foreach (var writer in Writers(member, cancellationToken))
            {
                if (InitializerOf(writer) is { } initializer && _engine.GetModel(initializer.SyntaxTree).GetOperation(initializer, cancellationToken) is { } operation)
                {
                    result.Add(operation);
                }
            }

            return result;
        }

        /// <summary>The writers of a member that are methods (initializers are evaluated with the member itself), in a fixed order.</summary>
        public IReadOnlyList<IMethodSymbol> WriterMethods(ISymbol member, CancellationToken cancellationToken)
        {
            // Memoized per list of writers: the implementations of an interface member written through the interface share
            // one list (Writers), and so one list of methods.
            var writers = Writers(member, cancellationToken);
            if (_writerMethods.TryGetValue(writers, out var known))
            {
                return known;
            }

            var result = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var writer in writers)
            {
                if (WriterMethod(writer, cancellationToken) is { } method && seen.Add(method))
                {
                    result.Add(method);
                }
            }

            return _writerMethods.GetOrAdd(writers, result.ToArray());
        }

        // Keyed by the list Writers returned (reference identity: it is memoized per member, shared where members share it).
        private readonly ConcurrentDictionary<List<SyntaxNode>, IMethodSymbol[]> _writerMethods = new ConcurrentDictionary<List<SyntaxNode>, IMethodSymbol[]>();

        /// <summary>
        /// The writers of one member: the owners of assignments that bind to it, or to a member it implements or overrides,
        /// or that implements or overrides it (a write through an interface reaches the implementation, and the reverse).
        /// Assignments are bound once per name (<see cref="Resolve"/>), so a name shared by many members costs its writers
        /// once, not once per member; an assignment that does not bind (broken code) counts for every member of its name.
        /// </summary>
        private List<SyntaxNode> Writers(ISymbol key, CancellationToken cancellationToken = default)
        {
            if (_writers.TryGetValue(key, out var known))
            {
                return known;
            }

            var result = new List<SyntaxNode>();
            if (CreatedBy(key) is { } ctor)
            {
                // A primary constructor's captured parameter, or a record's positional property, is written where the object
                // is created (new T(...)); the property by `with` and initializers too, and the parameter by an assignment
                // in one of the type's members (`body = "hello " + c.Name`), found by name below.
                foreach (var (creator, _, _) in DirectCallers(ctor, cancellationToken))
                {
                    result.Add(creator);
                }

                if (!_writersByName.ContainsKey(key.Name))
                {
                    return _writers.GetOrAdd(key, result);
                }
            }

            if (!_writersByName.ContainsKey(key.Name))
            {
                return result.Count == 0 ? _noWriters : result;
            }

            // Not narrowed to a private member's type, as a private method's callers are (PrivateScope): tried, and on bitwarden
            // Core it doubled the memory the analysis allocated and took 50 % more time with the same findings. The names'
            // writes stay bound once per name.
            var resolved = Resolve(key.Name, cancellationToken);
            var related = new List<List<SyntaxNode>>();
            var keyRef = _engine.RefOf(key);
            foreach (var entry in resolved.Bound)
            {
                if (entry.Value.Count > 0 && (ReferenceEquals(entry.Key, keyRef) || RelatedRef(key, keyRef, entry.Key, eitherWay: true, cancellationToken)))
                {
                    related.Add(entry.Value);
                }
            }

            if (related.Count == 1 && result.Count == 0 && resolved.Unbound.Count == 0)
            {
                // Written only through one member (every implementation of an interface event subscribed to through the
                // interface): the implementations share that member's list instead of copying and sorting it each.
                return _writers.GetOrAdd(key, SortedWriters(related[0]));
            }

            var seen = new HashSet<SyntaxNode>();
            foreach (var writer in resolved.Unbound)
            {
                if (seen.Add(writer))
                {
                    result.Add(writer);
                }
            }

            foreach (var list in related)
            {
                foreach (var writer in list)
                {
                    if (seen.Add(writer))
                    {
                        result.Add(writer);
                    }
                }
            }

            SortBySyntax(result);
            return _writers.GetOrAdd(key, result);
        }

        /// <summary>One bound member's writers, distinct and in syntax order, made once and shared by every member related to it.</summary>
        private List<SyntaxNode> SortedWriters(List<SyntaxNode> writers)
        {
            lock (_sortedWriters)
            {
                if (_sortedWriters.TryGetValue(writers, out var known))
                {
                    return known;
                }

                var seen = new HashSet<SyntaxNode>();
                var result = new List<SyntaxNode>(writers.Count);
                foreach (var writer in writers)
                {
                    if (seen.Add(writer))
                    {
                        result.Add(writer);
                    }
                }

                SortBySyntax(result);
                _sortedWriters[writers] = result;
                return result;
            }
        }

        // The writers of a member nobody writes, one list for all of them (never changed: Writers' lists are read only).
        private readonly List<SyntaxNode> _noWriters = new List<SyntaxNode>();

        // Keyed by the list of one bound member's writers (reference identity: each list is made once, in Resolve).
        private readonly Dictionary<List<SyntaxNode>, List<SyntaxNode>> _sortedWriters = new Dictionary<List<SyntaxNode>, List<SyntaxNode>>();

        /// <summary>In syntax order, so that a value is joined the same way whatever the order of the dictionaries it came from.</summary>
        private static void SortBySyntax(List<SyntaxNode> writers)
            => writers.Sort((a, b) =>
            {
                var c = string.CompareOrdinal(a.SyntaxTree.FilePath ?? string.Empty, b.SyntaxTree.FilePath ?? string.Empty);
                return c != 0 ? c : a.SpanStart.CompareTo(b.SpanStart);
            });

        /// <summary>Whether <paramref name="member"/> implements or overrides <paramref name="declared"/>.</summary>
        private static bool Related(ISymbol member, ISymbol declared)
        {
            // Asked for every pair of members that share a name (every class's Name, every service's _logger): a field neither
            // implements nor overrides anything, and nothing overrides or implements it; nor does a member of another kind.
            if (member.Kind != declared.Kind || member.Kind == SymbolKind.Field || ReferenceEquals(member, declared))
            {
                return false;
            }

            if (declared.ContainingType?.TypeKind == TypeKind.Interface && member.ContainingType is { } type)
            {
                var impl = ImplementationIndex.FindImplementation(type, declared);
                if (impl is not null && SymbolEqualityComparer.Default.Equals(impl.OriginalDefinition, member))
                {
                    return true;
                }

                if (declared.ContainingType.IsGenericType && ImplementsConstructed(type, declared, member))
                {
                    return true;
                }
            }

            for (var o = Overridden(member); o is not null; o = Overridden(o))
            {
                if (SymbolEqualityComparer.Default.Equals(o.OriginalDefinition, declared))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A member of a generic interface as declared (<c>IRepository&lt;T&gt;.Add</c>, what a call site binds to once its
        /// construction is dropped) is implemented by <paramref name="member"/> through one of the constructions its type
        /// implements (<c>MemoryRepository&lt;T&gt; : IRepository&lt;T&gt;</c> with its own <c>T</c>, <c>Store : IRepository&lt;Row&gt;</c>).
        /// </summary>
        private static bool ImplementsConstructed(INamedTypeSymbol type, ISymbol declared, ISymbol member)
        {
            var definition = declared.ContainingType.OriginalDefinition;
            foreach (var iface in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, definition))
                {
                    continue;
                }

                foreach (var candidate in iface.GetMembers(declared.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, declared)
                        && ImplementationIndex.FindImplementation(type, candidate) is { } impl
                        && SymbolEqualityComparer.Default.Equals(impl.OriginalDefinition, member))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ISymbol? Overridden(ISymbol member) => member switch
        {
            IPropertySymbol p => p.OverriddenProperty,
            IEventSymbol e => e.OverriddenEvent,
            IMethodSymbol m => m.OverriddenMethod,
            _ => null,
        };

        /// <summary>The writers of every member of one name, grouped by the member their assignments bind to.</summary>
        private ResolvedWriters Resolve(string name, CancellationToken cancellationToken)
        {
            if (_resolved.TryGetValue(name, out var known))
            {
                return known;
            }

            var result = new ResolvedWriters();

            // A call or element write binds to its holder only when the holder is shared (Reading 5); anything else that a
            // chain names (a local, a service) is not a member write at all.
            void AddShared(MemberRef? member, SyntaxNode owner)
            {
                if (member is null || ReferenceEquals(member, _engine.NotAMemberRef))
                {
                    return;
                }

                // A static collection (a process-wide outbox, an AsyncLocal request context) is written by the calls that fill it too.
                // So is a collection an object holds in a member of any kind (`_uow.Notes.Add(note)` with
                // `public List<string> Notes { get; } = new()`): filling it writes the member, as assigning it would.
                if (HoldsShared(member, cancellationToken) || ViewsField(member, cancellationToken))
                {
                    Add(member, owner);
                }
            }

            void Add(MemberRef? member, SyntaxNode owner)
            {
                if (ReferenceEquals(member, _engine.NotAMemberRef))
                {
                    // A local or a parameter of the writer's own: no member's write.
                    return;
                }

                List<SyntaxNode>? list;
                if (member is null)
                {
                    list = result.Unbound;
                }
                else if (!result.Bound.TryGetValue(member, out list))
                {
                    result.Bound[member] = list = new List<SyntaxNode>();
                }

                if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], owner))
                {
                    list.Add(owner);
                }
            }

            // The members of this name that a call returning by ref hands out, for each body it can run.
            void AddReturnedByRef(InvocationExpressionSyntax call, SyntaxNode owner)
            {
                if (_engine.GetModel(call.SyntaxTree).GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { ReturnsByRef: true } method)
                {
                    return;
                }

                var bodies = new List<IMethodSymbol> { method.OriginalDefinition };
                if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface)
                {
                    bodies.AddRange(_engine.Implementations.Of(method.OriginalDefinition));
                }

                foreach (var body in bodies)
                {
                    foreach (var location in _engine.ReturnedReferences(body, cancellationToken))
                    {
                        var field = location switch
                        {
                            IFieldReferenceOperation f => f.Field,
                            IArrayElementReferenceOperation { ArrayReference: IFieldReferenceOperation f } => f.Field,
                            _ => null,
                        };
                        if (field is not null && field.Name == name)
                        {
                            Add(_engine.RefOf(field.OriginalDefinition), owner);
                        }
                    }
                }
            }

            foreach (var owner in _writersByName[name])
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (owner)
                {
                    case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                    case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                        Add(Declared(owner, cancellationToken), owner);
                        continue;
                }

                // What in the owner's body may write a member of this name, found once per tree (syntax only) and kept
                // across compilations: only the binding is done here.
                var stepsByName = _engine.TreeScans.Of(owner.SyntaxTree).StepsIn(owner, cancellationToken);
                if (!stepsByName.TryGetValue(name, out var steps) && !stepsByName.TryGetValue(TreeWrites.AnyName, out steps))
                {
                    continue;
                }

                foreach (var step in steps)
                {
                    switch (step.Kind)
                    {
                        case WriteStepKind.Assigned:
                            Add(Bind(step.Target, cancellationToken), owner);
                            break;
                        case WriteStepKind.Holder:
                            AddShared(Bind(step.Target, cancellationToken), owner);
                            break;
                        case WriteStepKind.Handed when MayFillArgument(_engine.GetModel(owner.SyntaxTree), step.Argument!, cancellationToken):
                            // A collection member handed to a call that may fill it (`Collect.Into(_recipients, c)`).
                            AddShared(Bind(step.Target, cancellationToken), owner);
                            break;
                        case WriteStepKind.StoredThrough:
                            // `last.Slot() = email`, `ref var s = ref last.Slot();`: a store into what the method returns by ref.
                            AddReturnedByRef((InvocationExpressionSyntax)step.Target, owner);
                            break;
                    }
                }
            }

            return _resolved.GetOrAdd(name, result);
        }

        /// <summary>
        /// The declarations of the type a private method is declared in, when every one is in this compilation: nothing outside
        /// them can call it, so its callers are looked for inside them only, and no other type's calls of the same name (every
        /// helper's <c>Format</c>) are bound to find out. Null for any other member, and for an explicit interface
        /// implementation (private in C#, yet called through the interface).
        /// </summary>
        private ImmutableArray<SyntaxReference>? PrivateScope(IMethodSymbol method)
        {
            if (method.DeclaredAccessibility != Accessibility.Private || method.ContainingType is not { } type || type.DeclaringSyntaxReferences.IsEmpty
                || !method.ExplicitInterfaceImplementations.IsEmpty
                || method.AssociatedSymbol is IPropertySymbol { ExplicitInterfaceImplementations.IsEmpty: false } or IEventSymbol { ExplicitInterfaceImplementations.IsEmpty: false })
            {
                return null;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!_engine.Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    return null;
                }
            }

            return type.DeclaringSyntaxReferences;
        }

        /// <summary>
        /// The name a call of <paramref name="method"/> is written with: its type's for a constructor, the interface member's for
        /// an explicit implementation (`void ISink.Set(…)` is named "ISink.Set", and called as `sink.Set(…)`), its own otherwise.
        /// </summary>
        private static string NameAtCallSites(IMethodSymbol method) => method.MethodKind switch
        {
            MethodKind.Constructor => method.ContainingType.Name,
            _ when !method.ExplicitInterfaceImplementations.IsEmpty => method.ExplicitInterfaceImplementations[0].Name,
            _ => method.Name,
        };

        private static bool Inside(SyntaxNode node, ImmutableArray<SyntaxReference> scope)
        {
            foreach (var reference in scope)
            {
                if (reference.SyntaxTree == node.SyntaxTree && reference.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the call an argument is handed to may fill it: a method of the compilation whose body fills that parameter
        /// (`into.Enqueue(value)`, `into[key] = value`) or hands it on to another call; a library method that takes an array
        /// after its first argument (`Array.Copy(source, destination, n)`) or as the target of `CopyTo`. A helper that only
        /// reads the collection it is given (most of them) does not write the member, and is not made one of its writers.
        /// </summary>
        private bool MayFillArgument(SemanticModel model, ArgumentSyntax argument, CancellationToken cancellationToken)
        {
            if (model.GetOperation(argument, cancellationToken) is not IArgumentOperation { Parameter: { ContainingSymbol: IMethodSymbol method } parameter })
            {
                return false;
            }

            if (!_engine.IsOwn(method) || method.DeclaringSyntaxReferences.IsEmpty)
            {
                return (parameter.Type is IArrayTypeSymbol || parameter.Type.SpecialType == SpecialType.System_Array) && (parameter.Ordinal > 0 || !method.IsStatic && method.Name is "CopyTo" or "TryCopyTo");
            }

            return _fillsParameter.GetOrAdd(parameter.OriginalDefinition, p => BodyFills((IParameterSymbol)p, cancellationToken));
        }

        private readonly ConcurrentDictionary<ISymbol, bool> _fillsParameter = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        private static bool BodyFills(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            foreach (var reference in parameter.ContainingSymbol.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax { Parent: { } parent } id || id.Identifier.ValueText != parameter.Name)
                    {
                        continue;
                    }

                    switch (parent)
                    {
                        case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } access when access.Expression == id && IsFillingCall(access.Name.Identifier.ValueText):
                        case ElementAccessExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } element when element.Expression == id && assignment.Left == element:
                        case ArgumentSyntax:
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The member (or <see cref="FlowEngine.NotAMemberRef"/>) an assigned or filled expression names, bound once per declarations.</summary>
        private MemberRef? Bind(ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            if (_engine.TryRecallRef(expression, BindingQuestion.Written, cancellationToken, out var recalled))
            {
                return recalled;
            }

            // The model only now: a tree whose writes were all recalled is never given one in this compilation.
            var info = _engine.GetModel(expression.SyntaxTree).GetSymbolInfo(expression, cancellationToken);
            // Its definition: writes are grouped by the member they write, whatever construction of its type they go through.
            var member = _engine.BoundRef((info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null))?.OriginalDefinition);
            _engine.RememberRef(expression, BindingQuestion.Written, member, cancellationToken);
            return member;
        }

        /// <summary>The field or property a declarator or property declaration declares, found once per declarations.</summary>
        private MemberRef? Declared(SyntaxNode declaration, CancellationToken cancellationToken)
        {
            if (_engine.TryRecallRef(declaration, BindingQuestion.Written, cancellationToken, out var recalled))
            {
                return recalled;
            }

            var member = _engine.RefOf(_engine.GetModel(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken)?.OriginalDefinition);
            _engine.RememberRef(declaration, BindingQuestion.Written, member, cancellationToken);
            return member;
        }

        private sealed class ResolvedWriters
        {
            public Dictionary<MemberRef, List<SyntaxNode>> Bound { get; } = new Dictionary<MemberRef, List<SyntaxNode>>();

            /// <summary>Owners of assignments that did not bind (broken code): they count for every member of the name.</summary>
            public List<SyntaxNode> Unbound { get; } = new List<SyntaxNode>();
        }

        /// <summary>
        /// Whether a write stores a lambda: made in the writer, it may wrap a function the writer's caller passed in (a bus's
        /// Subscribe), which the caller's analysis, running the writer in context, knows (Reading 4).
        /// </summary>
        private static bool StoresLambda(AbstractValue written)
        {
            foreach (var d in written.Delegates)
            {
                if (d.Lambda is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>One evaluation of a member's value from its writers' current summaries (final or, in a cycle, provisional).</summary>
        public AbstractValue Collect(ISymbol key, AnalysisStack context)
        {
            var value = CollectWrites(key, context);
            foreach (var alias in Aliases(key, context.CancellationToken))
            {
                value = value.Join(CollectWrites(alias, context));
            }

            return value;
        }

        /// <summary>
        /// Reading 5 across classes: the shared collections (<see cref="IsShared"/>) that constructors take from their
        /// parameters, grouped by type. A queue, channel or cache handed to a producer and to a consumer (built by a
        /// composition root, or a singleton of the container) is one object held in two fields: what one class puts in, the
        /// other takes out. Such members of one type are taken as that one object; a member stored otherwise has none.
        /// </summary>
        public IReadOnlyList<ISymbol> Aliases(ISymbol member, CancellationToken cancellationToken)
        {
            var key = member.OriginalDefinition;
            if (!IsShared(key) || key is not IFieldSymbol and not IPropertySymbol)
            {
                return System.Array.Empty<ISymbol>();
            }

            var views = key is IFieldSymbol field ? _views.GetOrAdd(field, f => ViewsOf((IFieldSymbol)f, cancellationToken)) : System.Array.Empty<ISymbol>();
            var injected = InjectedAliases(key, cancellationToken);
            return views.Length == 0 ? injected : injected.Count == 0 ? views : injected.Concat(views).ToArray();
        }

        private readonly ConcurrentDictionary<ISymbol, ISymbol[]> _views = new ConcurrentDictionary<ISymbol, ISymbol[]>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The properties of a shared field's type that hand it out (<c>ChannelWriter&lt;T&gt; Writer =&gt; _channel.Writer</c>,
        /// <c>IList&lt;T&gt; Items =&gt; _items</c>): what another class puts in through the property is in the field.
        /// </summary>
        private ISymbol[] ViewsOf(IFieldSymbol field, CancellationToken cancellationToken)
        {
            List<ISymbol>? views = null;
            foreach (var candidate in field.ContainingType.GetMembers())
            {
                if (candidate is IPropertySymbol && SymbolEqualityComparer.Default.Equals(ViewedField(candidate, cancellationToken), field))
                {
                    (views ??= new List<ISymbol>()).Add(candidate);
                }
            }

            return views?.ToArray() ?? System.Array.Empty<ISymbol>();
        }

        /// <summary>
        /// The shared field (<see cref="IsShared"/>) a property's getter hands out, itself or a library member of it
        /// (<c>=&gt; _channel.Writer</c>, <c>get { return this._items; }</c>), or null: filling the property fills the field.
        /// </summary>
        public ISymbol? ViewedField(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.OriginalDefinition is not IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: { DeclaringSyntaxReferences.Length: 1 } getter } property
                || !_engine.DeclaredFact(property, DeclaredFact.MayViewField, MayViewField, cancellationToken))
            {
                return null;
            }

            return _viewedFields.GetOrAdd(property, p => FindViewedField((IPropertySymbol)p, getter, cancellationToken));
        }

        private readonly ConcurrentDictionary<ISymbol, ISymbol?> _viewedFields = new ConcurrentDictionary<ISymbol, ISymbol?>(SymbolEqualityComparer.Default);

        private static ISymbol? FindViewedField(IPropertySymbol property, IMethodSymbol getter, CancellationToken cancellationToken)
        {
            var returned = getter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
            {
                ArrowExpressionClauseSyntax arrow => arrow.Expression,
                AccessorDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
                AccessorDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } value } => value,
                _ => null,
            };

            // `_channel.Writer` or `this._channel.Writer`: the field is the receiver of the member handed out.
            if (returned is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } view)
            {
                returned = view.Expression;
            }

            if (returned is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: { } name })
            {
                returned = name;
            }

            if (returned is not IdentifierNameSyntax { Identifier.ValueText: var id })
            {
                return null;
            }

            // A getter's body has no locals: the name is a member of the type (or of a base), found without binding.
            for (var type = property.ContainingType; type is not null; type = type.BaseType)
            {
                if (type.GetMembers(id).FirstOrDefault() is { } found)
                {
                    return found is IFieldSymbol field && IsShared(field.OriginalDefinition) ? field.OriginalDefinition : null;
                }
            }

            return null;
        }

        private IReadOnlyList<ISymbol> InjectedAliases(ISymbol key, CancellationToken cancellationToken)
        {
            if (_constructorStores.Count == 0)
            {
                return System.Array.Empty<ISymbol>();
            }

            var injected = _injectedShared;
            if (injected is null)
            {
                var byType = new Dictionary<ITypeSymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
                foreach (var store in _constructorStores)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!_engine.TryRecallRef(store, BindingQuestion.InjectedStore, cancellationToken, out var storedRef))
                    {
                        var model = _engine.GetModel(store.SyntaxTree);
                        // `_queue = queue` from a constructor's parameter; `_writer = channel.Writer` from any channel in reach (a
                        // parameter, a member of one, `pipe.Lane.Writer`, or the class's own channel field).
                        var isEnd = store.Right is MemberAccessExpressionSyntax;
                        var handedIn = store.Right is MemberAccessExpressionSyntax end ? end.Expression : store.Right;
                        storedRef = _engine.BoundRef((isEnd ? model.GetTypeInfo(handedIn, cancellationToken).Type is not INamedTypeSymbol { Name: "Channel", Arity: 1 }
                                : model.GetSymbolInfo(handedIn, cancellationToken).Symbol is not IParameterSymbol)
                            ? null
                            : model.GetSymbolInfo(store.Left, cancellationToken).Symbol?.OriginalDefinition);
                        _engine.RememberRef(store, BindingQuestion.InjectedStore, storedRef, cancellationToken);
                    }

                    // Whether the member is shared is kept with its ID: most stores are a service's own logger or options, and
                    // a recalled one is not re-found to say so.
                    if (storedRef is null || ReferenceEquals(storedRef, _engine.NotAMemberRef)
                        || !_engine.DeclaredFact(storedRef, DeclaredFact.Shared, IsShared, cancellationToken)
                        || storedRef.Symbol(_engine) is not { } stored)
                    {
                        continue;
                    }

                    var type = ChannelOf(stored is IFieldSymbol f ? f.Type : ((IPropertySymbol)stored).Type);
                    if (!byType.TryGetValue(type, out var members))
                    {
                        byType[type] = members = new List<ISymbol>();
                    }

                    if (!members.Contains(stored, SymbolEqualityComparer.Default))
                    {
                        members.Add(stored);
                    }
                }

                injected = new Dictionary<ISymbol, ISymbol[]>(SymbolEqualityComparer.Default);
                foreach (var group in byType.Values)
                {
                    if (group.Count < 2)
                    {
                        continue;
                    }

                    // In a fixed order, whatever order the trees were scanned or bound in.
                    group.Sort((a, b) => FlowEngine.CompareKeys(FlowEngine.StableKey(a), FlowEngine.StableKey(b)));
                    foreach (var m in group)
                    {
                        injected[m] = group.Where(other => !SymbolEqualityComparer.Default.Equals(other, m)).ToArray();
                    }
                }

                injected = Interlocked.CompareExchange(ref _injectedShared, injected, null) ?? injected;
            }

            return injected.TryGetValue(key, out var aliases) ? aliases : System.Array.Empty<ISymbol>();
        }

        /// <summary>
        /// A channel's writer and reader are views of one channel: a <c>ChannelWriter&lt;T&gt;</c> handed to a producer and the
        /// <c>ChannelReader&lt;T&gt;</c> handed to a consumer group with the <c>Channel&lt;T&gt;</c>s of the same element type.
        /// Any other type stands for itself.
        /// </summary>
        private ITypeSymbol ChannelOf(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { Arity: 1, Name: "ChannelWriter" or "ChannelReader" } view
                && view.ContainingNamespace?.ToDisplayString() == "System.Threading.Channels"
                && _engine.Compilation.GetTypeByMetadataName("System.Threading.Channels.Channel`1") is { } channel)
            {
                return channel.Construct(view.TypeArguments[0]);
            }

            return type;
        }

        /// <summary><c>channel.Writer</c> or <c>pipe.Lane.Reader</c>: an end of a channel, perhaps (the binding decides).</summary>
        private static bool IsChannelEnd(ExpressionSyntax value)
            => value is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax, Name.Identifier.ValueText: "Writer" or "Reader" };

        private readonly List<AssignmentExpressionSyntax> _constructorStores = new List<AssignmentExpressionSyntax>();
        private Dictionary<ISymbol, ISymbol[]>? _injectedShared;

        /// <summary>
        /// What the member's own initializer (<c>string _contact = owner.Phone;</c>, <c>string Contact { get; } = owner.Phone;</c>)
        /// stores: part of every object's construction, so a new object's member holds it even though what the rest of the
        /// program stores into that member elsewhere does not apply to it (Reading 11). Concrete identity only, as for
        /// <see cref="ValueOf"/>; clean when the member has no initializer.
        /// </summary>
        public AbstractValue InitializedValue(ISymbol member, AnalysisStack context)
        {
            var key = member.OriginalDefinition;
            if (key.IsStatic || !_writersByName.ContainsKey(key.Name))
            {
                return AbstractValue.Clean;
            }

            var value = AbstractValue.Clean;
            foreach (var writer in Writers(key, context.CancellationToken))
            {
                if (InitializerOf(writer) is null)
                {
                    continue;
                }

                var (analysis, _) = AnalyzeWriter(writer, context);
                if (analysis is not null && WrittenTo(analysis, key) is { } written)
                {
                    value = value.Join(OnlyConcrete(written));
                }
            }

            return value;
        }

        /// <summary>What the writers of <paramref name="key"/> store into it, and the callers they send us on to.</summary>
        private AbstractValue CollectWrites(ISymbol key, AnalysisStack context, ISymbol? construction = null)
        {
            var cancellationToken = context.CancellationToken;
            var value = AbstractValue.Clean;

            // Writers found by syntax. For static members, a writer that stores what its caller passed (a symbolic write)
            // sends us on to its callers, whose analyses hold the write instantiated with their own arguments, and so on
            // up the call graph. Instance members are followed through their receivers instead (summaries' effects),
            // which keeps one object's identity from tainting every other object of its type.
            // Asked on every pass of the member's component: the writers found by syntax (already distinct) are read from
            // their list, and a queue and a set are made only for the callers a static or shared member sends us on to.
            // An object's own member written by a setter method of its type (SetText(string t) => _text = t): that method's
            // direct callers are followed, one level, as CallersOfWriters makes them the member's successors.
            var writers = Writers(key, cancellationToken);
            var ownMember = IsOwnInstanceMember(key);
            Queue<SyntaxNode>? work = null;
            HashSet<SyntaxNode>? seen = null;
            HashSet<SyntaxNode>? lastLevel = null;
            var next = 0;
            var followed = 0;
            while (next < writers.Count || work is { Count: > 0 })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isWriter = next < writers.Count;
                var writer = isWriter ? writers[next++] : work!.Dequeue();
                var (analysis, method) = AnalyzeWriter(writer, context);
                if (analysis is null || WrittenTo(analysis, key, construction) is not { } written)
                {
                    continue;
                }

                value = value.Join(OnlyConcrete(written));
                if (lastLevel is not null && lastLevel.Contains(writer))
                {
                    continue;
                }

                // A caller the queue holds (of a constructor, or of a setter method) is not a writer of the member itself.
                var setterMethod = isWriter && ownMember && method is not null && method.MethodKind != MethodKind.Constructor;
                if (setterMethod && !SetterMethods(key, cancellationToken).Contains(method!, SymbolEqualityComparer.Default))
                {
                    // Not one of the member's setter methods (CallersOfWriters did not make its callers successors).
                    continue;
                }

                if (FollowsCallers(key) && method is not null && (!written.Self.OnlySymbolic().IsClean || (key.IsStatic || IsShared(key)) && StoresLambda(written)))
                {
                    seen ??= new HashSet<SyntaxNode>(writers);
                    work ??= new Queue<SyntaxNode>();
                    foreach (var (caller, _, _) in DirectCallers(method, cancellationToken))
                    {
                        if (!seen.Contains(caller))
                        {
                            seen.Add(caller);
                            if (followed >= _engine.Options.MaxWriterCallers)
                            {
                                // Not followed: what this caller passes is not in the value. Never silently: reads say so.
                                _cutMembers.TryAdd(key, true);
                                continue;
                            }

                            followed++;
                            work.Enqueue(caller);
                            if (setterMethod)
                            {
                                (lastLevel ??= new HashSet<SyntaxNode>()).Add(caller);
                            }
                        }
                    }
                }
            }

            return value;
        }

        /// <summary>
        /// What a writer's analysis stores into <paramref name="key"/>: under the member itself, or, for an event, under an event
        /// it implements or overrides (a handler added through the interface, `Steps.Get(k).Raised += OnRaised`, is added to
        /// every implementation the receiver may be, as <see cref="Writers"/> counts it).
        /// </summary>
        private static AbstractValue? WrittenTo(MethodAnalysis analysis, ISymbol key, ISymbol? construction = null)
        {
            if (IsGenericOrNestedInGeneric(key.ContainingType) && key is IFieldSymbol or IPropertySymbol)
            {
                // Stores through a closed construction are kept under it (KeyOf): the definition holds them all, a construction
                // its own and those made through the open definition.
                AbstractValue? found = analysis.MemberWrites.TryGetValue(key, out var open) ? open : null;
                foreach (var entry in analysis.MemberWrites)
                {
                    if (!SymbolEqualityComparer.Default.Equals(entry.Key, key) && SymbolEqualityComparer.Default.Equals(entry.Key.OriginalDefinition, key)
                        && (construction is null || SymbolEqualityComparer.Default.Equals(entry.Key, construction)))
                    {
                        found = (found ?? AbstractValue.Clean).Join(entry.Value);
                    }
                }

                return found;
            }

            if (analysis.MemberWrites.TryGetValue(key, out var written))
            {
                return written;
            }

            // Only for events: handlers added through the interface run when the implementation raises its event. A property
            // written through the interface already reaches the implementation through the receiver's own value.
            if (key is not IEventSymbol)
            {
                return null;
            }

            AbstractValue? related = null;
            foreach (var entry in analysis.EventWrites)
            {
                if (Related(key, entry.Key.OriginalDefinition))
                {
                    related = (related ?? AbstractValue.Clean).Join(entry.Value);
                }
            }

            return related;
        }

        /// <summary>What a write stores that is concrete, member by member (a shared collection keeps its elements' members apart).</summary>
        private static AbstractValue OnlyConcrete(AbstractValue value, int depth = 0)
        {
            var result = AbstractValue.Of(value.Self.OnlyConcrete(), value.Delegates);
            if (depth >= AbstractValue.MaxFieldDepth)
            {
                return AbstractValue.Of(value.Deep().OnlyConcrete(), value.Delegates);
            }

            foreach (var field in value.FieldEntries)
            {
                var concrete = OnlyConcrete(field.Value, depth + 1);
                if (!concrete.IsClean)
                {
                    result = result.WithField(field.Key, concrete);
                }
            }

            return result;
        }

        /// <summary>
        /// For a static or shared member (<see cref="IsShared"/>), the methods that call its writer methods, and their callers in
        /// turn while a call passes on a parameter of the method that makes it: what <see cref="Collect"/> follows when a writer
        /// stores what its caller passed. They are the call graph's successors of the member, so that their summaries are solved
        /// before (or with) the member's value, never in a solve nested inside another component's pass.
        /// </summary>
        public List<IMethodSymbol> CallersOfWriters(ISymbol member, CancellationToken cancellationToken)
        {
            var result = new List<IMethodSymbol>();
            if (!FollowsCallers(member))
            {
                return result;
            }

            // A body found by name may call another writer of that name and not this one: a body is settled only once it
            // matched; the bound counts the bodies checked.
            var matched = new HashSet<SyntaxNode>();
            var checks = 0;
            var writers = WriterMethods(member, cancellationToken);
            var setters = System.Array.Empty<IMethodSymbol>();
            if (IsOwnInstanceMember(member))
            {
                // An object's own member: its constructors store what their callers pass (see FollowsCallers), followed up the
                // chain; its setter methods too, whose direct callers alone are followed (one level: Reading 3's
                // `note.SetText(p.FullName); note.Fax();`).
                setters = SetterMethods(member, cancellationToken);
                writers = writers.Where(w => w.MethodKind == MethodKind.Constructor).ToArray();
            }

            var work = new Queue<IMethodSymbol>(writers);
            var expanded = new HashSet<IMethodSymbol>(work, SymbolEqualityComparer.Default);
            var added = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var setter in setters)
            {
                foreach (var (caller, method, _) in DirectCallers(setter, cancellationToken))
                {
                    if (method is not null && matched.Add(caller) && added.Add(method))
                    {
                        result.Add(method);
                    }
                }
            }

            while (work.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var (caller, method, passesParameter) in DirectCallers(work.Dequeue(), cancellationToken))
                {
                    if (matched.Contains(caller))
                    {
                        continue;
                    }

                    if (++checks > 4 * _engine.Options.MaxWriterCallers)
                    {
                        return result;
                    }

                    if (method is null)
                    {
                        continue;
                    }

                    matched.Add(caller);
                    if (added.Add(method))
                    {
                        result.Add(method);
                    }

                    // A local built from a parameter passes it on too, and the receiver is a parameter: any caller with
                    // parameters, or an instance method, is followed further.
                    if ((passesParameter || !method.IsStatic || HasParameters(method)) && expanded.Add(method))
                    {
                        work.Enqueue(method);
                    }
                }
            }

            return result;
        }

        /// <summary>
        /// The bodies that really call <paramref name="callee"/> (directly, or through a member it implements or overrides, or
        /// by a call that does not bind), in the name index's order, each with its method and whether such a call passes a
        /// parameter on. Made once per method: the members whose writers it calls all walk up through it.
        /// </summary>
        private (SyntaxNode Caller, IMethodSymbol? Method, bool PassesParameter)[] DirectCallers(IMethodSymbol callee, CancellationToken cancellationToken)
        {
            var key = callee.OriginalDefinition;
            if (_directCallers.TryGetValue(key, out var known))
            {
                return known;
            }

            var name = NameAtCallSites(key);
            if (!_callersByName.TryGetValue(name, out var callers))
            {
                return _directCallers.GetOrAdd(key, System.Array.Empty<(SyntaxNode, IMethodSymbol?, bool)>());
            }

            // Programs reuse names across types (every module's Format, every record's constructor): instead of asking each
            // body of the name about each method of the name (quadratic), the name's calls are bound once (ResolveCalls) and
            // a method looks up the bodies that call it or a member it implements or overrides.
            var positions = new List<int>();
            if (PrivateScope(key) is { } scope)
            {
                // Only bodies inside the method's type can call it: FindCall below binds their calls of the name.
                for (var i = 0; i < callers.Count; i++)
                {
                    if (Inside(callers[i], scope))
                    {
                        positions.Add(i);
                    }
                }
            }
            else
            {
                var resolved = ResolveCalls(name, callers, cancellationToken);
                positions.AddRange(resolved.Unbound);
                var keyRef = _engine.RefOf(key);
                foreach (var entry in resolved.ByTarget)
                {
                    if (ReferenceEquals(entry.Key, keyRef) || RelatedRef(key, keyRef, entry.Key, eitherWay: false, cancellationToken))
                    {
                        positions.AddRange(entry.Value);
                    }
                }
            }

            positions.Sort();
            var result = new List<(SyntaxNode Caller, IMethodSymbol? Method, bool PassesParameter)>(positions.Count);
            for (var i = 0; i < positions.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i > 0 && positions[i] == positions[i - 1])
                {
                    continue;
                }

                var caller = callers[positions[i]];
                if (FindCall(caller, key, cancellationToken) is { } passes)
                {
                    result.Add((caller, WriterMethod(caller, cancellationToken), passes));
                }
            }

            return _directCallers.GetOrAdd(key, result.ToArray());
        }

        /// <summary>
        /// Reading 4: the functions the program's calls pass for <paramref name="parameter"/>, a delegate parameter of one of its
        /// methods (a lambda, or a method group), found at the call sites that bind to the method. A method that keeps such a
        /// callback (<c>_onLockout = handler</c>) or runs it with what it reads itself (<c>visit(account.Email)</c>) runs those
        /// functions there; a caller that passes a function inlines the method with it instead and never sees these.
        /// </summary>
        public ImmutableArray<DelegateTarget> PassedFunctions(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            if (parameter.Type.TypeKind != TypeKind.Delegate
                || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } method
                || !_engine.IsOwn(method))
            {
                return ImmutableArray<DelegateTarget>.Empty;
            }

            var key = parameter.OriginalDefinition;
            if (_passedFunctions.TryGetValue(key, out var known))
            {
                return known;
            }

            var found = new List<DelegateTarget>();
            var definition = method.OriginalDefinition;
            var name = NameAtCallSites(definition);
            var definitionRef = _engine.RefOf(definition);
            foreach (var (caller, callerMethod, _) in DirectCallers(definition, cancellationToken))
            {
                if (CallSites(caller, name, cancellationToken) is not { } sites)
                {
                    continue;
                }

                ControlFlowGraph? graph = null;
                foreach (var site in sites)
                {
                    var target = SiteTarget(site, cancellationToken);
                    if (!ReferenceEquals(target, definitionRef) || _engine.GetModel(site.SyntaxTree).GetOperation(site, cancellationToken) is not { } call)
                    {
                        continue;
                    }

                    var arguments = call switch
                    {
                        IInvocationOperation invocation => invocation.Arguments,
                        IObjectCreationOperation creation => creation.Arguments,
                        _ => ImmutableArray<IArgumentOperation>.Empty,
                    };
                    foreach (var argument in arguments)
                    {
                        if (argument.Parameter?.Ordinal != key.Ordinal)
                        {
                            continue;
                        }

                        var value = argument.Value;
                        while (value is IConversionOperation or IDelegateCreationOperation)
                        {
                            value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
                        }

                        if (value is IMethodReferenceOperation reference)
                        {
                            found.Add(new DelegateTarget(reference.Method, null));
                        }
                        else if (value is IAnonymousFunctionOperation lambda && callerMethod is not null
                            && (graph ??= _engine.GetGraph(callerMethod, cancellationToken, out _)) is { } callerGraph
                            && FindLambda(callerGraph, lambda.Syntax, 0, cancellationToken) is { } flowLambda)
                        {
                            found.Add(new DelegateTarget(flowLambda.Lambda, flowLambda.Owner));
                        }
                    }
                }
            }

            var distinct = new List<DelegateTarget>(found.Count);
            foreach (var d in found)
            {
                if (!distinct.Contains(d))
                {
                    distinct.Add(d);
                }
            }

            return _passedFunctions.GetOrAdd(key, distinct.ToImmutableArray());
        }

        /// <summary>The lambda written at <paramref name="syntax"/> as <paramref name="graph"/> (or a lambda's graph nested in it) holds it.</summary>
        private static (IFlowAnonymousFunctionOperation Lambda, ControlFlowGraph Owner)? FindLambda(ControlFlowGraph graph, SyntaxNode syntax, int depth, CancellationToken cancellationToken)
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue))
                {
                    if (!operation.Syntax.Span.Contains(syntax.Span) && !syntax.Span.Contains(operation.Syntax.Span))
                    {
                        continue;
                    }

                    foreach (var op in operation.DescendantsAndSelf())
                    {
                        if (op is not IFlowAnonymousFunctionOperation lambda)
                        {
                            continue;
                        }

                        if (lambda.Syntax == syntax)
                        {
                            return (lambda, graph);
                        }

                        if (depth < 4 && lambda.Syntax.Span.Contains(syntax.Span)
                            && FindLambda(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), syntax, depth + 1, cancellationToken) is { } nested)
                        {
                            return nested;
                        }
                    }
                }
            }

            return null;
        }

        private readonly ConcurrentDictionary<IParameterSymbol, ImmutableArray<DelegateTarget>> _passedFunctions = new ConcurrentDictionary<IParameterSymbol, ImmutableArray<DelegateTarget>>(SymbolEqualityComparer.Default);

        /// <summary>Every call of one name, bound once: the positions (in the name index) of the bodies calling each target, and of those with a call that does not bind.</summary>
        private ResolvedCalls ResolveCalls(string name, List<SyntaxNode> callers, CancellationToken cancellationToken)
        {
            if (_resolvedCalls.TryGetValue(name, out var known))
            {
                return known;
            }

            var result = new ResolvedCalls();
            for (var i = 0; i < callers.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (CallSites(callers[i], name, cancellationToken) is not { } sites)
                {
                    continue;
                }

                foreach (var site in sites)
                {
                    var target = SiteTarget(site, cancellationToken);
                    var list = result.Unbound;
                    if (target is not null && !result.ByTarget.TryGetValue(target, out list))
                    {
                        result.ByTarget[target] = list = new List<int>();
                    }

                    if (list.Count == 0 || list[list.Count - 1] != i)
                    {
                        list.Add(i);
                    }
                }
            }

            return _resolvedCalls.GetOrAdd(name, result);
        }

        private sealed class ResolvedCalls
        {
            public Dictionary<MemberRef, List<int>> ByTarget { get; } = new Dictionary<MemberRef, List<int>>();

            public List<int> Unbound { get; } = new List<int>();
        }

        private readonly ConcurrentDictionary<string, ResolvedCalls> _resolvedCalls = new ConcurrentDictionary<string, ResolvedCalls>(System.StringComparer.Ordinal);

        private readonly ConcurrentDictionary<IMethodSymbol, (SyntaxNode Caller, IMethodSymbol? Method, bool PassesParameter)[]> _directCallers = new ConcurrentDictionary<IMethodSymbol, (SyntaxNode, IMethodSymbol?, bool)[]>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Whether a writer that stores what its caller passed sends the member's value on to that caller's arguments: for
        /// statics and shared members, and for an object's own member stored by its constructor (Reading 3: a value passed to
        /// a constructor and sent by a member of the object is reported inside, at that member's sink, so the member's value
        /// is what the creation sites pass). Other instance members keep only what is concrete (their writers' symbolic
        /// stores follow the receiver through summaries).
        /// </summary>
        /// <summary>
        /// The setter methods of an object's own member: instance methods and property setters of its type that assign it from
        /// one of their parameters (<c>SetText(string t) => _text = t</c>, found by syntax in their bodies). Their direct callers
        /// are the member's successors and its writers (one level). A method that merely updates the member from its own
        /// state (<c>_last = DateTime.UtcNow</c>) is not one: its callers would join every reader of the member in one cycle.
        /// </summary>
        private IMethodSymbol[] SetterMethods(ISymbol member, CancellationToken cancellationToken)
        {
            var key = member.OriginalDefinition;
            if (_setterMethods.TryGetValue(key, out var known))
            {
                return known;
            }

            var result = new List<IMethodSymbol>();
            foreach (var writer in Writers(key, cancellationToken))
            {
                if (WriterMethod(writer, cancellationToken) is { MethodKind: not MethodKind.Constructor } method && IsOwnObjectWriter(method, key)
                    && !result.Contains(method, SymbolEqualityComparer.Default) && AssignsFromParameter(writer, key.Name, method))
                {
                    result.Add(method);
                }
            }

            return _setterMethods.GetOrAdd(key, result.ToArray());
        }

        private readonly ConcurrentDictionary<ISymbol, IMethodSymbol[]> _setterMethods = new ConcurrentDictionary<ISymbol, IMethodSymbol[]>(SymbolEqualityComparer.Default);

        /// <summary>Whether <paramref name="body"/> assigns a member named <paramref name="name"/> from an expression naming a parameter of <paramref name="method"/>.</summary>
        private static bool AssignsFromParameter(SyntaxNode body, string name, IMethodSymbol method)
        {
            if (method.Parameters.IsEmpty)
            {
                return false;
            }

            foreach (var assignment in body.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (RightmostName(assignment.Left) != name)
                {
                    continue;
                }

                foreach (var id in assignment.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    foreach (var p in method.Parameters)
                    {
                        if (p.Name == id.Identifier.ValueText)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>An instance member of an object's own state: not static, not a shared collection, not made by a primary constructor.</summary>
        internal static bool IsOwnInstanceMember(ISymbol member) => !member.IsStatic && !IsShared(member) && CreatedBy(member) is null;

        /// <summary>
        /// A method of the member's own type that stores into it as the object's own code: a constructor, an instance method or a
        /// property setter. Its symbolic stores are kept in its summary, so that callers instantiate them (Reading 3).
        /// </summary>
        internal static bool IsOwnObjectWriter(IMethodSymbol method, ISymbol member)
            => !method.IsStatic && method.MethodKind is MethodKind.Constructor or MethodKind.Ordinary or MethodKind.PropertySet
                && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, member.ContainingType?.OriginalDefinition);

        internal static bool FollowsCallers(ISymbol member) => member.IsStatic || member is IFieldSymbol or IPropertySymbol || IsCapturedPrimaryParameter(member);

        /// <summary>
        /// A parameter of a class's or struct's primary constructor (not a record's, whose parameters are properties): read in
        /// another member it is the object's captured state, a member of the write index whose writers are the creation sites.
        /// </summary>
        /// <summary>
        /// The primary constructor that writes <paramref name="key"/> from its caller's argument: for a captured parameter of a
        /// class's primary constructor, and for a record's positional property. Null for any other member.
        /// </summary>
        internal static IMethodSymbol? CreatedBy(ISymbol key)
        {
            if (IsCapturedPrimaryParameter(key))
            {
                return (IMethodSymbol)key.ContainingSymbol;
            }

            if (key is not IPropertySymbol { IsStatic: false, ContainingType: { IsRecord: true } record } property)
            {
                return null;
            }

            foreach (var ctor in record.InstanceConstructors)
            {
                foreach (var p in ctor.Parameters)
                {
                    if (p.Name == property.Name && FlowEngine.IsPrimaryConstructor(ctor))
                    {
                        return ctor;
                    }
                }
            }

            return null;
        }

        internal static bool IsCapturedPrimaryParameter(ISymbol symbol)
            => symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType.IsRecord: false } ctor } && FlowEngine.IsPrimaryConstructor(ctor);

        /// <summary>
        /// Null when <paramref name="caller"/> does not call <paramref name="method"/>; otherwise whether some such call passes
        /// on, in an argument or the receiver, a parameter of the method or lambda it is written in (or cannot be bound). Asked
        /// once per caller and method: its only caller, <see cref="DirectCallers"/>, is made once per method.
        /// </summary>
        private bool? FindCall(SyntaxNode caller, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var target = method.OriginalDefinition;
            var targetRef = _engine.RefOf(target);
            var name = NameAtCallSites(method);
            if (CallSites(caller, name, cancellationToken) is not { } sites)
            {
                return null;
            }

            // A body's call sites are grouped by name once, each site is bound once, and whether it passes a parameter on is
            // found once, whichever method of that name asks.
            bool? found = null;
            foreach (var called in sites)
            {
                var member = SiteTarget(called, cancellationToken);
                if (member is null)
                {
                    return true;
                }

                if (ReferenceEquals(member, targetRef) || RelatedRef(target, targetRef, member, eitherWay: false, cancellationToken))
                {
                    found = false;
                    if (_sitePasses.GetOrAdd(called, c => MentionsParameter(_engine.GetModel(c.SyntaxTree), c.Parent is AssignmentExpressionSyntax set && set.Left == c ? set : c, cancellationToken)))
                    {
                        return true;
                    }
                }
            }

            return found;
        }

        /// <summary>What a call or creation binds to (its original definition), bound once; null when it does not bind.</summary>
        private MemberRef? SiteTarget(SyntaxNode site, CancellationToken cancellationToken)
        {
            if (_siteTargets.TryGetValue(site, out var known))
            {
                return known;
            }

            if (_engine.TryRecallRef(site, BindingQuestion.CallTarget, cancellationToken, out var recalled))
            {
                return _siteTargets.GetOrAdd(site, recalled);
            }

            Interlocked.Increment(ref _siteBindings);
            var model = _engine.GetModel(site.SyntaxTree);
            var info = site.Parent is InitializerExpressionSyntax elements && elements.IsKind(SyntaxKind.CollectionInitializerExpression) && site is ExpressionSyntax element
                ? model.GetCollectionInitializerSymbolInfo(element, cancellationToken)
                : model.GetSymbolInfo(site, cancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
            if (site.Parent is AssignmentExpressionSyntax assignment && assignment.Left == site)
            {
                // The target of an assignment: the setter it calls; a field (or a property without a setter) stays itself, a
                // target bound to no method of the name, not a call that does not bind.
                symbol = symbol switch
                {
                    IPropertySymbol { SetMethod: { } setter } => setter,
                    IEventSymbol { AddMethod: { IsImplicitlyDeclared: false } adder } when assignment.IsKind(SyntaxKind.AddAssignmentExpression) => adder,
                    _ => symbol,
                };
            }

            var member = _engine.BoundRef(symbol?.OriginalDefinition);
            _engine.RememberRef(site, BindingQuestion.CallTarget, member, cancellationToken);
            return _siteTargets.GetOrAdd(site, member);
        }

        /// <summary>How many times a call site was bound to find the callers of a method: each site at most once (the count tests check it).</summary>
        public int SiteBindings => Volatile.Read(ref _siteBindings);

        /// <summary>The distinct call sites bound so far.</summary>
        public int BoundSites => _siteTargets.Count;

        private int _siteBindings;

        /// <summary>The calls and creations in <paramref name="caller"/> whose called name is <paramref name="name"/>, in document order.</summary>
        private List<SyntaxNode>? CallSites(SyntaxNode caller, string name, CancellationToken cancellationToken)
        {
            var sites = _engine.TreeScans.Of(caller.SyntaxTree).SitesIn(caller, cancellationToken);
            return sites.TryGetValue(name, out var named) ? named : null;
        }

        private readonly ConcurrentDictionary<SyntaxNode, MemberRef?> _siteTargets = new ConcurrentDictionary<SyntaxNode, MemberRef?>();
        private readonly ConcurrentDictionary<SyntaxNode, bool> _sitePasses = new ConcurrentDictionary<SyntaxNode, bool>();

        private static bool HasParameters(IMethodSymbol method)
        {
            foreach (var p in method.Parameters)
            {
                if (p.Type is not INamedTypeSymbol { Name: "CancellationToken" })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MentionsParameter(SemanticModel model, SyntaxNode call, CancellationToken cancellationToken)
        {
            foreach (var id in call.DescendantNodes())
            {
                if (id is IdentifierNameSyntax name && model.GetSymbolInfo(name, cancellationToken).Symbol is IParameterSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private IMethodSymbol? WriterMethod(SyntaxNode writer, CancellationToken cancellationToken)
        {
            // Memoized per writer: one write through an interface member is a writer of each of its implementations.
            if (_writerMethod.TryGetValue(writer, out var known))
            {
                return known;
            }

            return _writerMethod.GetOrAdd(writer, FindWriterMethod(writer, cancellationToken));
        }

        private readonly ConcurrentDictionary<SyntaxNode, IMethodSymbol?> _writerMethod = new ConcurrentDictionary<SyntaxNode, IMethodSymbol?>();

        private IMethodSymbol? FindWriterMethod(SyntaxNode writer, CancellationToken cancellationToken)
        {
            if (writer is CompilationUnitSyntax)
            {
                return _engine.Compilation.GetEntryPoint(cancellationToken);
            }

            var model = _engine.GetModel(writer.SyntaxTree);
            if (writer is PrimaryConstructorBaseTypeSyntax { Parent.Parent: TypeDeclarationSyntax declaration })
            {
                // The base-list entry of a primary constructor: that constructor.
                foreach (var ctor in (model.GetDeclaredSymbol(declaration, cancellationToken) as INamedTypeSymbol)?.InstanceConstructors ?? ImmutableArray<IMethodSymbol>.Empty)
                {
                    if (FlowEngine.IsPrimaryConstructor(ctor))
                    {
                        return ctor;
                    }
                }

                return null;
            }

            var symbol = writer is ArrowExpressionClauseSyntax arrow && arrow.Parent is PropertyDeclarationSyntax pd
                ? (model.GetDeclaredSymbol(pd, cancellationToken) as IPropertySymbol)?.GetMethod
                : model.GetDeclaredSymbol(writer, cancellationToken);
            return symbol as IMethodSymbol;
        }

        private (MethodAnalysis? Analysis, IMethodSymbol? Method) AnalyzeWriter(SyntaxNode writer, AnalysisStack context)
        {
            var cancellationToken = context.CancellationToken;
            var model = _engine.GetModel(writer.SyntaxTree);
            if (writer is CompilationUnitSyntax)
            {
                var entry = _engine.Compilation.GetEntryPoint(cancellationToken);
                return (entry is null ? null : _engine.AnalyzeForIndex(entry, context), entry);
            }

            if (WriterMethod(writer, cancellationToken) is { } method)
            {
                return (_engine.AnalyzeForIndex(method, context), method);
            }

            // A field or property initializer: its own little graph.
            try
            {
                var initializer = InitializerOf(writer);

                // An initializer is collected again on every pass of its member's component: its graph is built once.
                ControlFlowGraph? graph = null;
                if (initializer is not null && !_initializerGraphs.TryGetValue(initializer, out graph))
                {
                    var operation = model.GetOperation(initializer, cancellationToken);
                    graph = operation is null ? null : FlowEngine.GraphFor(operation, cancellationToken);
                    graph = _initializerGraphs.GetOrAdd(initializer, graph);
                }

                var symbol = graph is null ? null : model.GetDeclaredSymbol(writer, cancellationToken);
                if (graph is null || symbol is null)
                {
                    return (null, null);
                }

                return (_engine.AnalyzeDetached(symbol, graph, context), null);
            }
            catch (System.ArgumentException)
            {
                return (null, null);
            }
        }
    }

    /// <summary>A call through a member with many implementations: the bodies merged into one summary, and the auto-properties' names.</summary>
    internal sealed class DispatchParts
    {
        public DispatchParts(List<IMethodSymbol> bodies, string[] autoMembers)
        {
            Bodies = bodies;
            AutoMembers = autoMembers;
        }

        public List<IMethodSymbol> Bodies { get; }

        public string[] AutoMembers { get; }
    }
}
