using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Minimization.Generators.Tests.Infrastructure
{
    /// <summary>
    /// The verifier's span markup, <c>{|MIN002:text|}</c>: the source without the markers, plus the expected diagnostic IDs and spans.
    /// </summary>
    internal sealed class Markup
    {
        private Markup(string source, IReadOnlyList<(string Id, TextSpan Span)> expected)
        {
            Source = source;
            Expected = expected;
        }

        public string Source { get; }

        public IReadOnlyList<(string Id, TextSpan Span)> Expected { get; }

        public static Markup Parse(string markup)
        {
            var text = new StringBuilder();
            var expected = new List<(string, TextSpan)>();
            var open = new Stack<(string Id, int Start)>();
            int i = 0;
            while (i < markup.Length)
            {
                if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
                {
                    int colon = markup.IndexOf(':', i);
                    open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                    i = colon + 1;
                }
                else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
                {
                    (string id, int start) = open.Pop();
                    expected.Add((id, TextSpan.FromBounds(start, text.Length)));
                    i += 2;
                }
                else
                {
                    text.Append(markup[i]);
                    i++;
                }
            }

            return new Markup(text.ToString(), expected);
        }

        /// <summary>Asserts that the diagnostics are exactly the expected ones (ID and span, in the first source).</summary>
        public void AssertMatches(IEnumerable<Diagnostic> diagnostics)
        {
            string[] actual = diagnostics
                .Select(d => d.Id + "@" + d.Location.SourceSpan + ":" + Source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
                .OrderBy(s => s)
                .ToArray();
            string[] wanted = Expected
                .Select(e => e.Id + "@" + e.Span + ":" + Source.Substring(e.Span.Start, e.Span.Length))
                .OrderBy(s => s)
                .ToArray();
            Assert.Equal(wanted, actual);
        }
    }
}
