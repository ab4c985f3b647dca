using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Minimization.Analyzers;

namespace Minimization.CodeFixes
{
    /// <summary>
    /// "Suppress MINnnn with a justification": adds <c>[SuppressMessage("Minimization", "MINnnn", Justification = "…")]</c> to
    /// the member or type that holds the finding, with <see cref="SuppressionJustification.Placeholder"/> as the reason, which
    /// MIN013 keeps reporting until a person writes the real one. Not offered for MIN013 itself, nor where there is no
    /// declaration to carry the attribute (top-level statements).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SuppressWithJustificationCodeFixProvider)), Shared]
    public sealed class SuppressWithJustificationCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            RuleIdentifiers.IdentityReachesPartner, RuleIdentifiers.MemberWithoutPolicy, RuleIdentifiers.PolicyDoesNotFitType,
            RuleIdentifiers.KeepWithoutJustification, RuleIdentifiers.MultiplePolicies, RuleIdentifiers.MinimizerTypeCannotBeExtended,
            RuleIdentifiers.MinimizerTypeNotIdentityBearing, RuleIdentifiers.InvalidPolicyArgument, RuleIdentifiers.PolicyWithoutGeneratedMinimizer,
            RuleIdentifiers.IdentityExposedAcrossAssembly, RuleIdentifiers.AnalysisBoundReached, RuleIdentifiers.AnalysisFailed,
            RuleIdentifiers.MemberCannotBeCarried, RuleIdentifiers.GeneratedTypeNameTaken);

        /// <summary>The equivalence key of the action for a rule: Fix All suppresses that rule, not every rule.</summary>
        public static string EquivalenceKey(string id) => "Suppress:" + id;

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Location.IsInSource || Holder(root, diagnostic) is not { } holder)
                {
                    continue;
                }

                var id = diagnostic.Id;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Suppress " + id + " with a justification ([SuppressMessage])",
                        ct => CleanUpAsync(context.Document.WithSyntaxRoot(root.ReplaceNode(holder, AddAttribute(context.Document, holder, new[] { id }))), ct),
                        EquivalenceKey(id)),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            // One attribute per declaration and rule, however many findings it holds.
            var ids = new Dictionary<MemberDeclarationSyntax, SortedSet<string>>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Location.IsInSource || EquivalenceKey(diagnostic.Id) != context.CodeActionEquivalenceKey || Holder(root, diagnostic) is not { } holder)
                {
                    continue;
                }

                if (!ids.TryGetValue(holder, out var set))
                {
                    ids[holder] = set = new SortedSet<string>(System.StringComparer.Ordinal);
                }

                set.Add(diagnostic.Id);
            }

            return ids.Count == 0
                ? document
                : await CleanUpAsync(document.WithSyntaxRoot(root.ReplaceNodes(ids.Keys, (original, rewritten) => AddAttribute(document, rewritten, ids[original]))), context.CancellationToken).ConfigureAwait(false);
        }

        private static readonly SyntaxAnnotation Added = new SyntaxAnnotation("Minimization.SuppressMessage");

        private const string Namespace = "System.Diagnostics.CodeAnalysis";

        /// <summary>Writes the attribute as the user would: its short name, with <c>using System.Diagnostics.CodeAnalysis;</c> added if missing.</summary>
        private static async Task<Document> CleanUpAsync(Document document, System.Threading.CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == Namespace))
            {
                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace)).WithAdditionalAnnotations(Added);
                var index = unit.Usings.TakeWhile(u => Order(u.Name?.ToString()).CompareTo(Order(Namespace)) < 0).Count();
                var newLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                var endOfLine = newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.LineFeed;
                document = document.WithSyntaxRoot(unit.WithUsings(unit.Usings.Insert(index, directive.WithTrailingTrivia(endOfLine))));
            }

            return await Formatter.FormatAsync(document, Added, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>System namespaces first, then the others, each alphabetically (the usual order of usings).</summary>
        private static string Order(string? name)
            => name is null ? "~" : (name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal) ? "0" : "1") + name;

        /// <summary>The innermost member or type declaration around the finding that can carry an attribute.</summary>
        private static MemberDeclarationSyntax? Holder(SyntaxNode root, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            return node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is
                BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
        }

        private static SyntaxNode AddAttribute(Document document, SyntaxNode holder, IEnumerable<string> ids)
        {
            var generator = SyntaxGenerator.GetGenerator(document);
            var attributes = ids.Select(id => generator.Attribute(
                    "SuppressMessage",
                    generator.AttributeArgument(generator.LiteralExpression(RuleIdentifiers.Category)),
                    generator.AttributeArgument(generator.LiteralExpression(id)),
                    generator.AttributeArgument("Justification", generator.LiteralExpression(SuppressionJustification.Placeholder))));
            var before = AttributeLists(holder).Count;
            var added = generator.AddAttributes(holder, attributes);
            var lists = AttributeLists(added);
            return added.ReplaceNodes(lists.Skip(before), (_, list) => list.WithAdditionalAnnotations(Added));
        }

        private static SyntaxList<AttributeListSyntax> AttributeLists(SyntaxNode declaration)
            => declaration is MemberDeclarationSyntax member ? member.AttributeLists : default;
    }
}
