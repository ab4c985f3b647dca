using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

// Shared, symbol-level knowledge about minimization policies. PolicyAnalyzer (MIN002–MIN009, MIN014, MIN015) and the
// generator in Minimization.Generators (which links this file) must agree on which members count, which policy fits which
// type, which arguments are valid and what generated code can carry; both take their verdict from Evaluate, so the
// generator cannot emit a member the analyzer rejects, or the reverse.
namespace Minimization.Analyzers
{
    internal enum PolicyKind
    {
        Drop,
        Keep,
        Pseudonymize,
        KeepPrefix,
        MaskIpAddress,
        SnapToGrid,
        TruncateTime,
        Bucket,
        BucketBoundaries,
        Generalize,
        ShiftDate,
        Nested,
    }

    /// <summary>Whether a member's policy applies to the value itself or to each element of a collection.</summary>
    internal enum CollectionShape
    {
        /// <summary>Not a collection, or a [Drop]/[Keep] member (those take the whole value).</summary>
        None,

        /// <summary>An array or a generic collection interface or class the generated code enumerates.</summary>
        Enumerable,

        /// <summary>System.Collections.Immutable.ImmutableArray&lt;T&gt; (a struct; a default one gives null).</summary>
        ImmutableArray,
    }

    internal enum ValueShape
    {
        Other,
        String,
        Integral,
        UInt64,
        Floating,
        Decimal,
        Guid,
        DateTime,
        DateTimeOffset,
        DateOnly,
        TimeSpan,
        IPAddress,
        GeoPoint,
        Enum,

        /// <summary>A type with [GenerateMinimizer] (in this compilation or a referenced one): minimized by its own minimizer.</summary>
        Minimizable,
    }

    internal readonly struct FoundPolicy
    {
        public FoundPolicy(PolicyKind kind, AttributeData attribute)
        {
            Kind = kind;
            Attribute = attribute;
        }

        public PolicyKind Kind { get; }

        public AttributeData Attribute { get; }
    }

    /// <summary>What keeps a member out of the generated minimizer, if anything; each value is one rule.</summary>
    internal enum MemberIssue
    {
        /// <summary>The member is minimized (or dropped) as declared.</summary>
        None,

        /// <summary>The member's type does not bind; the compiler reports that, the generator leaves the member out.</summary>
        BrokenType,

        /// <summary>MIN002.</summary>
        NoPolicy,

        /// <summary>MIN005.</summary>
        MultiplePolicies,

        /// <summary>MIN003.</summary>
        DoesNotFit,

        /// <summary>MIN008.</summary>
        InvalidArgument,

        /// <summary>MIN004.</summary>
        KeepWithoutJustification,

        /// <summary>MIN014.</summary>
        CannotCarry,
    }

    /// <summary>The one verdict on a member of a minimized type, shared by PolicyAnalyzer and the generator.</summary>
    internal readonly struct MemberVerdict
    {
        public MemberVerdict(ISymbol member, ITypeSymbol? memberType, ValueShape shape, bool isNullableValue, ImmutableArray<FoundPolicy> policies, MemberIssue issue, string? problem)
            : this(member, memberType, memberType, CollectionShape.None, false, shape, isNullableValue, policies, issue, problem, null)
        {
        }

        public MemberVerdict(
            ISymbol member, ITypeSymbol? memberType, ITypeSymbol? valueType, CollectionShape collection, bool collectionIsNullableValue, ValueShape shape,
            bool isNullableValue, ImmutableArray<FoundPolicy> policies, MemberIssue issue, string? problem, AttributeData? problemAttribute)
        {
            Member = member;
            MemberType = memberType;
            ValueType = valueType;
            Collection = collection;
            CollectionIsNullableValue = collectionIsNullableValue;
            Shape = shape;
            IsNullableValue = isNullableValue;
            Policies = policies;
            Issue = issue;
            Problem = problem;
            ProblemAttribute = problemAttribute;
        }

        /// <summary>The type the policy applies to: the member's type, or for a collection its element type.</summary>
        public ITypeSymbol? ValueType { get; }

        /// <summary>Whether the policy applies element by element.</summary>
        public CollectionShape Collection { get; }

        /// <summary>The collection is a nullable ImmutableArray.</summary>
        public bool CollectionIsNullableValue { get; }

        /// <summary>When the problem is in an attribute that is not the policy (a [SuppressRare] beside it): that attribute.</summary>
        public AttributeData? ProblemAttribute { get; }

        public ISymbol Member { get; }

        public ITypeSymbol? MemberType { get; }

        public ValueShape Shape { get; }

        public bool IsNullableValue { get; }

        public ImmutableArray<FoundPolicy> Policies { get; }

        public MemberIssue Issue { get; }

        /// <summary>For <see cref="MemberIssue.InvalidArgument"/> and <see cref="MemberIssue.CannotCarry"/>: what is wrong, as a clause.</summary>
        public string? Problem { get; }

        public FoundPolicy Policy => Policies[0];
    }

    internal static class PolicyCatalog
    {
        public const string AnnotationsNamespace = "Minimization";
        public const string GenerateMinimizerMetadataName = "Minimization.GenerateMinimizerAttribute";
        public const string RuntimeContextMetadataName = "Minimization.Runtime.MinimizationContext";

        /// <summary>Every runtime type and method generated code calls, by name: the generator writes nothing unless all exist.</summary>
        private static readonly (string Type, string Member)[] RuntimeMembersCalled =
        {
            ("MinimizationContext", "Pseudonymize"),
            ("MinimizationContext", "ShiftDate"),
            ("Prefixes", "KeepDigits"),
            ("Prefixes", "KeepCharacters"),
            ("IpMasking", "Mask"),
            ("GeoGrid", "Snap"),
            ("GeoGrid", "SnapPoint"),
            ("TimeTruncation", "Truncate"),
            ("Bucketing", "ByWidth"),
            ("Bucketing", "ByBoundaries"),
            ("GeneralizationMap", "Generalize"),
            ("RareValues", "Suppress"),
            ("CollectionMinimization", "Map"),
        };

        /// <summary>
        /// Why generated code could not compile against the compilation's Minimization.Runtime, or null: it is not
        /// referenced, or it lacks a type or method the generated code calls (an older version).
        /// </summary>
        public static string? GetRuntimeProblem(Compilation compilation)
        {
            if (compilation.GetTypeByMetadataName(RuntimeContextMetadataName) is null)
            {
                return "the project does not reference the Minimization.Runtime package that the generated code calls";
            }

            foreach ((string typeName, string memberName) in RuntimeMembersCalled)
            {
                INamedTypeSymbol? runtimeType = compilation.GetTypeByMetadataName("Minimization.Runtime." + typeName);
                if (runtimeType is null || !runtimeType.GetMembers(memberName).Any(m => m is IMethodSymbol { DeclaredAccessibility: Accessibility.Public }))
                {
                    return "the referenced Minimization.Runtime has no public '" + typeName + "." + memberName + "', which the generated code calls; reference the Minimization.Runtime version that matches Minimization.Analyzers";
                }
            }

            return null;
        }

        /// <summary>The second line of every generated file; how the analyzer tells the generator's declarations from the user's.</summary>
        public const string GeneratedFileHeader = "// Written by Minimization.Generators";

        /// <summary>The name of the static method the generator adds to the type.</summary>
        public const string MinimizeCoreName = "MinimizeCore";

        /// <summary>The name of the static batch method the generator adds to a type with [SuppressRare] members.</summary>
        public const string MinimizeBatchCoreName = "MinimizeBatchCore";

        private static readonly PolicyKind[] AllKinds = (PolicyKind[])Enum.GetValues(typeof(PolicyKind));

        public static string AttributeName(PolicyKind kind) => kind.ToString() + "Attribute";

        public static string Display(PolicyKind kind) => "[" + kind.ToString() + "]";

        public static bool IsAnnotation(INamedTypeSymbol? attributeClass, string name)
            => attributeClass is not null
               && attributeClass.Name == name
               && attributeClass.ContainingNamespace is { Name: AnnotationsNamespace } ns
               && ns.ContainingNamespace is { IsGlobalNamespace: true };

        public static bool TryGetPolicyKind(INamedTypeSymbol? attributeClass, out PolicyKind kind)
        {
            if (attributeClass is not null && attributeClass.Name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                foreach (PolicyKind candidate in AllKinds)
                {
                    if (IsAnnotation(attributeClass, AttributeName(candidate)))
                    {
                        kind = candidate;
                        return true;
                    }
                }
            }

            kind = default;
            return false;
        }

        public static AttributeData? FindAttribute(ISymbol symbol, string name)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (IsAnnotation(attribute.AttributeClass, name))
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary>The instance fields and properties whose values a minimized copy could carry, in declaration order.</summary>
        public static ImmutableArray<ISymbol> GetCandidateMembers(INamedTypeSymbol type)
        {
            ImmutableArray<ISymbol>.Builder builder = ImmutableArray.CreateBuilder<ISymbol>();
            foreach (ISymbol member in type.GetMembers())
            {
                switch (member)
                {
                    case IFieldSymbol field when !field.IsStatic && !field.IsConst && !field.IsImplicitlyDeclared && field.AssociatedSymbol is null:
                        builder.Add(field);
                        break;
                    case IPropertySymbol property when !property.IsStatic && !property.IsIndexer && !property.IsImplicitlyDeclared
                                                      && property.GetMethod is not null && property.ExplicitInterfaceImplementations.IsEmpty
                                                      && !(type.IsRecord && property.Name == "EqualityContract"):
                        builder.Add(property);
                        break;
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// The members a minimized copy of <paramref name="type"/> must account for: those of its source base types first
        /// (base-most first), then its own. A base declaration that a more derived type overrides is represented by the
        /// override. Base types from metadata are not walked: their members carry no policies this compilation can see.
        /// </summary>
        public static ImmutableArray<ISymbol> GetMinimizedMembers(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null && IsFromSource(current); current = current.BaseType)
            {
                chain.Add(current);
            }

            var overridden = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var perType = new List<ImmutableArray<ISymbol>>();
            foreach (INamedTypeSymbol current in chain)
            {
                ImmutableArray<ISymbol> members = GetCandidateMembers(current);
                perType.Add(members);
                foreach (ISymbol member in members)
                {
                    for (IPropertySymbol? p = (member as IPropertySymbol)?.OverriddenProperty; p is not null; p = p.OverriddenProperty)
                    {
                        overridden.Add(p);
                    }
                }
            }

            ImmutableArray<ISymbol>.Builder builder = ImmutableArray.CreateBuilder<ISymbol>();
            for (int i = perType.Count - 1; i >= 0; i--)
            {
                foreach (ISymbol member in perType[i])
                {
                    if (!overridden.Contains(member))
                    {
                        builder.Add(member);
                    }
                }
            }

            return builder.ToImmutable();
        }

        public static bool IsFromSource(INamedTypeSymbol type) => !type.DeclaringSyntaxReferences.IsEmpty;

        /// <summary>Whether <paramref name="member"/> is declared by a base type of <paramref name="type"/> rather than by the type itself.</summary>
        public static bool IsInherited(INamedTypeSymbol type, ISymbol member)
            => !SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, type.OriginalDefinition);

        /// <summary>
        /// Why generated code in <paramref name="type"/> could not read an inherited member as <c>source.Name</c>, or null:
        /// it is private to its base type, or a more derived type declares a member of the same name.
        /// </summary>
        public static string? GetReadProblem(INamedTypeSymbol type, ISymbol member)
        {
            if (!IsInherited(type, member))
            {
                return null;
            }

            string owner = member.ContainingType.Name;
            Accessibility access = member is IPropertySymbol { GetMethod: { } getter } ? getter.DeclaredAccessibility : member.DeclaredAccessibility;
            if (access == Accessibility.Private)
            {
                return "it is private to '" + owner + "', so the minimizer of '" + type.Name + "' cannot read it; make it protected or internal, or declare [Drop]";
            }

            for (INamedTypeSymbol? current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, member.ContainingType.OriginalDefinition); current = current.BaseType)
            {
                if (!current.GetMembers(member.Name).IsEmpty)
                {
                    return "it is hidden by '" + current.Name + "." + member.Name + "', so the minimizer of '" + type.Name + "' cannot name it; rename one of them, or declare [Drop] on '" + owner + "." + member.Name + "'";
                }
            }

            return null;
        }

        /// <summary>The member that <c>source.name</c> denotes in generated code of <paramref name="type"/>, if the minimizer can read it.</summary>
        public static ISymbol? FindReadableMember(INamedTypeSymbol type, string name)
        {
            ImmutableArray<ISymbol> members = GetMinimizedMembers(type);
            for (int i = members.Length - 1; i >= 0; i--)
            {
                if (members[i].Name == name)
                {
                    return GetReadProblem(type, members[i]) is null ? members[i] : null;
                }
            }

            return null;
        }

        /// <summary>For a positional record property, the primary-constructor parameter it was declared by.</summary>
        public static IParameterSymbol? GetPositionalParameter(ISymbol member)
        {
            if (member is not IPropertySymbol property || !property.ContainingType.IsRecord)
            {
                return null;
            }

            foreach (IMethodSymbol constructor in property.ContainingType.InstanceConstructors)
            {
                foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is TypeDeclarationSyntax)
                    {
                        foreach (IParameterSymbol parameter in constructor.Parameters)
                        {
                            if (parameter.Name == property.Name)
                            {
                                return parameter;
                            }
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Every policy declared for the member, on the member itself or on its positional parameter. An override that
        /// declares none has the policy of the declaration it overrides.
        /// </summary>
        public static ImmutableArray<FoundPolicy> GetPolicies(ISymbol member) => GetOwnPolicies(GetPolicySource(member));

        /// <summary>
        /// The declaration whose attributes describe the member: the member itself, or for an override that declares no
        /// policy, the declaration it overrides. Policy, category and [NonIdentifying] are all read from it.
        /// </summary>
        public static ISymbol GetPolicySource(ISymbol member)
        {
            ISymbol current = member;
            while (current is IPropertySymbol { IsOverride: true, OverriddenProperty: { } overridden } && GetOwnPolicies(current).IsEmpty)
            {
                current = overridden;
            }

            return GetOwnPolicies(current).IsEmpty ? member : current;
        }

        private static ImmutableArray<FoundPolicy> GetOwnPolicies(ISymbol member)
        {
            ImmutableArray<FoundPolicy>.Builder builder = ImmutableArray.CreateBuilder<FoundPolicy>();
            AddPolicies(member, builder);
            IParameterSymbol? parameter = GetPositionalParameter(member);
            if (parameter is not null)
            {
                AddPolicies(parameter, builder);
            }

            return builder.ToImmutable();
        }

        private static void AddPolicies(ISymbol symbol, ImmutableArray<FoundPolicy>.Builder builder)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (TryGetPolicyKind(attribute.AttributeClass, out PolicyKind kind))
                {
                    builder.Add(new FoundPolicy(kind, attribute));
                }
            }
        }

        public static ITypeSymbol? GetMemberType(ISymbol member) => member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        public static ValueShape Classify(ITypeSymbol? type, out bool isNullableValue)
        {
            isNullableValue = false;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return ValueShape.Other;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                isNullableValue = true;
                type = nullable.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return ValueShape.String;
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                    return ValueShape.Integral;
                case SpecialType.System_UInt64:
                    return ValueShape.UInt64;
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                    return ValueShape.Floating;
                case SpecialType.System_Decimal:
                    return ValueShape.Decimal;
                case SpecialType.System_DateTime:
                    return ValueShape.DateTime;
            }

            if (type is INamedTypeSymbol { IsTupleType: true } tuple
                && tuple.TupleElements.Length == 2
                && tuple.TupleElements.All(e => e.Type.SpecialType == SpecialType.System_Double))
            {
                return ValueShape.GeoPoint;
            }

            if (type.ContainingNamespace is { Name: "System" } system && system.ContainingNamespace is { IsGlobalNamespace: true })
            {
                switch (type.Name)
                {
                    case "Guid": return ValueShape.Guid;
                    case "DateTimeOffset": return ValueShape.DateTimeOffset;
                    case "DateOnly": return ValueShape.DateOnly;
                    case "TimeSpan": return ValueShape.TimeSpan;
                }
            }

            if (type.Name == "IPAddress" && type.ContainingNamespace?.ToDisplayString() == "System.Net")
            {
                return ValueShape.IPAddress;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return ValueShape.Enum;
            }

            return type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && FindAttribute(named, "GenerateMinimizerAttribute") is not null
                ? ValueShape.Minimizable
                : ValueShape.Other;
        }

        public static bool Fits(PolicyKind kind, ValueShape shape) => kind switch
        {
            PolicyKind.Drop or PolicyKind.Keep => true,
            PolicyKind.Pseudonymize => shape is ValueShape.String or ValueShape.Integral or ValueShape.UInt64 or ValueShape.Guid,
            PolicyKind.KeepPrefix => shape is ValueShape.String,
            PolicyKind.MaskIpAddress => shape is ValueShape.String or ValueShape.IPAddress,
            PolicyKind.SnapToGrid => shape is ValueShape.Floating or ValueShape.Decimal or ValueShape.GeoPoint,
            PolicyKind.TruncateTime => shape is ValueShape.DateTime or ValueShape.DateTimeOffset or ValueShape.DateOnly,
            PolicyKind.Bucket => shape is ValueShape.Integral or ValueShape.Floating or ValueShape.Decimal or ValueShape.TimeSpan,
            PolicyKind.BucketBoundaries => shape is ValueShape.Integral or ValueShape.UInt64 or ValueShape.Floating or ValueShape.Decimal or ValueShape.TimeSpan,
            PolicyKind.Generalize => shape is ValueShape.String or ValueShape.Enum,
            PolicyKind.ShiftDate => shape is ValueShape.DateTime or ValueShape.DateTimeOffset or ValueShape.DateOnly,
            PolicyKind.Nested => shape is ValueShape.Minimizable,
            _ => false,
        };

        /// <summary>
        /// The element type when <paramref name="type"/> is a collection a generated minimizer minimizes element by element: a
        /// one-dimensional array, List, IList, ICollection, IEnumerable, IReadOnlyList, IReadOnlyCollection, ImmutableArray,
        /// ImmutableList or IImmutableList (a nullable ImmutableArray too). Null for anything else, strings included.
        /// </summary>
        public static ITypeSymbol? GetElementType(ITypeSymbol? type, out CollectionShape collection, out bool nullableValue)
        {
            collection = CollectionShape.None;
            nullableValue = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                if (IsImmutableArray(nullable.TypeArguments[0]) is { } inner)
                {
                    collection = CollectionShape.ImmutableArray;
                    nullableValue = true;
                    return inner;
                }

                return null;
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                collection = CollectionShape.Enumerable;
                return array.ElementType;
            }

            if (IsImmutableArray(type) is { } element)
            {
                collection = CollectionShape.ImmutableArray;
                return element;
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic && type.SpecialType != SpecialType.System_String)
            {
                string ns = generic.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                bool known = ns switch
                {
                    "System.Collections.Generic" => generic.Name is "List" or "IList" or "ICollection" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection",
                    "System.Collections.Immutable" => generic.Name is "ImmutableList" or "IImmutableList",
                    _ => false,
                };
                if (known)
                {
                    collection = CollectionShape.Enumerable;
                    return generic.TypeArguments[0];
                }
            }

            return null;
        }

        private static ITypeSymbol? IsImmutableArray(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "ImmutableArray", TypeArguments.Length: 1 } named
               && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable"
                ? named.TypeArguments[0]
                : null;

        /// <summary>"[Drop], [Keep], [Pseudonymize]": the policies that fit a member of this shape, minimizing ones first.</summary>
        public static string DescribeFitting(ValueShape shape)
        {
            IEnumerable<PolicyKind> minimizing = AllKinds.Where(k => k != PolicyKind.Keep && Fits(k, shape));
            return string.Join(", ", minimizing.Concat(new[] { PolicyKind.Keep }).Select(Display));
        }

        public static string? SuggestedDefault(string? category) => category switch
        {
            "phone" => "[Pseudonymize(Rotation = KeyRotation.Daily)] or [KeepPrefix(6, Unit = PrefixUnit.Digits)]",
            "email" or "cell-tower" or "imei" or "imsi" or "mac" or "account-id" => "[Pseudonymize(Rotation = KeyRotation.Daily)] or [Drop]",
            "ip" => "[MaskIpAddress]",
            "name" or "sin" or "address" => "[Drop]",
            "postal-code" => "[KeepPrefix(3)]",
            "date-of-birth" => "[TruncateTime(TimeGranularity.Year)]",
            "timestamp" => "[TruncateTime(TimeGranularity.Hour)]",
            "geo" => "[SnapToGrid(0.1)]",
            _ => null,
        };

        public static bool IsIdentityBearingType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (FindAttribute(current, "IdentityBearingAttribute") is not null)
                {
                    return true;
                }
            }

            return type.AllInterfaces.Any(i => FindAttribute(i, "IdentityBearingAttribute") is not null);
        }

        /// <summary>The member's own category: its [IdentityBearing(category)], or that of its positional parameter.</summary>
        public static string? GetCategory(ISymbol member)
        {
            member = GetPolicySource(member);
            string? category = CategoryOf(member);
            if (category is null && GetPositionalParameter(member) is { } parameter)
            {
                category = CategoryOf(parameter);
            }

            return category;
        }

        private static string? CategoryOf(ISymbol symbol)
            => FindAttribute(symbol, "IdentityBearingAttribute") is { } attribute
               && attribute.ConstructorArguments.Length == 1
               && attribute.ConstructorArguments[0].Value is string category
                ? category
                : null;

        /// <summary>Whether reading the member yields identity, following the contract: [NonIdentifying] clears it unless the member's own type is identity-bearing.</summary>
        public static bool IsIdentifying(ISymbol member, bool containingTypeIsIdentityBearing)
        {
            ITypeSymbol? type = GetMemberType(member);
            ISymbol source = GetPolicySource(member);
            if (!SymbolEqualityComparer.Default.Equals(source, member))
            {
                // An override described by its base declaration: identifying if either says so.
                return FindAttribute(member, "IdentityBearingAttribute") is not null || IsIdentifying(source, containingTypeIsIdentityBearing);
            }

            if (IsIdentityBearingType(type))
            {
                return true;
            }

            IParameterSymbol? parameter = GetPositionalParameter(member);
            if (FindAttribute(member, "IdentityBearingAttribute") is not null
                || (parameter is not null && FindAttribute(parameter, "IdentityBearingAttribute") is not null))
            {
                return true;
            }

            return containingTypeIsIdentityBearing && FindAttribute(member, "NonIdentifyingAttribute") is null;
        }

        /// <summary>Why the type cannot carry generated partial code, or null when it can.</summary>
        public static string? GetHostProblem(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            bool isPartial = false;
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    isPartial = true;
                }
            }

            if (!isPartial)
            {
                return "it is not declared 'partial'";
            }

            if (type.ContainingType is not null)
            {
                return "it is nested in '" + type.ContainingType.Name + "'; declare it at namespace level";
            }

            if (type.IsGenericType)
            {
                return "it is generic";
            }

            if (type.IsStatic)
            {
                return "it is static";
            }

            if (type.IsFileLocal)
            {
                return "it is file-local, so the generated file cannot extend it";
            }

            foreach (string generated in new[] { MinimizeCoreName, MinimizeBatchCoreName })
            {
                if (type.GetMembers(generated).Any(m => !IsWrittenByGenerator(m)))
                {
                    return "it declares a member named '" + generated + "', which the generator adds; rename that member";
                }
            }

            return null;
        }

        /// <summary>Whether every declaration of the symbol is in a file this generator wrote.</summary>
        public static bool IsWrittenByGenerator(ISymbol symbol)
        {
            ImmutableArray<SyntaxReference> references = symbol.DeclaringSyntaxReferences;
            return !references.IsEmpty && references.All(r => IsGeneratedTree(r.SyntaxTree));
        }

        private static bool IsGeneratedTree(SyntaxTree tree)
        {
            Microsoft.CodeAnalysis.Text.SourceText text = tree.GetText();
            int length = Math.Min(text.Length, 128);
            return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, length)).Contains(GeneratedFileHeader);
        }

        /// <summary>The namespace-level types the generator declares for the type: the minimized type and the extension class.</summary>
        public static string[] GetGeneratedTypeNames(INamedTypeSymbol type, AttributeData generateMinimizer)
            => new[] { GetOutputTypeName(type, generateMinimizer), type.Name + "MinimizationExtensions" };

        /// <summary>
        /// Why a type the generator would declare for <paramref name="type"/> would clash with another type of the same
        /// namespace (CS0101, CS0260, CS0579 inside generated code), or null: another [GenerateMinimizer] type asks for one
        /// of the same names, or a type or namespace of that name is already declared.
        /// </summary>
        public static string? GetNameConflict(INamedTypeSymbol type, AttributeData generateMinimizer, CancellationToken cancellationToken)
        {
            string[] names = GetGeneratedTypeNames(type, generateMinimizer);
            INamespaceSymbol ns = type.ContainingNamespace;
            foreach (INamedTypeSymbol other in ns.GetTypeMembers())
            {
                if (SymbolEqualityComparer.Default.Equals(other, type)
                    || other.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                    || !IsFromSource(other)
                    || FindAttribute(other, "GenerateMinimizerAttribute") is not { } otherMarker
                    || GetHostProblem(other, cancellationToken) is not null)
                {
                    continue;
                }

                string? shared = GetGeneratedTypeNames(other, otherMarker).FirstOrDefault(n => names.Contains(n));
                if (shared is not null)
                {
                    return "'" + other.Name + "' in the same namespace asks for the same name '" + shared + "'";
                }
            }

            string where = ns.IsGlobalNamespace ? "the global namespace" : "namespace '" + ns.ToDisplayString() + "'";
            foreach (string name in names)
            {
                foreach (ISymbol existing in ns.GetMembers(name))
                {
                    if (existing is INamedTypeSymbol { Arity: 0 } declared
                        && (IsFromSource(declared) ? !IsWrittenByGenerator(declared) : declared.DeclaredAccessibility == Accessibility.Public))
                    {
                        return where + " already declares a type named '" + name + "'";
                    }

                    if (existing is INamespaceSymbol nested && nested.Locations.Any(l => l.IsInSource))
                    {
                        return where + " already declares a namespace named '" + name + "'";
                    }
                }
            }

            return null;
        }

        public static string? GetRequestedTypeName(AttributeData generateMinimizer)
            => generateMinimizer.ConstructorArguments.Length == 1 && generateMinimizer.ConstructorArguments[0].Value is string name ? name : null;

        /// <summary>The name of the minimized type: the one asked for if it is valid, otherwise <c>Minimized</c> + the type's name.</summary>
        public static string GetOutputTypeName(INamedTypeSymbol type, AttributeData generateMinimizer)
        {
            string? requested = GetRequestedTypeName(generateMinimizer);
            return requested is not null && GetRequestedNameProblem(type, requested) is null
                ? requested
                : "Minimized" + type.Name;
        }

        /// <summary>What is wrong with the name given in [GenerateMinimizer("name")] (MIN008), or null.</summary>
        public static string? GetRequestedNameProblem(INamedTypeSymbol type, string requested)
        {
            if (!SyntaxFacts.IsValidIdentifier(requested) || requested == type.Name)
            {
                return "the type name \"" + requested + "\" is not a valid C# identifier distinct from the type's own name";
            }

            // CS8981: such names may become keywords; the warning would be raised inside generated code.
            return requested.All(c => c is >= 'a' and <= 'z')
                ? "the type name \"" + requested + "\" has only lower-case ASCII letters, which C# reserves for future keywords (CS8981)"
                : null;
        }

        public static T? GetNamed<T>(AttributeData attribute, string name, T? fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Error && pair.Value.Value is T value)
                {
                    return value;
                }
            }

            return fallback;
        }

        public static T? GetPositional<T>(AttributeData attribute, int index, T? fallback)
            => attribute.ConstructorArguments.Length > index
               && attribute.ConstructorArguments[index].Kind != TypedConstantKind.Error
               && attribute.ConstructorArguments[index].Kind != TypedConstantKind.Array
               && attribute.ConstructorArguments[index].Value is T value
                ? value
                : fallback;

        public static double[]? GetBoundaries(AttributeData attribute)
        {
            if (attribute.ConstructorArguments.Length != 1)
            {
                return null;
            }

            TypedConstant argument = attribute.ConstructorArguments[0];
            if (argument.Kind != TypedConstantKind.Array || argument.IsNull)
            {
                return null;
            }

            return argument.Values.Select(v => v.Value is double d ? d : double.NaN).ToArray();
        }

        /// <summary>
        /// The verdict on one member of the minimized type <paramref name="type"/> (from <see cref="GetMinimizedMembers"/>):
        /// the first rule it breaks, in the order MIN002, MIN005, MIN003, MIN008, MIN004, MIN014, or none. PolicyAnalyzer
        /// reports it; the generator writes the member only when there is none.
        /// </summary>
        public static MemberVerdict Evaluate(INamedTypeSymbol type, ISymbol member, bool typeIsIdentityBearing)
        {
            ITypeSymbol? memberType = GetMemberType(member);
            ImmutableArray<FoundPolicy> policies = GetPolicies(member);
            if (memberType is null || memberType.TypeKind == TypeKind.Error)
            {
                return new MemberVerdict(member, memberType, ValueShape.Other, false, policies, MemberIssue.BrokenType, null);
            }

            // A policy other than [Drop] and [Keep] on a collection applies to each element.
            ITypeSymbol valueType = memberType;
            // Bytes and characters are one value (a raw address, a hash, a name), never a list of values: pseudonymizing or
            // bucketing them one by one would be a substitution cipher that keeps the value's structure.
            ITypeSymbol? element = GetElementType(memberType, out CollectionShape collection, out bool collectionNullable);
            if (element is { SpecialType: SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char })
            {
                element = null;
            }

            if (element is not null && !(policies.Length == 1 && policies[0].Kind is PolicyKind.Drop or PolicyKind.Keep))
            {
                valueType = element;
            }
            else
            {
                collection = CollectionShape.None;
                collectionNullable = false;
            }

            if (valueType.TypeKind == TypeKind.Error)
            {
                return new MemberVerdict(member, memberType, ValueShape.Other, false, policies, MemberIssue.BrokenType, null);
            }

            ValueShape shape = Classify(valueType, out bool nullableValue);
            MemberVerdict Verdict(MemberIssue issue, string? problem = null, AttributeData? problemAttribute = null)
                => new MemberVerdict(member, memberType, valueType, collection, collectionNullable, shape, nullableValue, policies, issue, problem, problemAttribute);

            if (policies.Length == 0)
            {
                return Verdict(MemberIssue.NoPolicy);
            }

            if (policies.Length > 1)
            {
                return Verdict(MemberIssue.MultiplePolicies);
            }

            FoundPolicy policy = policies[0];
            if (!Fits(policy.Kind, shape))
            {
                return Verdict(MemberIssue.DoesNotFit);
            }

            string? problem = ValidateArguments(policy.Kind, policy.Attribute, shape, valueType, member, type);
            if (problem is not null)
            {
                return Verdict(MemberIssue.InvalidArgument, problem);
            }

            AttributeData? rare = GetSuppressRare(member);
            if (rare is not null && ValidateSuppressRare(rare, policy.Kind, shape, collection) is { } rareProblem)
            {
                return Verdict(MemberIssue.InvalidArgument, rareProblem, rare);
            }

            if (policy.Kind == PolicyKind.Keep
                && string.IsNullOrWhiteSpace(GetPositional<string>(policy.Attribute, 0, null))
                && IsIdentifying(member, typeIsIdentityBearing))
            {
                return Verdict(MemberIssue.KeepWithoutJustification);
            }

            string? carry = policy.Kind switch
            {
                PolicyKind.Drop => null,
                PolicyKind.Keep => GetReadProblem(type, member) ?? GetExposureProblem(type, memberType),
                PolicyKind.Nested => GetReadProblem(type, member) ?? GetNestedProblem(type, valueType),
                _ => GetReadProblem(type, member),
            };
            return carry is null ? Verdict(MemberIssue.None) : Verdict(MemberIssue.CannotCarry, carry);
        }

        private static string? GetNestedProblem(INamedTypeSymbol type, ITypeSymbol valueType)
        {
            if (valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                valueType = nullable.TypeArguments[0];
            }

            if (valueType is not INamedTypeSymbol nested)
            {
                return null;
            }

            // The nested minimized type has the nested type's accessibility: a public minimized type cannot hold an internal one.
            return GetNestedMinimizer(type, nested, out string? problem) is null && problem is not null
                ? problem
                : GetExposureProblem(type, nested);
        }

        /// <summary>The member's [SuppressRare], on itself or its positional parameter (or the declaration an override takes its policy from).</summary>
        public static AttributeData? GetSuppressRare(ISymbol member)
        {
            ISymbol source = GetPolicySource(member);
            return FindAttribute(source, "SuppressRareAttribute")
                   ?? (GetPositionalParameter(source) is { } parameter ? FindAttribute(parameter, "SuppressRareAttribute") : null);
        }

        /// <summary>
        /// What is wrong with a [SuppressRare] beside <paramref name="kind"/>, or null: it counts minimized text values, so the
        /// policy must give one text value per record ([Generalize], [KeepPrefix], [MaskIpAddress], [BucketBoundaries], or
        /// [Keep] on a string), and a minimum count below 2 suppresses nothing.
        /// </summary>
        public static string? ValidateSuppressRare(AttributeData rare, PolicyKind kind, ValueShape shape, CollectionShape collection)
        {
            bool text = collection == CollectionShape.None
                        && (kind is PolicyKind.Generalize or PolicyKind.KeepPrefix or PolicyKind.MaskIpAddress or PolicyKind.BucketBoundaries
                            || (kind == PolicyKind.Keep && shape == ValueShape.String));
            if (!text)
            {
                return "[SuppressRare] counts the minimized text values of a batch; it goes with [Generalize], [KeepPrefix], [MaskIpAddress], [BucketBoundaries] or [Keep] on a single string, not with "
                       + Display(kind) + (collection == CollectionShape.None ? string.Empty : " on a collection");
            }

            int minimum = GetPositional(rare, 0, 0);
            if (minimum < 2)
            {
                return "[SuppressRare(" + Int(minimum) + ")] suppresses nothing; the minimum count must be at least 2 (11 is the usual small-cell rule)";
            }

            return string.IsNullOrEmpty(GetNamed<string>(rare, "Other", "other")) ? "[SuppressRare] has an empty Other; name what a rare value becomes" : null;
        }

        /// <summary>
        /// Why the namespace-level minimized type of <paramref name="type"/> (public when the type is, internal otherwise)
        /// could not declare a property of <paramref name="memberType"/>, or null.
        /// </summary>
        public static string? GetExposureProblem(INamedTypeSymbol type, ITypeSymbol memberType)
        {
            bool mustBePublic = type.DeclaredAccessibility == Accessibility.Public;
            string? why = FindUnexposable(memberType, mustBePublic, type, out ITypeSymbol? offender);
            if (why is null || offender is null)
            {
                return null;
            }

            string shown = memberType.ToDisplayString(TypeInMessage);
            string culprit = offender.ToDisplayString(TypeInMessage);
            return SymbolEqualityComparer.Default.Equals(offender, memberType)
                ? "its type '" + shown + "' " + why
                : "its type '" + shown + "' uses '" + culprit + "', which " + why;
        }

        /// <summary>"Call.Note", "List&lt;Plan&gt;", "int?": containing types but no namespaces, no nullable-reference marks.</summary>
        private static readonly SymbolDisplayFormat TypeInMessage = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        private static string? FindUnexposable(ITypeSymbol type, bool mustBePublic, INamedTypeSymbol host, out ITypeSymbol? offender)
        {
            offender = type;
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return FindUnexposable(array.ElementType, mustBePublic, host, out offender);
                case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                    return "is a pointer type, which a property of the minimized type cannot hold";
                case ITypeParameterSymbol:
                    return "is a type parameter, which the minimized type cannot name";
                case INamedTypeSymbol named:
                {
                    if (named.IsRefLikeType)
                    {
                        return "is a ref struct, which a property of a class or record cannot hold";
                    }

                    string? internalPart = null;
                    for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                    {
                        if (current.IsFileLocal)
                        {
                            offender = current;
                            return "is file-local, so the generated file cannot name it";
                        }

                        switch (current.DeclaredAccessibility)
                        {
                            case Accessibility.Private:
                            case Accessibility.Protected:
                            case Accessibility.ProtectedAndInternal:
                                offender = current;
                                return "is " + AccessibilityText(current.DeclaredAccessibility) + " inside '" + current.ContainingType?.Name
                                       + "', so the minimized type, declared at namespace level, cannot name it";
                            case Accessibility.Internal:
                            case Accessibility.ProtectedOrInternal:
                                internalPart ??= AccessibilityText(current.DeclaredAccessibility);
                                if (mustBePublic)
                                {
                                    offender = current;
                                    return "is " + internalPart + ", but the minimized type of '" + host.Name + "' is public; make '"
                                           + current.Name + "' public, or '" + host.Name + "' internal";
                                }

                                break;
                        }
                    }

                    foreach (ITypeSymbol argument in named.TypeArguments)
                    {
                        string? why = FindUnexposable(argument, mustBePublic, host, out offender);
                        if (why is not null)
                        {
                            return why;
                        }
                    }

                    offender = null;
                    return null;
                }

                default:
                    offender = null;
                    return null;
            }
        }

        private static string AccessibilityText(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            _ => "internal",
        };

        /// <summary>
        /// What is wrong with the policy's arguments for this member, or null when they are valid. Every numeric argument
        /// is checked here, once, for both the analyzer (MIN008) and the generator (which leaves the member out): not a
        /// number, infinite, zero or negative where that means nothing, too big for the member's type, or too small to
        /// generalize anything.
        /// </summary>
        public static string? ValidateArguments(PolicyKind kind, AttributeData attribute, ValueShape shape, ITypeSymbol memberType, ISymbol member, INamedTypeSymbol containingType)
        {
            switch (kind)
            {
                case PolicyKind.KeepPrefix:
                {
                    int length = GetPositional(attribute, 0, 0);
                    if (length < 1)
                    {
                        return "the prefix length is " + Int(length) + "; keep at least 1 character or digit";
                    }

                    int unit = GetNamed(attribute, "Unit", 0);
                    if (unit is not (0 or 1))
                    {
                        return "Unit is not a defined PrefixUnit";
                    }

                    // A prefix that leaves one or two characters of a fixed-length identifier singles a person out as well
                    // as the whole value does (with the last few digits unknown, a handful of candidates remain).
                    string? category = GetCategory(member);
                    if (KnownLength(category, unit) is { } known && length > known.Length - 3)
                    {
                        string of = Int(Math.Min(length, known.Length)) + " of the " + Int(known.Length) + (unit == 1 ? " digits" : " letters and digits") + " of " + known.What;
                        string left = length >= known.Length ? "the whole value" : "all but " + Int(known.Length - length);
                        return "KeepPrefix(" + Int(length) + ") keeps " + of + ", " + left + ": that singles a person out as well as the whole value; keep at most " + Int(known.Length - 3);
                    }

                    return null;
                }

                case PolicyKind.MaskIpAddress:
                {
                    int v4 = GetNamed(attribute, "IPv4PrefixLength", 24);
                    int v6 = GetNamed(attribute, "IPv6PrefixLength", 48);
                    const string Why = " (/0 keeps nothing but the address family, which [Drop] does better; a prefix that leaves two bits or fewer keeps the address)";
                    if (v4 < 1 || v4 > 29)
                    {
                        return "IPv4PrefixLength is " + Int(v4) + "; it must be between 1 and 29" + Why;
                    }

                    return v6 < 1 || v6 > 125 ? "IPv6PrefixLength is " + Int(v6) + "; it must be between 1 and 125" + Why : null;
                }

                case PolicyKind.SnapToGrid:
                {
                    double cell = GetPositional(attribute, 0, double.NaN);
                    if (!(cell > 0 && cell <= 360))
                    {
                        return "the cell size is " + Real(cell) + "; it must be greater than 0 and at most 360 degrees";
                    }

                    return cell < MinimumGridCell
                        ? "the cell size " + Real(cell) + " degrees is finer than 0.00001 degrees (about 1 m), below the accuracy of a position fix: it generalizes nothing"
                        : null;
                }

                case PolicyKind.TruncateTime:
                {
                    int granularity = GetPositional(attribute, 0, -1);
                    if (granularity < 0 || granularity > 4)
                    {
                        return "the granularity is not a defined TimeGranularity";
                    }

                    return shape == ValueShape.DateOnly && granularity == 0 ? "TimeGranularity.Hour does not coarsen a DateOnly; use Day, Week, Month or Year" : null;
                }

                case PolicyKind.Bucket:
                    return ValidateWidth(GetPositional(attribute, 0, double.NaN), shape, NumericRange.Of(memberType));

                case PolicyKind.BucketBoundaries:
                    return ValidateBoundaries(GetBoundaries(attribute), NumericRange.Of(memberType));

                case PolicyKind.Pseudonymize:
                {
                    int rotation = GetNamed(attribute, "Rotation", DefaultRotation);
                    int normalization = GetNamed(attribute, "Normalization", 0);
                    string? rotateBy = GetNamed<string>(attribute, "RotateBy", null);
                    if (rotation < 0 || rotation > 2)
                    {
                        return "Rotation is not a defined KeyRotation";
                    }

                    if (normalization < 0 || normalization > 4)
                    {
                        return "Normalization is not a defined PseudonymNormalization";
                    }

                    if (rotateBy is null)
                    {
                        return null;
                    }

                    if (rotation == 0)
                    {
                        return "RotateBy = \"" + rotateBy + "\" has no effect without a Rotation; set Rotation = KeyRotation.Daily or Weekly";
                    }

                    ISymbol? timeMember = FindReadableMember(containingType, rotateBy);
                    ValueShape timeShape = Classify(timeMember is null ? null : GetMemberType(timeMember), out _);
                    return timeMember is not null && timeShape is ValueShape.DateTime or ValueShape.DateTimeOffset
                        ? null
                        : "RotateBy = \"" + rotateBy + "\" must name a DateTime or DateTimeOffset field or property of '" + containingType.Name + "'";
                }

                case PolicyKind.Generalize:
                    return ValidateMap(attribute, memberType, shape, out _);

                case PolicyKind.ShiftDate:
                {
                    int maxDays = GetPositional(attribute, 0, 0);
                    if (maxDays < 1 || maxDays > MaxDateShiftDays)
                    {
                        return "the largest shift is " + Int(maxDays) + " days; it must be between 1 and " + Int(MaxDateShiftDays);
                    }

                    string? subjectBy = GetNamed<string>(attribute, "SubjectBy", null);
                    if (subjectBy is null)
                    {
                        return "SubjectBy is missing; name the member that identifies whose date it is, so that one subject's dates move together";
                    }

                    ISymbol? subject = subjectBy == member.Name ? null : FindReadableMember(containingType, subjectBy);
                    ValueShape subjectShape = Classify(subject is null ? null : GetMemberType(subject), out _);
                    return subject is not null && subjectShape is ValueShape.String or ValueShape.Integral or ValueShape.UInt64 or ValueShape.Guid
                        ? null
                        : "SubjectBy = \"" + subjectBy + "\" must name another string, integer or Guid field or property of '" + containingType.Name + "'";
                }

                default:
                    return null;
            }
        }

        /// <summary>
        /// The entries of a [Generalize] map as (value, group) pairs, or null with the reason. Values are compared trimmed
        /// and ignoring case, as the runtime matches them; an enum's values must be its member names. The map must
        /// generalize: an enum map that gives every member a group of its own (counting Other) only renames.
        /// </summary>
        public static string? ValidateMap(AttributeData attribute, ITypeSymbol memberType, ValueShape shape, out List<KeyValuePair<string, string>> pairs)
        {
            pairs = new List<KeyValuePair<string, string>>();
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array, IsNull: false } argument)
            {
                return "no map is given; write entries such as \"iPhone 15 => Apple\"";
            }

            string? other = GetNamed<string>(attribute, "Other", "other");
            if (string.IsNullOrWhiteSpace(other))
            {
                return "Other is empty; name the group of the values the map leaves out (\"other\" by default)";
            }

            if (argument.Values.IsEmpty)
            {
                return "the map is empty; write entries such as \"iPhone 15 => Apple\"";
            }

            INamedTypeSymbol? enumType = shape == ValueShape.Enum ? UnderlyingEnum(memberType) : null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < argument.Values.Length; i++)
            {
                string? entry = argument.Values[i].Value as string;
                int arrow = entry?.IndexOf("=>", StringComparison.Ordinal) ?? -1;
                if (entry is null || arrow < 0 || entry.IndexOf("=>", arrow + 2, StringComparison.Ordinal) >= 0)
                {
                    return "entry " + Int(i + 1) + " is not written \"value => group\"";
                }

                string value = entry.Substring(0, arrow).Trim();
                string group = entry.Substring(arrow + 2).Trim();
                if (value.Length == 0 || group.Length == 0)
                {
                    return "entry " + Int(i + 1) + " has an empty " + (value.Length == 0 ? "value" : "group");
                }

                if (!seen.Add(value))
                {
                    return "the value \"" + value + "\" is mapped twice (values are compared ignoring case)";
                }

                if (enumType is not null && !enumType.GetMembers().Any(m => m is IFieldSymbol { IsConst: true } f && string.Equals(f.Name, value, StringComparison.OrdinalIgnoreCase)))
                {
                    return "\"" + value + "\" is not a member of '" + enumType.Name + "'";
                }

                pairs.Add(new KeyValuePair<string, string>(value, group));
            }

            if (enumType is not null)
            {
                string[] names = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                var groups = new HashSet<string>(pairs.Select(p => p.Value), StringComparer.Ordinal);
                if (names.Any(n => !seen.Contains(n)))
                {
                    groups.Add(other!);
                }

                if (groups.Count >= names.Length)
                {
                    return "the map gives each of the " + Int(names.Length) + " members of '" + enumType.Name + "' a group of its own: it generalizes nothing; put two or more members in one group";
                }
            }

            return null;
        }

        private static INamedTypeSymbol? UnderlyingEnum(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type as INamedTypeSymbol;
        }

        /// <summary>
        /// The generated <c>Minimize</c> a [Nested] member of type <paramref name="nested"/> is minimized with, or null with the
        /// reason: a type of the host's own assembly must be able to get its generated code (MIN006, MIN015 would stop it); one
        /// from a referenced assembly must come with its generated extension class.
        /// </summary>
        public static IMethodSymbol? GetNestedMinimizer(INamedTypeSymbol host, INamedTypeSymbol nested, out string? problem)
        {
            problem = null;
            INamedTypeSymbol? extensions = nested.ContainingType is null
                ? nested.ContainingNamespace.GetTypeMembers(nested.Name + "MinimizationExtensions").FirstOrDefault(t => t.Arity == 0)
                : null;
            if (SymbolEqualityComparer.Default.Equals(nested.ContainingAssembly, host.ContainingAssembly))
            {
                AttributeData? marker = FindAttribute(nested, "GenerateMinimizerAttribute");
                string? why = marker is null
                    ? "it has no [GenerateMinimizer]"
                    : GetHostProblem(nested, CancellationToken.None) ?? GetNameConflict(nested, marker, CancellationToken.None);
                if (why is not null)
                {
                    problem = "its type '" + nested.Name + "' gets no generated minimizer (" + why + ")";
                    return null;
                }

                // Written by the generator in this same run: the analyzer sees it, the generator does not need it.
                return extensions?.GetMembers("Minimize").OfType<IMethodSymbol>().FirstOrDefault();
            }

            IMethodSymbol? minimize = extensions?.GetMembers("Minimize").OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m.Parameters.Length == 2
                                     && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, nested)
                                     && m.ReturnType is INamedTypeSymbol);
            if (minimize is null)
            {
                problem = "its type '" + nested.Name + "' comes from another assembly without a public generated Minimize in '" + nested.Name + "MinimizationExtensions'";
            }

            return minimize;
        }

        /// <summary>KeyRotation.Daily: what [Pseudonymize] rotates by when it names no Rotation.</summary>
        public const int DefaultRotation = 1;

        /// <summary>The largest [ShiftDate] in days (MinimizationContext.MaxDateShiftDays).</summary>
        public const int MaxDateShiftDays = 3650;

        /// <summary>The smallest [SnapToGrid] cell, in degrees: about 1.1 m, finer than a position fix is accurate.</summary>
        public const double MinimumGridCell = 0.00001;

        private static string? ValidateWidth(double width, ValueShape shape, NumericRange range)
        {
            if (!(width > 0) || double.IsInfinity(width))
            {
                return "the bucket width is " + Real(width) + "; it must be positive and finite";
            }

            if (shape == ValueShape.Integral && (width != Math.Floor(width) || width < 2))
            {
                return "the bucket width of an integral member must be a whole number of at least 2 (width 1 keeps the value)";
            }

            string unit = shape == ValueShape.TimeSpan ? " seconds" : string.Empty;
            if (!range.Holds(width))
            {
                return "the bucket width " + Real(width) + unit + " is larger than any " + range.Name + " (at most " + range.MaxText + ")";
            }

            // A width below two of the type's smallest steps puts every value in a bucket of its own.
            return width < range.Step * 2
                ? "the bucket width " + Real(width) + unit + " is below the smallest step of a " + range.Name + " (" + range.StepText + "): it keeps every value"
                : null;
        }

        private static string? ValidateBoundaries(double[]? boundaries, NumericRange range)
        {
            if (boundaries is null || boundaries.Length == 0)
            {
                return "no boundaries are given; give at least one";
            }

            for (int i = 0; i < boundaries.Length; i++)
            {
                if (double.IsNaN(boundaries[i]) || double.IsInfinity(boundaries[i]))
                {
                    return "boundary " + Int(i + 1) + " is not a finite number";
                }

                if (i > 0 && boundaries[i] <= boundaries[i - 1])
                {
                    return "the boundaries are not strictly ascending (" + Real(boundaries[i - 1]) + " then " + Real(boundaries[i]) + ")";
                }

                if (!range.Holds(boundaries[i]))
                {
                    return "boundary " + Int(i + 1) + " (" + Real(boundaries[i]) + ") is outside the range of " + range.Name + " (" + range.RangeText + ")";
                }
            }

            return null;
        }

        /// <summary>What the known identity categories look like when whole: how many characters or digits a prefix can take.</summary>
        private static (int Length, string What)? KnownLength(string? category, int unit) => (category, unit) switch
        {
            ("phone", _) => (10, "a phone number"),
            ("postal-code", 0) => (6, "a postal code"),
            ("sin", _) => (9, "a social insurance number"),
            ("imei", _) => (15, "an IMEI"),
            ("imsi", _) => (15, "an IMSI"),
            ("mac", 0) => (12, "a MAC address"),
            _ => null,
        };

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The values a numeric member (or the seconds of a TimeSpan) can hold, and its smallest step.</summary>
        private readonly struct NumericRange
        {
            private NumericRange(string name, double min, double max, bool maxExclusive, string maxText, string rangeText, double step, string stepText)
            {
                Name = name;
                Min = min;
                Max = max;
                MaxExclusive = maxExclusive;
                MaxText = maxText;
                RangeText = rangeText;
                Step = step;
                StepText = stepText;
            }

            public string Name { get; }

            public double Min { get; }

            public double Max { get; }

            /// <summary>Max is the first value out of range: the largest long, ulong or decimal is not a double.</summary>
            public bool MaxExclusive { get; }

            public string MaxText { get; }

            public string RangeText { get; }

            public double Step { get; }

            public string StepText { get; }

            public bool Holds(double value) => value >= Min && (MaxExclusive ? value < Max : value <= Max);

            public static NumericRange Of(ITypeSymbol type)
            {
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    type = nullable.TypeArguments[0];
                }

                switch (type.SpecialType)
                {
                    case SpecialType.System_SByte: return Whole("sbyte", sbyte.MinValue, sbyte.MaxValue);
                    case SpecialType.System_Byte: return Whole("byte", byte.MinValue, byte.MaxValue);
                    case SpecialType.System_Int16: return Whole("short", short.MinValue, short.MaxValue);
                    case SpecialType.System_UInt16: return Whole("ushort", ushort.MinValue, ushort.MaxValue);
                    case SpecialType.System_Int32: return Whole("int", int.MinValue, int.MaxValue);
                    case SpecialType.System_UInt32: return Whole("uint", uint.MinValue, uint.MaxValue);
                    case SpecialType.System_Int64:
                        return new NumericRange("long", -9223372036854775808d, 9223372036854775808d, true, "9223372036854775807", "-9223372036854775808 to 9223372036854775807", 1, "1");
                    case SpecialType.System_UInt64:
                        return new NumericRange("ulong", 0, 18446744073709551616d, true, "18446744073709551615", "0 to 18446744073709551615", 1, "1");
                    case SpecialType.System_Single:
                        return new NumericRange("float", -float.MaxValue, float.MaxValue, false, "3.4E+38", "about -3.4E+38 to 3.4E+38", 1.17549435E-38, "the smallest normal float, 1.17549435E-38");
                    case SpecialType.System_Double:
                        return new NumericRange("double", -double.MaxValue, double.MaxValue, false, "1.8E+308", "about -1.8E+308 to 1.8E+308", 2.2250738585072014E-308, "the smallest normal double, 2.2250738585072014E-308");
                    case SpecialType.System_Decimal:
                        return new NumericRange("decimal", -79228162514264337593543950336d, 79228162514264337593543950336d, true, "7.9E+28", "about -7.9E+28 to 7.9E+28", 1E-28, "1E-28");
                }

                if (type.Name == "TimeSpan" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
                {
                    // In seconds, the unit of [Bucket] and [BucketBoundaries] on a TimeSpan; whole seconds keep the ticks below 2^63.
                    return new NumericRange("TimeSpan", -922337203685, 922337203685, false, "922337203685 seconds, about 29,000 years", "about -29,000 to 29,000 years", 1E-07, "one tick, 1E-07 seconds");
                }

                return new NumericRange("number", -double.MaxValue, double.MaxValue, false, "1.8E+308", "any finite number", 0, "0");
            }

            private static NumericRange Whole(string name, double min, double max)
            {
                string maxText = max.ToString(CultureInfo.InvariantCulture);
                return new NumericRange(name, min, max, false, maxText, min.ToString(CultureInfo.InvariantCulture) + " to " + maxText, 1, "1");
            }
        }
    }
}
