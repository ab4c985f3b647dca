using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Minimization.Packaging.Tests.Docs
{
    /// <summary>
    /// Every <c>```csharp</c> block of the README, the changelog, docs/ and the samples' READMEs compiles as a user would
    /// paste it (<see cref="SnippetCompiler"/>). The info string says what the block is:
    /// <list type="bullet">
    /// <item><c>```csharp</c>: compiles with no error and no warning, the analyzers' and the generator's included;</item>
    /// <item><c>```csharp expect=MIN001,CS0103</c>: reports exactly those IDs, no other, each at least once;</item>
    /// <item><c>```csharp fragment</c>: a piece of a larger file (an attribute line, a chain of calls); not compiled.</item>
    /// </list>
    /// A comment <c>// MINnnn</c>, <c>// error MINnnn</c> or <c>// warning MINnnn</c> on a line of a compiled block claims
    /// that diagnostic on that line, and the test holds the block to it.
    /// </summary>
    public class DocSnippetTests
    {
        /// <summary>
        /// Pages whose snippets are not compiled yet: they are being rewritten on another branch, and their blocks will
        /// get info strings (<c>expect=…</c>, <c>fragment</c>) there. Remove a page from here once it has them.
        /// </summary>
        public static readonly IReadOnlySet<string> NotYetChecked = new HashSet<string>(StringComparer.Ordinal)
        {
        };

        private static readonly Regex Claim = new Regex(@"//\s*(?:error\s+|warning\s+)?(MIN\d{3})\b", RegexOptions.Compiled);

        public static IEnumerable<object[]> Snippets()
            => AllCSharpBlocks().Select(b => new object[] { b.Id });

        internal static IEnumerable<CodeBlock> AllCSharpBlocks()
            => Markdown.DocumentationFiles()
                .Where(f => !NotYetChecked.Contains(f))
                .SelectMany(Markdown.CodeBlocks)
                .Where(b => b.Language is "csharp" or "cs" or "c#");

        [Fact]
        public void The_documentation_has_snippets_and_they_are_marked_with_known_options()
        {
            var blocks = AllCSharpBlocks().ToList();
            Assert.True(blocks.Count >= 30, "only " + blocks.Count + " C# blocks found");
            Assert.Contains(blocks, b => b.File == "README.md" && !b.Options.Contains("fragment"));
            foreach (var block in blocks)
            {
                foreach (var option in block.Options)
                {
                    Assert.True(option == "fragment" || Regex.IsMatch(option, @"^expect=[A-Z]+\d+(,[A-Z]+\d+)*$"), $"{block.Id}: unknown info string option '{option}'");
                }
            }

            // Every page edited elsewhere still exists; once it is gone or marked, the entry goes.
            Assert.All(NotYetChecked, f => Assert.True(System.IO.File.Exists(Infrastructure.Nested.Path(f)), f + " is listed in NotYetChecked but does not exist"));
        }

        [Theory]
        [MemberData(nameof(Snippets))]
        public async Task Snippet_compiles_as_written(string id)
        {
            var block = AllCSharpBlocks().Single(b => b.Id == id);
            if (block.Options.Contains("fragment"))
            {
                return;
            }

            var expected = block.Options
                .Where(o => o.StartsWith("expect=", StringComparison.Ordinal))
                .SelectMany(o => o.Substring("expect=".Length).Split(','))
                .ToHashSet(StringComparer.Ordinal);

            var problems = await SnippetCompiler.ProblemsAsync(block.Text);
            var report = $"{block.Id} (```{block.Info}) reported:\n  " + string.Join("\n  ", problems.Select(Describe)) + "\n\n" + block.Text;

            Assert.DoesNotContain(problems, d => d.Id == "AD0001");
            Assert.True(expected.SetEquals(problems.Select(d => d.Id)), $"expected exactly {{{string.Join(", ", expected.OrderBy(x => x))}}}; " + report);

            var lines = block.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var claim = Claim.Match(lines[i]);
                if (claim.Success)
                {
                    Assert.True(
                        problems.Any(d => d.Id == claim.Groups[1].Value && d.Location.SourceTree?.FilePath == "Snippet.cs" && d.Location.GetLineSpan().StartLinePosition.Line == i),
                        $"line {i + 1} says {claim.Groups[1].Value}, but it is not reported there; " + report);
                }
            }
        }

        /// <summary>
        /// Every rule page's examples, and every other snippet that expects a rule, are reported in the editor as you type:
        /// the IDE's per-document analysis (no compilation-end actions) finds exactly what the build finds.
        /// </summary>
        [Theory]
        [MemberData(nameof(Snippets))]
        public async Task Snippet_findings_appear_live_in_the_editor_as_in_the_build(string id)
        {
            var block = AllCSharpBlocks().Single(b => b.Id == id);
            if (block.Options.Contains("fragment") || !block.Options.Any(o => o.StartsWith("expect=", StringComparison.Ordinal) && o.Contains("MIN", StringComparison.Ordinal)))
            {
                return;
            }

            var (build, live) = await SnippetCompiler.BuildAndLiveAsync(block.Text);
            Assert.NotEmpty(build);
            Assert.Equal(build, live);
        }

        private static string Describe(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage()}";
        }
    }
}
