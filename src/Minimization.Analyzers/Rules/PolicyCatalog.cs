using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

// Shared, symbol-level knowledge about minimization policies. PolicyAnalyzer (MIN002–MIN009) and the generator in
// Minimization.Generators (which links this file) must agree on which members count, which policy fits which type and
// which arguments are valid; otherwise the generator could emit a member the analyzer rejects, or the reverse.
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

    internal static class PolicyCatalog
    {
        public const string AnnotationsNamespace = "Minimization";
        public const string GenerateMinimizerMetadataName = "Minimization.GenerateMinimizerAttribute";
        public const string RuntimeContextMetadataName = "Minimization.Runtime.MinimizationContext";

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

        /// <summary>Every policy declared for the member, on the member itself or on its positional parameter.</summary>
        public static ImmutableArray<FoundPolicy> GetPolicies(ISymbol member)
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

            return ValueShape.Other;
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
            _ => false,
        };

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

            return null;
        }

        public static string? GetRequestedTypeName(AttributeData generateMinimizer)
            => generateMinimizer.ConstructorArguments.Length == 1 && generateMinimizer.ConstructorArguments[0].Value is string name ? name : null;

        public static string GetOutputTypeName(INamedTypeSymbol type, AttributeData generateMinimizer)
        {
            string? requested = GetRequestedTypeName(generateMinimizer);
            return requested is not null && SyntaxFacts.IsValidIdentifier(requested) && requested != type.Name
                ? requested
                : "Minimized" + type.Name;
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

        /// <summary>What is wrong with the policy's arguments for this member, or null when they are valid.</summary>
        public static string? ValidateArguments(PolicyKind kind, AttributeData attribute, ValueShape shape, INamedTypeSymbol containingType)
        {
            switch (kind)
            {
                case PolicyKind.KeepPrefix:
                {
                    int length = GetPositional(attribute, 0, 0);
                    if (length < 1)
                    {
                        return "the prefix length is " + length.ToString(CultureInfo.InvariantCulture) + "; keep at least 1 character or digit";
                    }

                    int unit = GetNamed(attribute, "Unit", 0);
                    return unit is 0 or 1 ? null : "Unit is not a defined PrefixUnit";
                }

                case PolicyKind.MaskIpAddress:
                {
                    int v4 = GetNamed(attribute, "IPv4PrefixLength", 24);
                    int v6 = GetNamed(attribute, "IPv6PrefixLength", 48);
                    if (v4 < 0 || v4 > 31)
                    {
                        return "IPv4PrefixLength is " + v4.ToString(CultureInfo.InvariantCulture) + "; it must be between 0 and 31 (32 keeps the whole address)";
                    }

                    return v6 < 0 || v6 > 127
                        ? "IPv6PrefixLength is " + v6.ToString(CultureInfo.InvariantCulture) + "; it must be between 0 and 127 (128 keeps the whole address)"
                        : null;
                }

                case PolicyKind.SnapToGrid:
                {
                    double cell = GetPositional(attribute, 0, double.NaN);
                    return cell > 0 && cell <= 360 ? null : "the cell size is " + cell.ToString("R", CultureInfo.InvariantCulture) + "; it must be greater than 0 and at most 360 degrees";
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
                {
                    double width = GetPositional(attribute, 0, double.NaN);
                    if (!(width > 0) || double.IsInfinity(width))
                    {
                        return "the bucket width is " + width.ToString("R", CultureInfo.InvariantCulture) + "; it must be positive and finite";
                    }

                    if (shape == ValueShape.Integral && (width != Math.Floor(width) || width < 2 || width > long.MaxValue))
                    {
                        return "the bucket width of an integral member must be a whole number of at least 2 (width 1 keeps the value)";
                    }

                    return shape == ValueShape.TimeSpan && width * TimeSpan.TicksPerSecond < 2
                        ? "the bucket width is in seconds and must span at least two ticks"
                        : null;
                }

                case PolicyKind.BucketBoundaries:
                {
                    double[]? boundaries = GetBoundaries(attribute);
                    if (boundaries is null || boundaries.Length == 0)
                    {
                        return "no boundaries are given; give at least one";
                    }

                    for (int i = 0; i < boundaries.Length; i++)
                    {
                        if (double.IsNaN(boundaries[i]) || double.IsInfinity(boundaries[i]))
                        {
                            return "boundary " + (i + 1).ToString(CultureInfo.InvariantCulture) + " is not a finite number";
                        }

                        if (i > 0 && boundaries[i] <= boundaries[i - 1])
                        {
                            return "the boundaries are not strictly ascending (" + boundaries[i - 1].ToString("R", CultureInfo.InvariantCulture) + " then " + boundaries[i].ToString("R", CultureInfo.InvariantCulture) + ")";
                        }
                    }

                    return null;
                }

                case PolicyKind.Pseudonymize:
                {
                    int rotation = GetNamed(attribute, "Rotation", 0);
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

                    ISymbol? timeMember = GetCandidateMembers(containingType).FirstOrDefault(m => m.Name == rotateBy);
                    ValueShape timeShape = Classify(GetMemberType(timeMember!), out _);
                    return timeMember is not null && timeShape is ValueShape.DateTime or ValueShape.DateTimeOffset
                        ? null
                        : "RotateBy = \"" + rotateBy + "\" must name a DateTime or DateTimeOffset field or property of '" + containingType.Name + "'";
                }

                default:
                    return null;
            }
        }

        /// <summary>Finds the rotate-by member's shape, for the generator.</summary>
        public static ValueShape GetRotateByShape(INamedTypeSymbol containingType, string rotateBy, out bool isNullable)
        {
            ISymbol? timeMember = GetCandidateMembers(containingType).FirstOrDefault(m => m.Name == rotateBy);
            isNullable = false;
            return timeMember is null ? ValueShape.Other : Classify(GetMemberType(timeMember), out isNullable);
        }
    }
}
