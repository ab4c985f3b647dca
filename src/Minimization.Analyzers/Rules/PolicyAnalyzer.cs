using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Minimization.Analyzers
{
    /// <summary>
    /// MIN002–MIN009, MIN014 and MIN015: the fail-closed rules of declared minimization policies. Every member of a
    /// <c>[GenerateMinimizer]</c> type, its own or inherited from a source base type, declares exactly one policy that fits its
    /// type, with valid arguments, that generated code can carry out, and raw copies of identifying members are justified in
    /// writing. The verdict on each member comes from <see cref="PolicyCatalog.Evaluate"/>, which the generator uses too: it
    /// leaves out every member the verdict rejects.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PolicyAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor MemberWithoutPolicy = DescriptorFactory.Create(
            RuleIdentifiers.MemberWithoutPolicy,
            "Member of a generated-minimizer type has no minimization policy",
            "Member '{0}.{1}' of type '{2}' has no minimization policy; declare exactly one of {3}{4}",
            DiagnosticSeverity.Error,
            "Every field and property of a [GenerateMinimizer] type must say how it is minimized, so that a member added later cannot be shared raw by default.");

        internal static readonly DiagnosticDescriptor PolicyDoesNotFit = DescriptorFactory.Create(
            RuleIdentifiers.PolicyDoesNotFitType,
            "Minimization policy does not fit the member's type",
            "Policy {0} does not fit member '{1}.{2}' of type '{3}'; policies that fit: {4}",
            DiagnosticSeverity.Error,
            "Each policy applies to certain types only (a prefix to text, time truncation to dates and times, buckets to numbers).");

        internal static readonly DiagnosticDescriptor KeepWithoutJustification = DescriptorFactory.Create(
            RuleIdentifiers.KeepWithoutJustification,
            "Identifying member kept raw without a justification",
            "Member '{0}.{1}' identifies a person{2} and is kept raw without a justification; write [Keep(\"why sharing it raw is acceptable\")] or choose one of {3}",
            DiagnosticSeverity.Error,
            "[Keep] copies the value unchanged. On a [NonIdentifying] member that is fine; on an identifying member the reason must be written down where reviewers see it.");

        internal static readonly DiagnosticDescriptor MultiplePolicies = DescriptorFactory.Create(
            RuleIdentifiers.MultiplePolicies,
            "More than one minimization policy on a member",
            "Member '{0}.{1}' declares {2} minimization policies ({3}); declare exactly one",
            DiagnosticSeverity.Error,
            "Policies do not compose; with two, a reader cannot tell which one is applied.");

        internal static readonly DiagnosticDescriptor TypeCannotBeExtended = DescriptorFactory.Create(
            RuleIdentifiers.MinimizerTypeCannotBeExtended,
            "Type cannot host a generated minimizer",
            "Type '{0}' cannot host a generated minimizer: {1}",
            DiagnosticSeverity.Error,
            "The generator adds a part to the type (so the minimizer can read private members) and the generated code calls Minimization.Runtime; the type must be a partial, non-generic, top-level class, struct or record, and the project must reference Minimization.Runtime.");

        internal static readonly DiagnosticDescriptor TypeNotIdentityBearing = DescriptorFactory.Create(
            RuleIdentifiers.MinimizerTypeNotIdentityBearing,
            "Generated-minimizer type is not identity-bearing",
            "Type '{0}' asks for a generated minimizer but is not identity-bearing; mark it (or a base type or interface) [IdentityBearing], or remove [GenerateMinimizer]",
            DiagnosticSeverity.Error,
            "A minimizer only makes sense for data that identifies people; if the type is not identity-bearing, the analyzer would not track its values and the policies would be decoration.");

        internal static readonly DiagnosticDescriptor InvalidArgument = DescriptorFactory.Create(
            RuleIdentifiers.InvalidPolicyArgument,
            "Invalid minimization policy argument",
            "Policy {0} on '{1}.{2}' has an invalid argument: {3}",
            DiagnosticSeverity.Error,
            "A policy's arguments must describe a real generalization: a positive width, ascending boundaries, a prefix shorter than the value, a rotation time that exists.");

        internal static readonly DiagnosticDescriptor PolicyWithoutGenerator = DescriptorFactory.Create(
            RuleIdentifiers.PolicyWithoutGeneratedMinimizer,
            "Minimization policy has no effect",
            "Policy {0} on '{1}.{2}' has no effect: type '{1}' has no [GenerateMinimizer]",
            DiagnosticSeverity.Warning,
            "Policies are read only on types marked [GenerateMinimizer]; elsewhere they suggest a minimization that never happens.");

        internal static readonly DiagnosticDescriptor MemberCannotBeCarried = DescriptorFactory.Create(
            RuleIdentifiers.MemberCannotBeCarried,
            "Member cannot be carried into the minimized type",
            "Member '{0}.{1}' cannot be carried into the minimized type: {2}",
            DiagnosticSeverity.Error,
            "The generated minimizer reads each member as source.Name and writes it into a namespace-level type; a member it cannot read or name, or whose type that type cannot expose, would be a compiler error inside generated code. The generator leaves such a member out.");

        internal static readonly DiagnosticDescriptor GeneratedTypeNameTaken = DescriptorFactory.Create(
            RuleIdentifiers.GeneratedTypeNameTaken,
            "Generated type name is already taken",
            "Type '{0}' cannot get its generated minimizer: {1}; name the minimized type with [GenerateMinimizer(\"...\")]",
            DiagnosticSeverity.Error,
            "The generator declares the minimized type and the extension class at namespace level; two [GenerateMinimizer] types asking for one name, or a name another type or namespace already has, would be duplicate definitions inside generated code. The generator writes nothing for such a type.");

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            MemberWithoutPolicy, PolicyDoesNotFit, KeepWithoutJustification, MultiplePolicies,
            TypeCannotBeExtended, TypeNotIdentityBearing, InvalidArgument, PolicyWithoutGenerator, MemberCannotBeCarried,
            GeneratedTypeNameTaken);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // Most compilations never reference the policy attributes; they pay nothing.
                if (start.Compilation.GetTypeByMetadataName(PolicyCatalog.GenerateMinimizerMetadataName) is null)
                {
                    return;
                }

                string? runtimeProblem = PolicyCatalog.GetRuntimeProblem(start.Compilation);
                Compilation compilation = start.Compilation;
                var minimizedBases = new Lazy<ImmutableHashSet<INamedTypeSymbol>>(() => CollectMinimizedBases(compilation));
                start.RegisterSymbolAction(c => AnalyzeType(c, runtimeProblem, minimizedBases), SymbolKind.NamedType);
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, string? runtimeProblem, Lazy<ImmutableHashSet<INamedTypeSymbol>> minimizedBases)
        {
            if (context.Symbol is not INamedTypeSymbol type || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return;
            }

            AttributeData? marker = PolicyCatalog.FindAttribute(type, "GenerateMinimizerAttribute");
            if (marker is null)
            {
                ReportPoliciesWithoutGenerator(context, type, minimizedBases);
                return;
            }

            Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
            string? hostProblem = PolicyCatalog.GetHostProblem(type, context.CancellationToken)
                                  ?? runtimeProblem;
            if (hostProblem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(TypeCannotBeExtended, typeLocation, type.Name, hostProblem));
            }
            else if (PolicyCatalog.GetNameConflict(type, marker, context.CancellationToken) is { } conflict)
            {
                context.ReportDiagnostic(Diagnostic.Create(GeneratedTypeNameTaken, AttributeLocation(marker, typeLocation), type.Name, conflict));
            }

            bool identityBearing = PolicyCatalog.IsIdentityBearingType(type);
            if (!identityBearing)
            {
                context.ReportDiagnostic(Diagnostic.Create(TypeNotIdentityBearing, typeLocation, type.Name));
            }

            if (PolicyCatalog.GetRequestedTypeName(marker) is { } requestedName
                && PolicyCatalog.GetRequestedNameProblem(type, requestedName) is { } nameProblem)
            {
                context.ReportDiagnostic(Diagnostic.Create(InvalidArgument, AttributeLocation(marker, typeLocation), "[GenerateMinimizer]", type.Name, type.Name, nameProblem));
            }

            foreach (ISymbol member in PolicyCatalog.GetMinimizedMembers(type))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                MemberVerdict verdict = PolicyCatalog.Evaluate(type, member, identityBearing);
                if (PolicyCatalog.IsInherited(type, member) && IsReportedByDeclaringType(member, verdict))
                {
                    continue;
                }

                Report(context, type, verdict, typeLocation);
            }
        }

        /// <summary>
        /// An inherited member's problem is reported on the derived type, unless the declaring type is a [GenerateMinimizer]
        /// type that reports the very same problem on the member itself.
        /// </summary>
        private static bool IsReportedByDeclaringType(ISymbol member, MemberVerdict verdict)
        {
            INamedTypeSymbol declaring = member.ContainingType;
            if (PolicyCatalog.FindAttribute(declaring, "GenerateMinimizerAttribute") is null)
            {
                return false;
            }

            MemberVerdict own = PolicyCatalog.Evaluate(declaring, member, PolicyCatalog.IsIdentityBearingType(declaring));
            return own.Issue == verdict.Issue && own.Problem == verdict.Problem;
        }

        private static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, MemberVerdict verdict, Location typeLocation)
        {
            ISymbol member = verdict.Member;
            bool inherited = PolicyCatalog.IsInherited(type, member);
            string owner = member.ContainingType.Name;
            string inheritedNote = inherited ? " (inherited by '" + type.Name + "', whose minimizer must cover it)" : string.Empty;

            // A problem of an inherited member is shown on the derived type: that is where the minimizer is asked for.
            Location memberLocation = inherited ? typeLocation : MemberLocation(member);
            Location policyLocation = inherited || verdict.Policies.IsEmpty ? memberLocation : AttributeLocation(verdict.Policy.Attribute, memberLocation);
            string typeDisplay = verdict.MemberType?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? string.Empty;

            switch (verdict.Issue)
            {
                case MemberIssue.NoPolicy:
                {
                    string? category = PolicyCatalog.GetCategory(member);
                    string? suggestion = PolicyCatalog.SuggestedDefault(category);
                    string hint = suggestion is null ? string.Empty : "; for category '" + category + "' the usual choice is " + suggestion;
                    context.ReportDiagnostic(Diagnostic.Create(MemberWithoutPolicy, memberLocation, owner, member.Name, typeDisplay, PolicyCatalog.DescribeFitting(verdict.Shape), hint + inheritedNote));
                    break;
                }

                case MemberIssue.MultiplePolicies:
                {
                    string names = string.Join(", ", verdict.Policies.Select(p => PolicyCatalog.Display(p.Kind)));
                    context.ReportDiagnostic(Diagnostic.Create(MultiplePolicies, memberLocation, owner, member.Name, verdict.Policies.Length, names));
                    break;
                }

                case MemberIssue.DoesNotFit:
                    context.ReportDiagnostic(Diagnostic.Create(PolicyDoesNotFit, policyLocation, PolicyCatalog.Display(verdict.Policy.Kind), owner, member.Name, typeDisplay, PolicyCatalog.DescribeFitting(verdict.Shape)));
                    break;

                case MemberIssue.InvalidArgument:
                {
                    // A [SuppressRare] beside the policy is reported on itself.
                    string display = verdict.ProblemAttribute is null ? PolicyCatalog.Display(verdict.Policy.Kind) : "[SuppressRare]";
                    Location location = verdict.ProblemAttribute is null || inherited ? policyLocation : AttributeLocation(verdict.ProblemAttribute, memberLocation);
                    context.ReportDiagnostic(Diagnostic.Create(InvalidArgument, location, display, owner, member.Name, verdict.Problem));
                    break;
                }

                case MemberIssue.KeepWithoutJustification:
                {
                    string? category = PolicyCatalog.GetCategory(member);
                    string categoryText = category is null ? string.Empty : " (category '" + category + "')";
                    string alternatives = string.Join(", ", PolicyCatalog.DescribeFitting(verdict.Shape).Split(new[] { ", " }, StringSplitOptions.None).Where(p => p != "[Keep]"));
                    context.ReportDiagnostic(Diagnostic.Create(KeepWithoutJustification, policyLocation, owner, member.Name, categoryText, alternatives));
                    break;
                }

                case MemberIssue.CannotCarry:
                    context.ReportDiagnostic(Diagnostic.Create(MemberCannotBeCarried, memberLocation, owner, member.Name, verdict.Problem + inheritedNote));
                    break;
            }
        }

        private static void ReportPoliciesWithoutGenerator(SymbolAnalysisContext context, INamedTypeSymbol type, Lazy<ImmutableHashSet<INamedTypeSymbol>> minimizedBases)
        {
            foreach (ISymbol member in PolicyCatalog.GetCandidateMembers(type))
            {
                ImmutableArray<FoundPolicy> policies = PolicyCatalog.GetPolicies(member);
                AttributeData? rare = PolicyCatalog.GetSuppressRare(member);
                if (policies.IsEmpty && rare is null)
                {
                    continue;
                }

                // Policies on a base type of a [GenerateMinimizer] type are read by that type's minimizer.
                if (minimizedBases.Value.Contains(type.OriginalDefinition))
                {
                    return;
                }

                foreach (FoundPolicy policy in policies)
                {
                    Location location = AttributeLocation(policy.Attribute, MemberLocation(member));
                    context.ReportDiagnostic(Diagnostic.Create(PolicyWithoutGenerator, location, PolicyCatalog.Display(policy.Kind), type.Name, member.Name));
                }

                if (rare is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(PolicyWithoutGenerator, AttributeLocation(rare, MemberLocation(member)), "[SuppressRare]", type.Name, member.Name));
                }
            }
        }

        /// <summary>The source base types of every [GenerateMinimizer] type of the compilation; built once, on first need.</summary>
        private static ImmutableHashSet<INamedTypeSymbol> CollectMinimizedBases(Compilation compilation)
        {
            ImmutableHashSet<INamedTypeSymbol>.Builder bases = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                INamespaceOrTypeSymbol current = pending.Pop();
                if (current is INamespaceSymbol ns)
                {
                    foreach (INamespaceOrTypeSymbol child in ns.GetMembers())
                    {
                        pending.Push(child);
                    }

                    continue;
                }

                var type = (INamedTypeSymbol)current;
                foreach (INamedTypeSymbol nested in type.GetTypeMembers())
                {
                    pending.Push(nested);
                }

                if (PolicyCatalog.FindAttribute(type, "GenerateMinimizerAttribute") is not null)
                {
                    for (INamedTypeSymbol? b = type.BaseType; b is not null && PolicyCatalog.IsFromSource(b); b = b.BaseType)
                    {
                        bases.Add(b.OriginalDefinition);
                    }
                }
            }

            return bases.ToImmutable();
        }

        private static Location MemberLocation(ISymbol member)
            => (PolicyCatalog.GetPositionalParameter(member)?.Locations ?? member.Locations).FirstOrDefault() ?? Location.None;

        private static Location AttributeLocation(AttributeData attribute, Location fallback)
            => attribute.ApplicationSyntaxReference is { } reference
                ? Location.Create(reference.SyntaxTree, reference.Span)
                : fallback;
    }
}
