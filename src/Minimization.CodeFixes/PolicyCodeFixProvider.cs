using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Minimization.Analyzers;

namespace Minimization.CodeFixes
{
    /// <summary>
    /// The policy rules: MIN002 "Add policy [X]" (each policy that fits the member's type, [Drop] first), MIN003 "Replace [X]
    /// with [Y]" (each that fits), MIN008 "Use [X(safe value)]" where the argument has a safe value. Every action is checked
    /// before it is offered: applied to the member, it must leave a member the policy catalog accepts (the verdict the analyzer
    /// and the generator share), so no fix trades one policy error for another.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PolicyCodeFixProvider)), Shared]
    public sealed class PolicyCodeFixProvider : CodeFixProvider
    {
        /// <summary>The policies offered, in order: [Drop] first (always safe), [Keep] never (it shares the value raw).</summary>
        private static readonly PolicyKind[] Offered =
        {
            PolicyKind.Drop, PolicyKind.Pseudonymize, PolicyKind.KeepPrefix, PolicyKind.MaskIpAddress, PolicyKind.SnapToGrid,
            PolicyKind.TruncateTime, PolicyKind.Bucket,
        };

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            RuleIdentifiers.MemberWithoutPolicy, RuleIdentifiers.PolicyDoesNotFitType, RuleIdentifiers.InvalidPolicyArgument,
            RuleIdentifiers.KeepWithoutJustification, RuleIdentifiers.MultiplePolicies);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                foreach (var fix in await FixesAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false))
                {
                    var changed = fix.Document;
                    context.RegisterCodeFix(CodeAction.Create(fix.Title, ct => Task.FromResult(changed), fix.Key), diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            // Each fix is computed (and checked) on the document as it was; the edits touch disjoint declarations, so they
            // are applied together, one per declaration.
            var edits = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var fixes = await FixesAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                var chosen = fixes.FirstOrDefault(f => f.Key == context.CodeActionEquivalenceKey);
                if (chosen.Title is not null && !edits.ContainsKey(chosen.Original))
                {
                    edits.Add(chosen.Original, chosen.Replacement);
                }
            }

            return edits.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(edits.Keys, (original, _) => edits[original]));
        }

        private readonly struct Fix
        {
            public Fix(string title, string key, SyntaxNode original, SyntaxNode replacement, Document document)
            {
                Title = title;
                Key = key;
                Original = original;
                Replacement = replacement;
                Document = document;
            }

            public string Title { get; }

            public string Key { get; }

            public SyntaxNode Original { get; }

            public SyntaxNode Replacement { get; }

            public Document Document { get; }
        }

        private static async Task<IReadOnlyList<Fix>> FixesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var fixes = new List<Fix>();
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || !diagnostic.Location.IsInSource || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return fixes;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var declaration = node.AncestorsAndSelf().FirstOrDefault(n => n is PropertyDeclarationSyntax or FieldDeclarationSyntax or ParameterSyntax);
            if (declaration is null || MemberOf(model, declaration, node, cancellationToken) is not { } member || PolicyCatalog.GetMemberType(member) is not { } memberType)
            {
                // An inherited member is reported on the derived type: its policy belongs on the base declaration, not here.
                return fixes;
            }

            var shape = PolicyCatalog.Classify(memberType, out _);
            var generator = SyntaxGenerator.GetGenerator(document);
            var policy = node.AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            switch (diagnostic.Id)
            {
                case RuleIdentifiers.MemberWithoutPolicy:
                    foreach (var kind in Offered.Where(k => Suits(k, shape, member)))
                    {
                        var text = DefaultPolicy(kind, shape);
                        var replacement = AddPolicy(generator, declaration, text);
                        await AddIfAcceptedAsync(fixes, document, root, declaration, replacement, member.Name, "Add policy [" + Shown(text) + "]", "MIN002:" + kind, cancellationToken).ConfigureAwait(false);
                    }

                    break;

                case RuleIdentifiers.PolicyDoesNotFitType or RuleIdentifiers.KeepWithoutJustification when policy is not null:
                    // MIN003: a policy that fits instead. MIN004: a minimizing policy instead of the raw copy (the
                    // justification itself only a person can write).
                    foreach (var kind in Offered.Where(k => Suits(k, shape, member)))
                    {
                        var text = DefaultPolicy(kind, shape);
                        var replacement = declaration.ReplaceNode(policy, Policy(text));
                        await AddIfAcceptedAsync(fixes, document, root, declaration, replacement, member.Name, "Replace [" + policy + "] with [" + Shown(text) + "]", diagnostic.Id + ":" + kind, cancellationToken).ConfigureAwait(false);
                    }

                    break;

                case RuleIdentifiers.MultiplePolicies:
                {
                    // "Keep only [X]": each declared policy that, alone, the catalog accepts.
                    var policies = declaration.DescendantNodes().OfType<AttributeSyntax>()
                        .Where(a => PolicyCatalog.TryGetPolicyKind(model.GetTypeInfo(a, cancellationToken).Type as INamedTypeSymbol, out _))
                        .ToList();
                    foreach (var kept in policies)
                    {
                        // The declaration's own leading trivia (doc comment, indentation) stays, whichever list goes.
                        var replacement = declaration.RemoveNodes(policies.Where(p => p != kept).Select(p => OwnList(p) ?? (SyntaxNode)p), SyntaxRemoveOptions.KeepNoTrivia)
                            ?.WithLeadingTrivia(declaration.GetLeadingTrivia());
                        if (replacement is null)
                        {
                            continue;
                        }

                        var kind = PolicyCatalog.TryGetPolicyKind(model.GetTypeInfo(kept, cancellationToken).Type as INamedTypeSymbol, out var k) ? k : PolicyKind.Drop;
                        await AddIfAcceptedAsync(fixes, document, root, declaration, replacement, member.Name, "Keep only [" + kept + "]", "MIN005:" + kind, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                case RuleIdentifiers.InvalidPolicyArgument when policy is not null:
                    if (PolicyCatalog.TryGetPolicyKind(model.GetTypeInfo(policy, cancellationToken).Type as INamedTypeSymbol, out var invalid))
                    {
                        foreach (var corrected in Corrections(policy, invalid, shape))
                        {
                            var replacement = declaration.ReplaceNode(policy, corrected);
                            var title = "Use [" + Shown(corrected.NormalizeWhitespace().ToString()) + "]";
                            if (await AddIfAcceptedAsync(fixes, document, root, declaration, replacement, member.Name, title, "MIN008:" + invalid, cancellationToken).ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                    }

                    break;
            }

            return fixes;
        }

        /// <summary>The attribute list that holds only this attribute (removed whole), or null when it holds others too.</summary>
        private static AttributeListSyntax? OwnList(AttributeSyntax attribute)
            => attribute.Parent is AttributeListSyntax list && list.Attributes.Count == 1 ? list : null;

        /// <summary>Offers the edit only if, once made, the member has exactly one policy that fits, with valid arguments.</summary>
        private static async Task<bool> AddIfAcceptedAsync(List<Fix> fixes, Document document, SyntaxNode root, SyntaxNode declaration, SyntaxNode replacement, string memberName, string title, string key, CancellationToken cancellationToken)
        {
            var marker = new SyntaxAnnotation();
            var marked = replacement.WithAdditionalAnnotations(marker);
            var changed = document.WithSyntaxRoot(root.ReplaceNode(declaration, marked));
            var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var changedModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var changedDeclaration = changedRoot?.GetAnnotatedNodes(marker).FirstOrDefault();
            if (changedModel is null || changedDeclaration is null || MemberOf(changedModel, changedDeclaration, null, cancellationToken, memberName) is not { ContainingType: { } type } member)
            {
                return false;
            }

            var verdict = PolicyCatalog.Evaluate(type, member, PolicyCatalog.IsIdentityBearingType(type));
            if (verdict.Issue != MemberIssue.None)
            {
                return false;
            }

            fixes.Add(new Fix(title, key, declaration, marked, changed));
            return true;
        }

        /// <summary>The field or property the declaration declares (for a positional record parameter, its property).</summary>
        private static ISymbol? MemberOf(SemanticModel model, SyntaxNode declaration, SyntaxNode? at, CancellationToken cancellationToken, string? name = null)
        {
            switch (declaration)
            {
                case PropertyDeclarationSyntax property:
                    return model.GetDeclaredSymbol(property, cancellationToken);
                case FieldDeclarationSyntax field:
                {
                    var variable = field.Declaration.Variables.FirstOrDefault(v => name is null ? at is null || v.Span.Contains(at.Span) || at.Span.Contains(v.Span) : v.Identifier.ValueText == name);
                    return variable is null ? null : model.GetDeclaredSymbol(variable, cancellationToken);
                }

                case ParameterSyntax parameter when parameter.Parent?.Parent is TypeDeclarationSyntax:
                    return model.GetDeclaredSymbol(parameter, cancellationToken) is IParameterSymbol symbol
                        ? symbol.ContainingType?.GetMembers(symbol.Name).OfType<IPropertySymbol>().FirstOrDefault()
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// A policy fits the member's type, and its category does not rule it out: IP masking is offered for a string only
        /// when the member is not declared to be another kind of identifier.
        /// </summary>
        private static bool Suits(PolicyKind kind, ValueShape shape, ISymbol member)
            => PolicyCatalog.Fits(kind, shape)
               && !(kind == PolicyKind.MaskIpAddress && shape == ValueShape.String && PolicyCatalog.GetCategory(member) is { } category && category != "ip");

        /// <summary>The attribute text of a policy with safe arguments for a member of this shape.</summary>
        private static string DefaultPolicy(PolicyKind kind, ValueShape shape) => kind switch
        {
            PolicyKind.Pseudonymize => "Pseudonymize(Rotation = global::Minimization.KeyRotation.Daily)",
            PolicyKind.KeepPrefix => "KeepPrefix(3)",
            PolicyKind.SnapToGrid => "SnapToGrid(0.1)",
            PolicyKind.TruncateTime => "TruncateTime(global::Minimization.TimeGranularity.Day)",
            PolicyKind.Bucket => "Bucket(" + SafeWidth(shape) + ")",
            _ => kind.ToString(),
        };

        private static string SafeWidth(ValueShape shape) => shape == ValueShape.TimeSpan ? "3600" : "10";

        private static string Shown(string text) => text.Replace("global::Minimization.", string.Empty);

        private static AttributeSyntax Policy(string text)
            => SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::Minimization." + text.Split('(')[0]), ParseArguments(text))
                .WithAdditionalAnnotations(Simplifier.Annotation);

        private static AttributeArgumentListSyntax? ParseArguments(string text)
        {
            var open = text.IndexOf('(');
            if (open < 0)
            {
                return null;
            }

            var attribute = (AttributeSyntax)((AttributeListSyntax)((CompilationUnitSyntax)SyntaxFactory.ParseCompilationUnit("[X" + text.Substring(open) + "] class C { }")).Members[0].AttributeLists[0]).Attributes[0];
            return attribute.ArgumentList;
        }

        private static SyntaxNode AddPolicy(SyntaxGenerator generator, SyntaxNode declaration, string text)
            => generator.AddAttributes(declaration, SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(Policy(text))).WithAdditionalAnnotations(Formatter.Annotation));

        /// <summary>
        /// The attribute with its invalid argument replaced by a safe one, most specific first (the first that the catalog
        /// accepts is offered); none where no value is safe for every member.
        /// </summary>
        private static IEnumerable<AttributeSyntax> Corrections(AttributeSyntax policy, PolicyKind kind, ValueShape shape)
        {
            var arguments = policy.ArgumentList?.Arguments ?? default;
            AttributeSyntax WithFirst(string value)
            {
                var first = SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression(value));
                var rest = arguments.Count == 0 ? Enumerable.Empty<AttributeArgumentSyntax>() : arguments.Skip(arguments[0].NameEquals is null ? 1 : 0);
                return policy.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[] { first }.Concat(rest))))
                    .WithAdditionalAnnotations(Simplifier.Annotation);
            }

            AttributeSyntax Without(params string[] names)
            {
                var kept = arguments.Where(a => a.NameEquals is null || !names.Contains(a.NameEquals.Name.Identifier.ValueText)).ToList();
                return policy.WithArgumentList(kept.Count == 0 ? null : SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(kept)));
            }

            switch (kind)
            {
                case PolicyKind.KeepPrefix:
                    yield return WithFirst("3");
                    break;
                case PolicyKind.SnapToGrid:
                    yield return WithFirst("0.1");
                    break;
                case PolicyKind.TruncateTime:
                    yield return WithFirst("global::Minimization.TimeGranularity.Day");
                    break;
                case PolicyKind.Bucket:
                    yield return WithFirst(SafeWidth(shape));
                    break;
                case PolicyKind.MaskIpAddress:
                    // The defaults (/24 and /48) are the safe prefixes.
                    yield return Without("IPv4PrefixLength", "IPv6PrefixLength");
                    break;
                case PolicyKind.Pseudonymize:
                    // Drop the setting that is wrong, keeping the others: a RotateBy that names nothing (the release time
                    // rotates the key instead), an undefined normalization (Auto), an undefined rotation.
                    yield return Without("RotateBy");
                    yield return Without("Normalization");
                    yield return Without("Rotation", "RotateBy");
                    yield return Without("Rotation", "Normalization", "RotateBy");
                    break;

                // [BucketBoundaries]: which boundaries generalize a value is the team's decision; there is no safe default.
            }
        }
    }
}
