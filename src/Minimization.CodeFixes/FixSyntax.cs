using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Minimization.CodeFixes
{
    /// <summary>Finding the syntax a diagnostic is about.</summary>
    internal static class FixSyntax
    {
        /// <summary>The expression whose span is exactly <paramref name="span"/> (MIN001 is on the whole argument or assigned value).</summary>
        public static ExpressionSyntax? ExpressionAt(SyntaxNode root, TextSpan span)
        {
            if (span.IsEmpty || !root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            return node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span)
                   ?? (node is ArgumentSyntax argument && argument.Expression.Span == span ? argument.Expression : null);
        }
    }
}
