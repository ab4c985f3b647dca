using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Minimization.Analyzers;

namespace Minimization.CodeFixes
{
    /// <summary>
    /// MIN001: "Minimize with …", one action per [Minimizer] that accepts the value and returns what the sink takes; the
    /// generated minimizer of the value's type first. Fix All applies the chosen minimizer wherever it fits.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(MinimizeCodeFixProvider)), Shared]
    public sealed class MinimizeCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.IdentityReachesPartner);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FixSyntax.ExpressionAt(root, diagnostic.Location.SourceSpan) is not { } value)
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue("partner", out var partner);
                foreach (var candidate in MinimizerCandidates.Find(model, value, partner, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            candidate.Title,
                            ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, candidate.Wrap(value)))),
                            candidate.EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var plans = new Dictionary<ExpressionSyntax, MinimizerCandidate>();
            foreach (var diagnostic in diagnostics)
            {
                if (FixSyntax.ExpressionAt(root, diagnostic.Location.SourceSpan) is not { } value || plans.ContainsKey(value))
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue("partner", out var partner);
                var chosen = MinimizerCandidates.Find(model, value, partner, context.CancellationToken)
                    .FirstOrDefault(c => c.EquivalenceKey == context.CodeActionEquivalenceKey);
                if (chosen is not null)
                {
                    plans.Add(value, chosen);
                }
            }

            return plans.Count == 0
                ? document
                : document.WithSyntaxRoot(root.ReplaceNodes(plans.Keys, (original, rewritten) => plans[original].Wrap(rewritten)));
        }
    }
}
