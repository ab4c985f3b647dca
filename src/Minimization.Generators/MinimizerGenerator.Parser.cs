using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Minimization.Analyzers;
using Minimization.Generators.Models;

namespace Minimization.Generators
{
    public sealed partial class MinimizerGenerator
    {
        /// <summary>Turns symbols into models. Everything symbol-shaped stays here; the emitter sees strings and numbers.</summary>
        internal static class Parser
        {
            private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
                .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            public static EmitSettings ReadSettings(Compilation compilation)
                => new EmitSettings(
                    PolicyCatalog.GetRuntimeProblem(compilation) is null,
                    SupportsRecords(compilation));

            public static MinimizerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                if (context.TargetSymbol is not INamedTypeSymbol type
                    || type.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                    || context.Attributes.IsEmpty
                    || PolicyCatalog.GetHostProblem(type, cancellationToken) is not null
                    || PolicyCatalog.GetNameConflict(type, context.Attributes[0], cancellationToken) is not null)
                {
                    return null;
                }

                bool identityBearing = PolicyCatalog.IsIdentityBearingType(type);
                var members = new List<MemberModel>();
                var dropped = new List<string>();
                foreach (ISymbol member in PolicyCatalog.GetMinimizedMembers(type))
                {
                    cancellationToken.ThrowIfCancellationRequested();

                    // Fail closed: a member PolicyAnalyzer reports is not copied at all.
                    MemberVerdict verdict = PolicyCatalog.Evaluate(type, member, identityBearing);
                    if (verdict.Issue != MemberIssue.None)
                    {
                        continue;
                    }

                    FoundPolicy policy = verdict.Policy;
                    if (policy.Kind == PolicyKind.Drop)
                    {
                        dropped.Add(member.Name);
                        continue;
                    }

                    string? justification = policy.Kind == PolicyKind.Keep ? PolicyCatalog.GetPositional<string>(policy.Attribute, 0, null) : null;
                    members.Add(CreateMember(type, member, verdict, justification));
                }

                // Private fields such as '_lastIp' become public properties of the minimized type; give them property names.
                // A name the minimized type cannot take (its own name, or a member every class or record has) gets "Value".
                string output = PolicyCatalog.GetOutputTypeName(type, context.Attributes[0]);
                var reserved = new HashSet<string>(ReservedMemberNames) { output };
                var taken = new HashSet<string>(members.Select(m => m.Name));
                for (int i = 0; i < members.Count; i++)
                {
                    string name = members[i].Name;
                    string pascal = ToPropertyName(name);
                    if (pascal != name && !reserved.Contains(pascal) && taken.Add(pascal))
                    {
                        name = pascal;
                    }

                    if (reserved.Contains(name))
                    {
                        string renamed = name + "Value";
                        while (reserved.Contains(renamed) || !taken.Add(renamed))
                        {
                            renamed += "Value";
                        }

                        name = renamed;
                    }

                    members[i] = members[i] with { OutputName = name };
                }

                string ns = NamespaceName(type.ContainingNamespace);
                string keyword = type.IsRecord
                    ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                    : (type.TypeKind == TypeKind.Struct ? "struct" : "class");
                string hint = HintName(type, ns);

                return new MinimizerModel(
                    ns.Length == 0 ? null : ns,
                    type.Name,
                    keyword,
                    type.IsReferenceType,
                    type.DeclaredAccessibility == Accessibility.Public,
                    output,
                    EquatableArray.From(members),
                    EquatableArray.From(dropped),
                    hint);
            }

            /// <summary>The namespace's name as written, without '@' escapes (the emitter escapes each part again).</summary>
            private static string NamespaceName(INamespaceSymbol? ns)
            {
                var parts = new List<string>();
                for (INamespaceSymbol? current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
                {
                    parts.Insert(0, current.Name);
                }

                return string.Join(".", parts);
            }

            /// <summary>
            /// The file's hint name. Hint names must be unique ignoring case, type names only exactly: a type whose name
            /// differs from another generated type's of the same namespace only in case gets a suffix from its exact name.
            /// </summary>
            private static string HintName(INamedTypeSymbol type, string ns)
            {
                string hint = (ns.Length == 0 ? string.Empty : ns + ".") + type.Name;
                foreach (INamedTypeSymbol sibling in type.ContainingNamespace.GetTypeMembers())
                {
                    if (sibling.Name != type.Name
                        && string.Equals(sibling.Name, type.Name, StringComparison.OrdinalIgnoreCase)
                        && PolicyCatalog.FindAttribute(sibling, "GenerateMinimizerAttribute") is not null)
                    {
                        hint += "." + StableHash(type.Name);
                        break;
                    }
                }

                return hint + ".Minimizer.g.cs";
            }

            /// <summary>FNV-1a over the UTF-16 code units: the same on every machine and run, unlike string.GetHashCode.</summary>
            private static string StableHash(string text)
            {
                uint hash = 2166136261;
                foreach (char c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash.ToString("x8", CultureInfo.InvariantCulture);
            }

            /// <summary>Members every record or class has (or the compiler adds to a record); a property of that name would clash.</summary>
            private static readonly string[] ReservedMemberNames =
            {
                "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "PrintMembers", "Deconstruct",
            };

            private static string ToPropertyName(string name)
            {
                string trimmed = name.TrimStart('_');
                string result = trimmed.Length > 0 && char.IsLower(trimmed[0]) ? char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1) : trimmed;
                return SyntaxFacts.IsValidIdentifier(result) ? result : name;
            }

            private static MemberModel CreateMember(INamedTypeSymbol type, ISymbol member, MemberVerdict verdict, string? justification)
            {
                FoundPolicy policy = verdict.Policy;
                ITypeSymbol memberType = verdict.MemberType!;
                AttributeData a = policy.Attribute;
                AttributeData? rare = PolicyCatalog.GetSuppressRare(member);
                var model = new MemberModel(member.Name, member.Name, policy.Kind, verdict.Shape, verdict.IsNullableValue, memberType.ToDisplayString(TypeFormat), PolicyCatalog.GetCategory(member))
                {
                    Justification = justification,
                    KeepsNonNullableReference = policy.Kind == PolicyKind.Keep && memberType.IsReferenceType && memberType.NullableAnnotation != NullableAnnotation.Annotated,
                    Collection = verdict.Collection,
                    CollectionIsNullableValue = verdict.CollectionIsNullableValue,
                    ElementType = verdict.Collection == CollectionShape.None ? null : verdict.ValueType!.ToDisplayString(TypeFormat),
                    RareMinimum = rare is null ? 0 : PolicyCatalog.GetPositional(rare, 0, 0),
                    RareOther = rare is null ? null : PolicyCatalog.GetNamed<string>(rare, "Other", "other"),
                };

                switch (policy.Kind)
                {
                    case PolicyKind.Pseudonymize:
                        return model with
                        {
                            Rotation = PolicyCatalog.GetNamed(a, "Rotation", PolicyCatalog.DefaultRotation),
                            Normalization = PolicyCatalog.GetNamed(a, "Normalization", 0),
                            RotateBy = PolicyCatalog.GetNamed<string>(a, "RotateBy", null),
                        };
                    case PolicyKind.KeepPrefix:
                        return model with
                        {
                            PrefixLength = PolicyCatalog.GetPositional(a, 0, 0),
                            PrefixUnit = PolicyCatalog.GetNamed(a, "Unit", 0),
                        };
                    case PolicyKind.MaskIpAddress:
                        return model with
                        {
                            IPv4PrefixLength = PolicyCatalog.GetNamed(a, "IPv4PrefixLength", 24),
                            IPv6PrefixLength = PolicyCatalog.GetNamed(a, "IPv6PrefixLength", 48),
                        };
                    case PolicyKind.SnapToGrid or PolicyKind.Bucket:
                        return model with { Real = PolicyCatalog.GetPositional(a, 0, 0d) };
                    case PolicyKind.TruncateTime:
                        return model with { Granularity = PolicyCatalog.GetPositional(a, 0, 0) };
                    case PolicyKind.BucketBoundaries:
                        return model with { Boundaries = new EquatableArray<double>(PolicyCatalog.GetBoundaries(a) ?? new double[0]) };
                    case PolicyKind.Generalize:
                    {
                        PolicyCatalog.ValidateMap(a, verdict.ValueType!, verdict.Shape, out List<KeyValuePair<string, string>> pairs);
                        return model with
                        {
                            Map = EquatableArray.From(pairs.SelectMany(p => new[] { p.Key, p.Value })),
                            Other = PolicyCatalog.GetNamed<string>(a, "Other", "other"),
                        };
                    }

                    case PolicyKind.ShiftDate:
                    {
                        string subjectBy = PolicyCatalog.GetNamed<string>(a, "SubjectBy", null)!;
                        ISymbol subject = PolicyCatalog.FindReadableMember(type, subjectBy)!;
                        ValueShape subjectShape = PolicyCatalog.Classify(PolicyCatalog.GetMemberType(subject), out bool subjectNullable);
                        return model with
                        {
                            MaxDays = PolicyCatalog.GetPositional(a, 0, 0),
                            SubjectBy = subjectBy,
                            SubjectShape = subjectShape,
                            SubjectIsNullableValue = subjectNullable,
                            SubjectCategory = PolicyCatalog.GetCategory(subject),
                        };
                    }

                    case PolicyKind.Nested:
                    {
                        ITypeSymbol valueType = verdict.ValueType!;
                        if (valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                        {
                            valueType = nullable.TypeArguments[0];
                        }

                        var nested = (INamedTypeSymbol)valueType;
                        string outputType;
                        string minimizer;
                        if (SymbolEqualityComparer.Default.Equals(nested.ContainingAssembly, type.ContainingAssembly))
                        {
                            // Generated in this same run: named as the generator names them.
                            string prefix = nested.ContainingNamespace.IsGlobalNamespace ? "global::" : nested.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ".";
                            AttributeData marker = PolicyCatalog.FindAttribute(nested, "GenerateMinimizerAttribute")!;
                            outputType = prefix + Emitter.Id(PolicyCatalog.GetOutputTypeName(nested, marker));
                            minimizer = prefix + Emitter.Id(nested.Name + "MinimizationExtensions");
                        }
                        else
                        {
                            IMethodSymbol minimize = PolicyCatalog.GetNestedMinimizer(type, nested, out _)!;
                            outputType = minimize.ReturnType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);
                            minimizer = minimize.ContainingType.ToDisplayString(TypeFormat);
                        }

                        return model with { NestedOutputType = outputType, NestedMinimizer = minimizer, NestedIsValueType = nested.IsValueType };
                    }

                    default:
                        return model;
                }
            }
        }
    }
}
