using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Minimization.Packaging.Tests.Infrastructure;

namespace Minimization.Packaging.Tests.Docs
{
    /// <summary>A fenced code block: where it starts, its info string (<c>csharp expect=MIN001</c>) and its text.</summary>
    public sealed record CodeBlock(string File, int Line, string Info, string Text)
    {
        /// <summary>The first word of the info string: <c>csharp</c>, <c>bash</c>, <c>xml</c> …</summary>
        public string Language => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

        public IEnumerable<string> Options => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1);

        public string Id => File + ":" + Line;
    }

    /// <summary>A link or image target written in a Markdown file (outside code), with its line.</summary>
    public sealed record MarkdownLink(string File, int Line, string Target);

    /// <summary>
    /// Just enough Markdown for the documentation tests: fenced code blocks, inline code spans, inline links and images,
    /// reference definitions, and GitHub's heading anchors.
    /// </summary>
    public static class Markdown
    {
        private static readonly Regex Fence = new Regex(@"^ {0,3}(```+|~~~+)\s*(.*)$", RegexOptions.Compiled);
        private static readonly Regex InlineCode = new Regex(@"(`+)(.+?)\1", RegexOptions.Compiled);
        private static readonly Regex InlineLink = new Regex(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)", RegexOptions.Compiled);
        private static readonly Regex ReferenceDefinition = new Regex(@"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", RegexOptions.Compiled);
        private static readonly Regex HtmlLink = new Regex(@"<(?:a|img)\s[^>]*?(?:href|src)\s*=\s*""([^""]+)""", RegexOptions.Compiled | RegexOptions.IgnoreCase);
        private static readonly Regex Heading = new Regex(@"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", RegexOptions.Compiled);

        /// <summary>
        /// The documentation a user reads, relative to the repository with forward slashes: the README, the changelog,
        /// everything under docs/, each sample's README, and each package's README (src/*/README.md).
        /// </summary>
        public static IReadOnlyList<string> DocumentationFiles()
        {
            var files = new List<string> { "README.md", "CHANGELOG.md" };
            files.AddRange(Directory.GetFiles(Nested.Path("docs"), "*.md", SearchOption.AllDirectories).Select(Relative));
            foreach (var folder in new[] { "samples", "src" })
            {
                files.AddRange(Directory.GetDirectories(Nested.Path(folder))
                    .Select(d => Path.Combine(d, "README.md"))
                    .Where(File.Exists)
                    .Select(Relative));
            }

            return files.Where(f => File.Exists(Nested.Path(f))).OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        public static string Relative(string path) => Path.GetRelativePath(Nested.Root, path).Replace('\\', '/');

        public static string Read(string relativeFile) => File.ReadAllText(Nested.Path(relativeFile)).Replace("\r\n", "\n");

        public static IReadOnlyList<CodeBlock> CodeBlocks(string relativeFile) => CodeBlocks(relativeFile, Read(relativeFile));

        public static IReadOnlyList<CodeBlock> CodeBlocks(string file, string text)
        {
            var blocks = new List<CodeBlock>();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var open = Fence.Match(lines[i]);
                if (!open.Success)
                {
                    continue;
                }

                var marker = open.Groups[1].Value;
                var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
                var body = new StringBuilder();
                var start = i + 1;
                for (i++; i < lines.Length && !IsClosing(lines[i], marker); i++)
                {
                    // A fence indented inside a list item: its content loses as many leading spaces (CommonMark).
                    var line = lines[i];
                    var strip = 0;
                    while (strip < indent && strip < line.Length && line[strip] == ' ')
                    {
                        strip++;
                    }

                    body.Append(line, strip, line.Length - strip).Append('\n');
                }

                blocks.Add(new CodeBlock(file, start, open.Groups[2].Value.Trim(), body.ToString()));
            }

            return blocks;
        }

        /// <summary>Every link and image target outside code blocks and code spans.</summary>
        public static IReadOnlyList<MarkdownLink> Links(string file, string text)
        {
            var links = new List<MarkdownLink>();
            foreach (var (line, content) in ProseLines(text))
            {
                var prose = InlineCode.Replace(content, m => new string(' ', m.Length));
                foreach (Match m in InlineLink.Matches(prose))
                {
                    links.Add(new MarkdownLink(file, line, m.Groups[1].Value));
                }

                foreach (Match m in HtmlLink.Matches(prose))
                {
                    links.Add(new MarkdownLink(file, line, m.Groups[1].Value));
                }

                var definition = ReferenceDefinition.Match(prose);
                if (definition.Success)
                {
                    links.Add(new MarkdownLink(file, line, definition.Groups[1].Value));
                }
            }

            return links;
        }

        /// <summary>The contents of every code span outside code blocks, with its line.</summary>
        public static IEnumerable<(int Line, string Code)> CodeSpans(string text)
        {
            foreach (var (line, content) in ProseLines(text))
            {
                foreach (Match m in InlineCode.Matches(content))
                {
                    yield return (line, m.Groups[2].Value.Trim());
                }
            }
        }

        /// <summary>The anchors GitHub gives the headings of a file (lower case, punctuation dropped, spaces to dashes, -1, -2 … for repeats).</summary>
        public static IReadOnlySet<string> Anchors(string text)
        {
            var anchors = new HashSet<string>(StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (_, content) in ProseLines(text))
            {
                var heading = Heading.Match(content);
                if (!heading.Success)
                {
                    continue;
                }

                var slug = Slug(heading.Groups[1].Value);
                if (seen.TryGetValue(slug, out var count))
                {
                    seen[slug] = count + 1;
                    anchors.Add(slug + "-" + (count + 1));
                }
                else
                {
                    seen[slug] = 0;
                    anchors.Add(slug);
                }
            }

            return anchors;
        }

        public static string Slug(string heading)
        {
            // Links and code keep their text; markup characters go.
            var text = InlineLink.Replace(heading, m => m.Value.Substring(m.Value.IndexOf('[') + 1, m.Value.IndexOf("](", StringComparison.Ordinal) - m.Value.IndexOf('[') - 1));
            var slug = new StringBuilder();
            foreach (var c in text.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            return slug.ToString();
        }

        private static bool IsClosing(string line, string marker)
        {
            var trimmed = line.TrimStart(' ');
            return line.Length - trimmed.Length <= 3 && trimmed.StartsWith(marker, StringComparison.Ordinal) && trimmed.TrimEnd().Trim(marker[0]).Length == 0;
        }

        /// <summary>The lines that are not inside a fenced code block, 1-based.</summary>
        private static IEnumerable<(int Line, string Content)> ProseLines(string text)
        {
            var lines = text.Split('\n');
            string? marker = null;
            for (var i = 0; i < lines.Length; i++)
            {
                if (marker is null)
                {
                    var open = Fence.Match(lines[i]);
                    if (open.Success)
                    {
                        marker = open.Groups[1].Value;
                        continue;
                    }

                    yield return (i + 1, lines[i]);
                }
                else if (IsClosing(lines[i], marker))
                {
                    marker = null;
                }
            }
        }
    }
}
