using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers.Adoption;

namespace Minimization.Analyzers.Flow
{
    /// <summary>A <c>[PartnerShare]</c> sink as the message names it.</summary>
    internal sealed class SinkInfo
    {
        public SinkInfo(string display, string? partner, Location? location, string? key = null)
        {
            Display = display;
            Partner = partner;
            Location = location;
            Key = key ?? display;
        }

        /// <summary>The sink member's documentation-comment ID: what a baseline entry names, stable across edits elsewhere.</summary>
        public string Key { get; }

        public string Display { get; }

        public string? Partner { get; }

        public Location? Location { get; }

        public override string ToString() => Partner is null ? Display : Display + " (partner \"" + Partner + "\")";
    }

    /// <summary>
    /// The contract's attributes resolved once per compilation, and every question the engine asks about them, memoized.
    /// All caches are per compilation (this object lives in the compilation-start state), never static.
    /// </summary>
    internal sealed class FlowAnnotations
    {
        public const string IdentityBearingName = "Minimization.IdentityBearingAttribute";
        public const string NonIdentifyingName = "Minimization.NonIdentifyingAttribute";
        public const string PartnerShareName = "Minimization.PartnerShareAttribute";
        public const string MinimizerName = "Minimization.MinimizerAttribute";

        private static readonly object NoSource = new object();

        private readonly INamedTypeSymbol? _identityBearing;
        private readonly INamedTypeSymbol? _nonIdentifying;
        private readonly INamedTypeSymbol? _partnerShare;
        private readonly INamedTypeSymbol? _minimizer;
        private readonly FlowOptions _options;
        private readonly AdoptionModel _adoption;

        private readonly ConcurrentDictionary<ITypeSymbol, object> _typeSources = new ConcurrentDictionary<ITypeSymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, object> _memberSources = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, object> _sinks = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, object> _returnSources = new ConcurrentDictionary<IMethodSymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, string> _displays = new ConcurrentDictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _anySink = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> _nonIdentifyingMembers = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _minimizers = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        private FlowAnnotations(INamedTypeSymbol? identityBearing, INamedTypeSymbol? nonIdentifying, INamedTypeSymbol? partnerShare, INamedTypeSymbol? minimizer, FlowOptions options, AdoptionModel adoption)
        {
            _adoption = adoption;
            _identityBearing = identityBearing;
            _nonIdentifying = nonIdentifying;
            _partnerShare = partnerShare;
            _minimizer = minimizer;
            _options = options;
        }

        public FlowOptions Options => _options;

        /// <summary>What the codebase declares without the toolkit's attributes (ecosystem attributes, configured sources and sinks).</summary>
        public AdoptionModel Adoption => _adoption;

        /// <summary>Null when the compilation cannot contain a flow (no identity or no sink attribute): the analyzer then registers nothing.</summary>
        public static FlowAnnotations? TryCreate(Compilation compilation, FlowOptions options)
        {
            var identity = compilation.GetTypeByMetadataName(IdentityBearingName);
            var share = compilation.GetTypeByMetadataName(PartnerShareName);
            var adoption = new AdoptionModel(compilation, options.Adoption);
            if (identity is null && !adoption.CanHaveSources || share is null && !adoption.CanHaveSinks)
            {
                return null;
            }

            return new FlowAnnotations(identity, compilation.GetTypeByMetadataName(NonIdentifyingName), share, compilation.GetTypeByMetadataName(MinimizerName), options, adoption);
        }

        public static string Describe(ISymbol symbol)
        {
            switch (symbol)
            {
                case IMethodSymbol m when m.MethodKind == MethodKind.Constructor:
                    return "new " + m.ContainingType.Name;
                case IMethodSymbol m when m.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet && m.AssociatedSymbol is not null:
                    return Describe(m.AssociatedSymbol);
                case IMethodSymbol m when m.MethodKind == MethodKind.LocalFunction:
                    return m.Name;
                case IParameterSymbol p:
                    return "parameter '" + p.Name + "'";
                case ILocalSymbol l:
                    return "local '" + l.Name + "'";
                default:
                    return symbol.ContainingType is null ? symbol.Name : symbol.ContainingType.Name + "." + symbol.Name;
            }
        }

        /// <summary><see cref="DescribeCall"/>, memoized: a callee is named on every path that crosses it.</summary>
        public string Display(IMethodSymbol m) => _displays.GetOrAdd(m.OriginalDefinition, DescribeCall);

        /// <summary>
        /// How a path names a call into code without source, memoized: a method of the program (an interface without an
        /// implementation) as <see cref="Display"/> does, a referenced assembly's method without its parameter list
        /// (<c>Enumerable.Select(…)</c>): the generic signature of a framework method says nothing a reviewer needs.
        /// </summary>
        public string LibraryDisplay(IMethodSymbol m) => _libraryDisplays.GetOrAdd(m.OriginalDefinition, DescribeLibraryCall);

        private readonly ConcurrentDictionary<IMethodSymbol, string> _libraryDisplays = new ConcurrentDictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);

        private static string DescribeLibraryCall(IMethodSymbol m)
            => !m.DeclaringSyntaxReferences.IsEmpty || m.Parameters.Length == 0 || m.MethodKind is MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.PropertySet
                ? DescribeCall(m)
                : (m.ContainingType is null ? string.Empty : m.ContainingType.Name + ".") + m.Name + "(…)";

        public static string DescribeCall(IMethodSymbol m)
        {
            if (m.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.Constructor)
            {
                return Describe(m);
            }

            var parts = new List<string>(m.Parameters.Length);
            foreach (var p in m.Parameters)
            {
                parts.Add(p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
            }

            var owner = m.MethodKind == MethodKind.LocalFunction || m.ContainingType is null ? string.Empty : m.ContainingType.Name + ".";
            return owner + m.Name + "(" + string.Join(", ", parts) + ")";
        }

        private bool Has(ISymbol symbol, INamedTypeSymbol? attribute, out AttributeData? data)
        {
            data = null;
            if (attribute is null)
            {
                return false;
            }

            foreach (var a in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
                {
                    data = a;
                    return true;
                }
            }

            return false;
        }

        private static string? FirstStringArgument(AttributeData? data)
        {
            if (data is null)
            {
                return null;
            }

            foreach (var arg in data.ConstructorArguments)
            {
                if (arg.Kind == TypedConstantKind.Primitive && arg.Value is string s)
                {
                    return s;
                }
            }

            foreach (var named in data.NamedArguments)
            {
                if (named.Value.Value is string s)
                {
                    return s;
                }
            }

            return null;
        }

        /// <summary>The members a member stands for: itself, what it overrides, and the interface members it implements.</summary>
        private static IEnumerable<ISymbol> Family(ISymbol member)
        {
            yield return member;
            var current = member;
            for (var guard = 0; guard < 32; guard++)
            {
                ISymbol? overridden = current switch
                {
                    IMethodSymbol m => m.OverriddenMethod,
                    IPropertySymbol p => p.OverriddenProperty,
                    IEventSymbol e => e.OverriddenEvent,
                    _ => null,
                };
                if (overridden is null)
                {
                    break;
                }

                yield return overridden;
                current = overridden;
            }

            var type = member.ContainingType;
            if (type is null || member.IsStatic && type.TypeKind != TypeKind.Interface)
            {
                yield break;
            }

            switch (member)
            {
                case IMethodSymbol m:
                    foreach (var e in m.ExplicitInterfaceImplementations)
                    {
                        yield return e;
                    }

                    break;
                case IPropertySymbol p:
                    foreach (var e in p.ExplicitInterfaceImplementations)
                    {
                        yield return e;
                    }

                    break;
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                yield break;
            }

            foreach (var iface in type.AllInterfaces)
            {
                foreach (var candidate in iface.GetMembers(member.Name))
                {
                    var impl = ImplementationIndex.FindImplementation(type, candidate);
                    if (impl is not null && SymbolEqualityComparer.Default.Equals(impl.OriginalDefinition, member.OriginalDefinition))
                    {
                        yield return candidate;
                    }
                }
            }
        }

        /// <summary>The source a value of this static type carries, if its type (or a base, interface or element type) is identity-bearing.</summary>
        public IdentitySource? TypeSource(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind == TypeKind.Error || type.SpecialType != SpecialType.None)
            {
                return null;
            }

            var result = _typeSources.GetOrAdd(type, t => (object?)ComputeTypeSource(t, 0) ?? NoSource);
            return result as IdentitySource;
        }

        private IdentitySource? ComputeTypeSource(ITypeSymbol type, int depth)
        {
            if (depth > 3 || type.SpecialType != SpecialType.None)
            {
                return null;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    return ComputeTypeSource(array.ElementType, depth + 1);
                case ITypeParameterSymbol parameter:
                    // Reading 7: an unconstrained T is no source of its own; a T constrained to an identity-bearing interface
                    // or class is one, whatever it is instantiated with.
                    foreach (var constraint in parameter.ConstraintTypes)
                    {
                        if (ComputeTypeSource(constraint, depth + 1) is { } constrained)
                        {
                            return constrained;
                        }
                    }

                    return null;
                case INamedTypeSymbol named:
                    if (named.TypeKind == TypeKind.Delegate)
                    {
                        return null;
                    }

                    if (FindBearing(named, out var declaring, out var category))
                    {
                        // Named after the annotated base class, or after the type itself when an interface makes it bearing.
                        var owner = declaring ?? named;
                        return new IdentitySource(owner.Name, category, owner.Locations.Length > 0 ? owner.Locations[0] : null, owner.OriginalDefinition);
                    }

                    var parameters = named.OriginalDefinition.TypeParameters;
                    for (var i = 0; i < named.TypeArguments.Length; i++)
                    {
                        // A type argument counts only where the type can hand a value of it out (a collection, a task, a
                        // wrapper holding one): a specification, comparer, logger or handler of customers holds none.
                        if (i < parameters.Length && !Yields(named.OriginalDefinition, i))
                        {
                            continue;
                        }

                        var inner = ComputeTypeSource(named.TypeArguments[i], depth + 1);
                        if (inner is not null)
                        {
                            return inner;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether an object of the generic type <paramref name="definition"/> can hold or hand out a value of its type parameter
        /// number <paramref name="ordinal"/>: a field, property or event whose type can (<see cref="CanYield"/>), a method returning
        /// one or giving one through a <c>ref</c>/<c>out</c> parameter or to a callback, in the type or anything it derives from
        /// or implements. A type whose every use of the parameter is a plain input (<c>bool IsSatisfiedBy(T candidate)</c>,
        /// <c>int Compare(T x, T y)</c>) or none at all (<c>ILogger&lt;T&gt;</c>) does not: a specification, comparer, logger or
        /// handler of customers holds no customer.
        /// </summary>
        private bool Yields(INamedTypeSymbol definition, int ordinal)
        {
            var key = (definition.OriginalDefinition, ordinal);
            if (_yields.TryGetValue(key, out var known))
            {
                return known;
            }

            var result = ComputeYields(key.Item1, ordinal, new HashSet<(INamedTypeSymbol, int)>(new DefinitionOrdinalComparer()));
            _yields.TryAdd(key, result);
            return result;
        }

        private readonly ConcurrentDictionary<(INamedTypeSymbol Definition, int Ordinal), bool> _yields
            = new ConcurrentDictionary<(INamedTypeSymbol Definition, int Ordinal), bool>(new DefinitionOrdinalComparer());

        private sealed class DefinitionOrdinalComparer : IEqualityComparer<(INamedTypeSymbol Definition, int Ordinal)>
        {
            public bool Equals((INamedTypeSymbol Definition, int Ordinal) x, (INamedTypeSymbol Definition, int Ordinal) y)
                => x.Ordinal == y.Ordinal && SymbolEqualityComparer.Default.Equals(x.Definition, y.Definition);

            public int GetHashCode((INamedTypeSymbol Definition, int Ordinal) obj)
                => (SymbolEqualityComparer.Default.GetHashCode(obj.Definition) * 31) + obj.Ordinal;
        }

        /// <summary>
        /// <see cref="Yields"/> with the definitions being decided further up: one met again is assumed not to yield (the other
        /// members decide), so a "no" is kept only where nothing was assumed, a "yes" always.
        /// </summary>
        private bool ComputeYields(INamedTypeSymbol definition, int ordinal, HashSet<(INamedTypeSymbol, int)> visiting)
        {
            if (_yields.TryGetValue((definition, ordinal), out var known))
            {
                return known;
            }

            var parameter = definition.TypeParameters[ordinal];
            if (parameter.Variance == VarianceKind.In)
            {
                // The compiler checked it: a contravariant parameter is never handed out.
                return false;
            }

            if (definition.TypeKind == TypeKind.Delegate || parameter.Variance == VarianceKind.Out)
            {
                return true;
            }

            if (!visiting.Add((definition, ordinal)))
            {
                // Being decided further up: assumed not to yield, the other members decide.
                return false;
            }

            var types = new List<INamedTypeSymbol> { definition };
            for (var b = definition.BaseType; b is not null; b = b.BaseType)
            {
                types.Add(b);
            }

            // Bases and interfaces come with their members written in terms of this type's parameters.
            types.AddRange(definition.AllInterfaces);
            var result = false;
            foreach (var type in types)
            {
                foreach (var member in type.GetMembers())
                {
                    result = member switch
                    {
                        IFieldSymbol field => CanYield(field.Type, parameter, visiting),
                        IPropertySymbol property => CanYield(property.Type, parameter, visiting),
                        IEventSymbol @event => Receives(@event.Type, parameter),
                        IMethodSymbol method => MethodYields(method, parameter, visiting),
                        _ => false,
                    };

                    if (result)
                    {
                        break;
                    }
                }

                if (result)
                {
                    break;
                }
            }

            visiting.Remove((definition, ordinal));
            if (result)
            {
                _yields.TryAdd((definition, ordinal), true);
            }

            return result;
        }

        private bool MethodYields(IMethodSymbol method, ITypeParameterSymbol parameter, HashSet<(INamedTypeSymbol, int)> visiting)
        {
            if (method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise
                or MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor)
            {
                // Accessors are their property or event; what a constructor is given, the object holds only in its fields.
                return false;
            }

            if (!method.ReturnsVoid && CanYield(method.ReturnType, parameter, visiting))
            {
                return true;
            }

            foreach (var p in method.Parameters)
            {
                if (p.RefKind is RefKind.Out or RefKind.Ref ? CanYield(p.Type, parameter, visiting) : Receives(p.Type, parameter))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a value of <paramref name="type"/> can give out a value of <paramref name="parameter"/>.</summary>
        private bool CanYield(ITypeSymbol type, ITypeParameterSymbol parameter, HashSet<(INamedTypeSymbol, int)> visiting)
        {
            switch (type)
            {
                case ITypeParameterSymbol p:
                    return SymbolEqualityComparer.Default.Equals(p, parameter);
                case IArrayTypeSymbol array:
                    return CanYield(array.ElementType, parameter, visiting);
                case IPointerTypeSymbol pointer:
                    return CanYield(pointer.PointedAtType, parameter, visiting);
                case INamedTypeSymbol named:
                    if (named.TypeKind == TypeKind.Delegate)
                    {
                        return named.DelegateInvokeMethod is { ReturnsVoid: false } invoke && CanYield(invoke.ReturnType, parameter, visiting);
                    }

                    if (named.ContainingType is { } outer && Mentions(outer, parameter))
                    {
                        // A nested type of a generic one (a list's enumerator): taken as handing the outer's parameters out.
                        return true;
                    }

                    var definition = named.OriginalDefinition;
                    for (var i = 0; i < named.TypeArguments.Length; i++)
                    {
                        if (Mentions(named.TypeArguments[i], parameter) && ComputeYields(definition, i, visiting) && CanYield(named.TypeArguments[i], parameter, visiting))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>A callback (or an observer, a collection to fill: any type built over it but the parameter itself) that could be handed a value of <paramref name="parameter"/>.</summary>
        private static bool Receives(ITypeSymbol type, ITypeParameterSymbol parameter)
            => type is not ITypeParameterSymbol && Mentions(type, parameter);

        private static bool Mentions(ITypeSymbol type, ITypeParameterSymbol parameter, int depth = 0)
        {
            if (depth > 8)
            {
                return true;
            }

            switch (type)
            {
                case ITypeParameterSymbol p:
                    return SymbolEqualityComparer.Default.Equals(p, parameter);
                case IArrayTypeSymbol array:
                    return Mentions(array.ElementType, parameter, depth + 1);
                case IPointerTypeSymbol pointer:
                    return Mentions(pointer.PointedAtType, parameter, depth + 1);
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (Mentions(argument, parameter, depth + 1))
                        {
                            return true;
                        }
                    }

                    return named.ContainingType is { } outer && Mentions(outer, parameter, depth + 1);
                default:
                    return false;
            }
        }

        public bool IsNonIdentifying(ISymbol member)
        {
            if (_nonIdentifying is null)
            {
                return false;
            }

            return _nonIdentifyingMembers.GetOrAdd(member.OriginalDefinition, m =>
            {
                foreach (var f in Family(m))
                {
                    if (Has(f, _nonIdentifying, out _))
                    {
                        return true;
                    }
                }

                return false;
            });
        }

        /// <summary>
        /// The source a read of <paramref name="member"/> yields by declaration: an annotated member, or a member of an
        /// identity-bearing type (its own or the receiver's) that is not <c>[NonIdentifying]</c>.
        /// </summary>
        public IdentitySource? MemberSource(ISymbol member, ITypeSymbol? receiverType)
        {
            var declared = _memberSources.GetOrAdd(member.OriginalDefinition, m => (object?)ComputeMemberSource(m) ?? NoSource) as IdentitySource;
            if (declared is not null)
            {
                return declared;
            }

            // A member read from a value whose own type (or a base or interface of it) is identity-bearing: the value is one
            // person's record. A collection of such records is not: its Count is a size, its elements are read by indexers.
            if (receiverType is INamedTypeSymbol { TypeKind: not TypeKind.Error } receiver && !SymbolEqualityComparer.Default.Equals(receiverType, member.ContainingType)
                && IsDirectlyBearing(receiver) && !IsNonIdentifying(member))
            {
                return MakeMemberSource(member, null);
            }

            return null;
        }

        private bool IsDirectlyBearing(INamedTypeSymbol type) => FindBearing(type, out _, out _);

        /// <summary>
        /// Whether a value of <paramref name="type"/> is identity by its type's own declarations (it, a base or an interface is
        /// identity-bearing), not only as a container of such values (a tuple, a pair, a wrapper or a list of customers).
        /// </summary>
        public bool IsBearingItself(ITypeSymbol? type) => type is INamedTypeSymbol named && TypeSource(named) is not null && IsDirectlyBearing(named);

        /// <summary>
        /// The <c>[IdentityBearing]</c> that makes <paramref name="type"/> itself bearing: on it or a base class
        /// (<paramref name="declaringBase"/> is that class) or on an interface it implements (<paramref name="declaringBase"/> is null).
        /// </summary>
        private bool FindBearing(INamedTypeSymbol type, out INamedTypeSymbol? declaringBase, out string? category)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (IsBearingType(t.OriginalDefinition, out category))
                {
                    declaringBase = t;
                    return true;
                }
            }

            declaringBase = null;
            foreach (var i in type.AllInterfaces)
            {
                if (IsBearingType(i.OriginalDefinition, out category))
                {
                    return true;
                }
            }

            category = null;
            return false;
        }

        /// <summary><c>[IdentityBearing]</c> on the type, a recognized attribute of the ecosystem, or a <c>minimization.identity_bearing</c> entry.</summary>
        private bool IsBearingType(INamedTypeSymbol type, out string? category)
        {
            if (Has(type, _identityBearing, out var data))
            {
                category = FirstStringArgument(data);
                return true;
            }

            return _adoption.HasIdentityAttribute(type, out category) || _adoption.IsConfiguredType(type, out category);
        }

        private IdentitySource? ComputeMemberSource(ISymbol member)
        {
            foreach (var m in Family(member))
            {
                if (Has(m, _identityBearing, out var data))
                {
                    return MakeMemberSource(member, FirstStringArgument(data));
                }
            }

            if (member.ContainingType is not null && IsDirectlyBearing(member.ContainingType) && TypeSource(member.ContainingType) is { } typeSource && !IsNonIdentifying(member))
            {
                return MakeMemberSource(member, typeSource.Category);
            }

            // Declared the ecosystem's way ([PersonalData], [Phone], a data classification) or in configuration; [NonIdentifying] wins.
            if (!IsNonIdentifying(member))
            {
                foreach (var m in Family(member))
                {
                    if (_adoption.HasIdentityAttribute(m, out var category) || _adoption.IsConfiguredMember(m, out category))
                    {
                        return MakeMemberSource(member, category);
                    }
                }
            }

            return null;
        }

        private static IdentitySource MakeMemberSource(ISymbol member, string? category)
            => new IdentitySource(Describe(member), category, member.Locations.Length > 0 ? member.Locations[0] : null, member.OriginalDefinition);

        public IdentitySource? ParameterSource(IParameterSymbol parameter)
        {
            if (Has(parameter, _identityBearing, out var data))
            {
                return new IdentitySource("parameter '" + parameter.Name + "'", FirstStringArgument(data), parameter.Locations.Length > 0 ? parameter.Locations[0] : null, parameter.OriginalDefinition);
            }

            if (parameter.ContainingSymbol is IMethodSymbol method)
            {
                foreach (var m in Family(method.OriginalDefinition))
                {
                    if (m is IMethodSymbol fm && parameter.Ordinal < fm.Parameters.Length && Has(fm.Parameters[parameter.Ordinal], _identityBearing, out data))
                    {
                        return new IdentitySource("parameter '" + parameter.Name + "'", FirstStringArgument(data), parameter.Locations.Length > 0 ? parameter.Locations[0] : null, parameter.OriginalDefinition);
                    }

                    if (m is IMethodSymbol am && parameter.Ordinal < am.Parameters.Length && _adoption.HasIdentityAttribute(am.Parameters[parameter.Ordinal], out var category))
                    {
                        return new IdentitySource("parameter '" + parameter.Name + "'", category, parameter.Locations.Length > 0 ? parameter.Locations[0] : null, parameter.OriginalDefinition);
                    }
                }
            }

            return null;
        }

        public IdentitySource? ReturnSource(IMethodSymbol method)
        {
            var key = method.OriginalDefinition;
            var result = _returnSources.GetOrAdd(key, _ =>
            {
                foreach (var m in Family(key))
                {
                    if (m is IMethodSymbol fm)
                    {
                        foreach (var a in fm.GetReturnTypeAttributes())
                        {
                            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, _identityBearing))
                            {
                                return new IdentitySource(DescribeCall(key), FirstStringArgument(a), key.Locations.Length > 0 ? key.Locations[0] : null, new ReturnSourceKey(key));
                            }
                        }

                        if (_adoption.HasReturnIdentityAttribute(fm, out var category) || fm.MethodKind == MethodKind.Ordinary && _adoption.IsConfiguredMember(fm, out category))
                        {
                            return new IdentitySource(DescribeCall(key), category, key.Locations.Length > 0 ? key.Locations[0] : null, new ReturnSourceKey(key));
                        }
                    }
                }

                return NoSource;
            });
            return result as IdentitySource;
        }

        public bool IsMinimizer(IMethodSymbol method)
        {
            return _minimizers.GetOrAdd(method.OriginalDefinition, m =>
            {
                foreach (var f in Family(m))
                {
                    if (Has(f, _minimizer, out _))
                    {
                        return true;
                    }
                }

                return FlowOptions.Matches(_options.Minimizers, m) || _adoption.IsBuiltInMinimizer(m);
            });
        }

        /// <summary>The sink of a whole method (every argument), if the method or a member it overrides/implements is <c>[PartnerShare]</c>.</summary>
        public SinkInfo? MethodSink(IMethodSymbol method)
            => _sinks.GetOrAdd(method.OriginalDefinition, m => (object?)ComputeSink(m) ?? NoSource) as SinkInfo;

        public SinkInfo? PropertySink(IPropertySymbol property)
            => _sinks.GetOrAdd(property.OriginalDefinition, p => (object?)ComputeSink(p) ?? NoSource) as SinkInfo;

        private SinkInfo? ComputeSink(ISymbol member)
        {
            foreach (var m in Family(member))
            {
                if (Has(m, _partnerShare, out var data))
                {
                    return new SinkInfo(Describe(member), FirstStringArgument(data), member.Locations.Length > 0 ? member.Locations[0] : null, member.GetDocumentationCommentId());
                }

                if (m is IMethodSymbol method && _adoption.ConfiguredSink(method) is { } configured)
                {
                    return new SinkInfo(Describe(member), configured.Value, member.Locations.Length > 0 ? member.Locations[0] : null, member.GetDocumentationCommentId());
                }
            }

            return null;
        }

        /// <summary>The sink of one parameter: the method's own sink, or a <c>[PartnerShare]</c> parameter here or on a member it overrides/implements.</summary>
        public SinkInfo? ParameterSink(IMethodSymbol method, IParameterSymbol? parameter)
        {
            var whole = MethodSink(method);
            if (whole is not null || parameter is null)
            {
                return whole;
            }

            var key = parameter.OriginalDefinition;
            return _sinks.GetOrAdd(key, _ =>
            {
                foreach (var m in Family(method.OriginalDefinition))
                {
                    if (m is IMethodSymbol fm && parameter.Ordinal < fm.Parameters.Length && Has(fm.Parameters[parameter.Ordinal], _partnerShare, out var data))
                    {
                        return new SinkInfo(Describe(method) + "(" + parameter.Name + ")", FirstStringArgument(data), parameter.Locations.Length > 0 ? parameter.Locations[0] : null, method.OriginalDefinition.GetDocumentationCommentId());
                    }
                }

                return NoSource;
            }) as SinkInfo;
        }

        /// <summary>Whether the method or any parameter of it is a sink: cheap pre-check for calls.</summary>
        public bool HasAnySink(IMethodSymbol method)
            => _anySink.GetOrAdd(method.OriginalDefinition, m =>
            {
                if (MethodSink(m) is not null)
                {
                    return true;
                }

                foreach (var p in m.Parameters)
                {
                    if (ParameterSink(m, p) is not null)
                    {
                        return true;
                    }
                }

                return false;
            });
    }

    /// <summary>Distinguishes "the method's return value" from "the method" as a source key.</summary>
    internal sealed class ReturnSourceKey : IEquatable<ReturnSourceKey>
    {
        public ReturnSourceKey(IMethodSymbol method) => Method = method;

        public IMethodSymbol Method { get; }

        public bool Equals(ReturnSourceKey? other) => other is not null && SymbolEqualityComparer.Default.Equals(Method, other.Method);

        public override bool Equals(object? obj) => Equals(obj as ReturnSourceKey);

        public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Method) ^ 0x5bd1e995;
    }
}
