using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Minimization.Analyzers
{
    /// <summary>
    /// MIN002–MIN009: the fail-closed rules of declared minimization policies. Every member of a <c>[GenerateMinimizer]</c>
    /// type declares exactly one policy that fits its type, with valid arguments, and raw copies of identifying members are
    /// justified in writing; the generator relies on these rules and leaves out every member they reject.
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

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            MemberWithoutPolicy, PolicyDoesNotFit, KeepWithoutJustification, MultiplePolicies,
            TypeCannotBeExtended, TypeNotIdentityBearing, InvalidArgument, PolicyWithoutGenerator);

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

                bool runtimeReferenced = start.Compilation.GetTypeByMetadataName(PolicyCatalog.RuntimeContextMetadataName) is not null;
                start.RegisterSymbolAction(c => AnalyzeType(c, runtimeReferenced), SymbolKind.NamedType);
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, bool runtimeReferenced)
        {
            if (context.Symbol is not INamedTypeSymbol type || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return;
            }

            AttributeData? marker = PolicyCatalog.FindAttribute(type, "GenerateMinimizerAttribute");
            ImmutableArray<ISymbol> members = PolicyCatalog.GetCandidateMembers(type);
            if (marker is null)
            {
                ReportPoliciesWithoutGenerator(context, type, members);
                return;
            }

            Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
            string? hostProblem = PolicyCatalog.GetHostProblem(type, context.CancellationToken)
                                  ?? (runtimeReferenced ? null : "the project does not reference the Minimization.Runtime package that the generated code calls");
            if (hostProblem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(TypeCannotBeExtended, typeLocation, type.Name, hostProblem));
            }

            bool identityBearing = PolicyCatalog.IsIdentityBearingType(type);
            if (!identityBearing)
            {
                context.ReportDiagnostic(Diagnostic.Create(TypeNotIdentityBearing, typeLocation, type.Name));
            }

            string? requestedName = PolicyCatalog.GetRequestedTypeName(marker);
            if (requestedName is not null && (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(requestedName) || requestedName == type.Name))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    InvalidArgument, AttributeLocation(marker, typeLocation), "[GenerateMinimizer]", type.Name, type.Name,
                    "the type name \"" + requestedName + "\" is not a valid C# identifier distinct from the type's own name"));
            }

            foreach (ISymbol member in members)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                AnalyzeMember(context, type, member, identityBearing);
            }
        }

        private static void AnalyzeMember(SymbolAnalysisContext context, INamedTypeSymbol type, ISymbol member, bool typeIsIdentityBearing)
        {
            ITypeSymbol? memberType = PolicyCatalog.GetMemberType(member);
            if (memberType is null || memberType.TypeKind == TypeKind.Error)
            {
                return;
            }

            Location memberLocation = MemberLocation(member);
            string typeDisplay = memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            ValueShape shape = PolicyCatalog.Classify(memberType, out _);
            ImmutableArray<FoundPolicy> policies = PolicyCatalog.GetPolicies(member);

            if (policies.Length == 0)
            {
                string? category = PolicyCatalog.GetCategory(member);
                string? suggestion = PolicyCatalog.SuggestedDefault(category);
                string hint = suggestion is null ? string.Empty : "; for category '" + category + "' the usual choice is " + suggestion;
                context.ReportDiagnostic(Diagnostic.Create(MemberWithoutPolicy, memberLocation, type.Name, member.Name, typeDisplay, PolicyCatalog.DescribeFitting(shape), hint));
                return;
            }

            if (policies.Length > 1)
            {
                string names = string.Join(", ", policies.Select(p => PolicyCatalog.Display(p.Kind)));
                context.ReportDiagnostic(Diagnostic.Create(MultiplePolicies, memberLocation, type.Name, member.Name, policies.Length, names));
                return;
            }

            FoundPolicy policy = policies[0];
            Location policyLocation = AttributeLocation(policy.Attribute, memberLocation);
            if (!PolicyCatalog.Fits(policy.Kind, shape))
            {
                context.ReportDiagnostic(Diagnostic.Create(PolicyDoesNotFit, policyLocation, PolicyCatalog.Display(policy.Kind), type.Name, member.Name, typeDisplay, PolicyCatalog.DescribeFitting(shape)));
                return;
            }

            string? problem = PolicyCatalog.ValidateArguments(policy.Kind, policy.Attribute, shape, type);
            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(InvalidArgument, policyLocation, PolicyCatalog.Display(policy.Kind), type.Name, member.Name, problem));
                return;
            }

            if (policy.Kind == PolicyKind.Keep
                && string.IsNullOrWhiteSpace(PolicyCatalog.GetPositional<string>(policy.Attribute, 0, null))
                && PolicyCatalog.IsIdentifying(member, typeIsIdentityBearing))
            {
                string? category = PolicyCatalog.GetCategory(member);
                string categoryText = category is null ? string.Empty : " (category '" + category + "')";
                string alternatives = string.Join(", ", PolicyCatalog.DescribeFitting(shape).Split(new[] { ", " }, StringSplitOptions.None).Where(p => p != "[Keep]"));
                context.ReportDiagnostic(Diagnostic.Create(KeepWithoutJustification, policyLocation, type.Name, member.Name, categoryText, alternatives));
            }
        }

        private static void ReportPoliciesWithoutGenerator(SymbolAnalysisContext context, INamedTypeSymbol type, ImmutableArray<ISymbol> members)
        {
            foreach (ISymbol member in members)
            {
                foreach (FoundPolicy policy in PolicyCatalog.GetPolicies(member))
                {
                    Location location = AttributeLocation(policy.Attribute, MemberLocation(member));
                    context.ReportDiagnostic(Diagnostic.Create(PolicyWithoutGenerator, location, PolicyCatalog.Display(policy.Kind), type.Name, member.Name));
                }
            }
        }

        private static Location MemberLocation(ISymbol member)
            => (PolicyCatalog.GetPositionalParameter(member)?.Locations ?? member.Locations).FirstOrDefault() ?? Location.None;

        private static Location AttributeLocation(AttributeData attribute, Location fallback)
            => attribute.ApplicationSyntaxReference is { } reference
                ? Location.Create(reference.SyntaxTree, reference.Span)
                : fallback;
    }
}
