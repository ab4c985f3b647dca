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
                    compilation.GetTypeByMetadataName(PolicyCatalog.RuntimeContextMetadataName) is not null,
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
                    members.Add(CreateMember(member, verdict.MemberType!, policy, verdict.Shape, verdict.IsNullableValue, justification));
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

            private static MemberModel CreateMember(ISymbol member, ITypeSymbol memberType, FoundPolicy policy, ValueShape shape, bool nullableValue, string? justification)
            {
                AttributeData a = policy.Attribute;
                var model = new MemberModel(member.Name, member.Name, policy.Kind, shape, nullableValue, memberType.ToDisplayString(TypeFormat), PolicyCatalog.GetCategory(member))
                {
                    Justification = justification,
                    KeepsNonNullableReference = policy.Kind == PolicyKind.Keep && memberType.IsReferenceType && memberType.NullableAnnotation != NullableAnnotation.Annotated,
                };

                return policy.Kind switch
                {
                    PolicyKind.Pseudonymize => model with
                    {
                        Rotation = PolicyCatalog.GetNamed(a, "Rotation", 0),
                        Normalization = PolicyCatalog.GetNamed(a, "Normalization", 0),
                        RotateBy = PolicyCatalog.GetNamed<string>(a, "RotateBy", null),
                    },
                    PolicyKind.KeepPrefix => model with
                    {
                        PrefixLength = PolicyCatalog.GetPositional(a, 0, 0),
                        PrefixUnit = PolicyCatalog.GetNamed(a, "Unit", 0),
                    },
                    PolicyKind.MaskIpAddress => model with
                    {
                        IPv4PrefixLength = PolicyCatalog.GetNamed(a, "IPv4PrefixLength", 24),
                        IPv6PrefixLength = PolicyCatalog.GetNamed(a, "IPv6PrefixLength", 48),
                    },
                    PolicyKind.SnapToGrid or PolicyKind.Bucket => model with { Real = PolicyCatalog.GetPositional(a, 0, 0d) },
                    PolicyKind.TruncateTime => model with { Granularity = PolicyCatalog.GetPositional(a, 0, 0) },
                    PolicyKind.BucketBoundaries => model with { Boundaries = new EquatableArray<double>(PolicyCatalog.GetBoundaries(a) ?? new double[0]) },
                    _ => model,
                };
            }
        }
    }
}
