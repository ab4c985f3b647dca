using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Docs
{
    /// <summary>
    /// A clone of the repository is all a reader has: every relative link of the README, the changelog, docs/ and the
    /// samples' READMEs resolves to a file or folder of the repository (and to a heading, when it names one), and no
    /// path points outside the repository.
    /// </summary>
    public class DocLinkTests
    {
        private static readonly Regex Scheme = new Regex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:", RegexOptions.Compiled);

        /// <summary>A code span that looks like a path climbing out of the repository: <c>../shared/CONTRACT.md</c>.</summary>
        private static readonly Regex OutsidePath = new Regex(@"(?:^|[\s(])(\.\./[\w./-]+)", RegexOptions.Compiled);

        public static IEnumerable<object[]> Files() => Markdown.DocumentationFiles().Select(f => new object[] { f });

        [Fact]
        public void The_documentation_set_includes_the_readme_changelog_docs_and_sample_readmes()
        {
            var files = Markdown.DocumentationFiles();
            Assert.Contains("README.md", files);
            Assert.Contains("CHANGELOG.md", files);
            Assert.Contains("docs/packaging.md", files);
            Assert.Contains("docs/rules/MIN001.md", files);
            Assert.Contains(files, f => f.StartsWith("samples/", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void Every_relative_link_resolves(string file)
        {
            var text = Markdown.Read(file);
            var directory = Path.GetDirectoryName(Nested.Path(file))!;
            var broken = new List<string>();
            foreach (var link in Markdown.Links(file, text))
            {
                if (Scheme.IsMatch(link.Target) || link.Target.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = link.Target.IndexOf('#');
                var path = Uri.UnescapeDataString(hash < 0 ? link.Target : link.Target.Substring(0, hash));
                var anchor = hash < 0 ? null : link.Target.Substring(hash + 1);
                var target = path.Length == 0 ? Nested.Path(file) : Path.GetFullPath(Path.Combine(directory, path));

                if (!IsInside(target))
                {
                    broken.Add($"{file}:{link.Line}: {link.Target} leaves the repository");
                }
                else if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{file}:{link.Line}: {link.Target} does not exist");
                }
                else if (anchor is { Length: > 0 } && target.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                         && !Markdown.Anchors(File.ReadAllText(target).Replace("\r\n", "\n")).Contains(anchor))
                {
                    broken.Add($"{file}:{link.Line}: {link.Target} names no heading of {Markdown.Relative(target)}");
                }
            }

            Assert.True(broken.Count == 0, string.Join("\n", broken));
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void No_path_points_outside_the_repository(string file)
        {
            var text = Markdown.Read(file);
            var outside = Markdown.CodeSpans(text)
                .SelectMany(span => OutsidePath.Matches(span.Code).Select(m => (span.Line, Path: m.Groups[1].Value)))
                .Where(p => !IsInside(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Nested.Path(file))!, p.Path))))
                .Select(p => $"{file}:{p.Line}: `{p.Path}` is not in a clone of the repository")
                .ToList();

            Assert.True(outside.Count == 0, string.Join("\n", outside));
        }

        [Fact]
        public void Anchors_follow_GitHub()
        {
            Assert.Equal("key-rotation", Markdown.Slug("Key rotation"));
            Assert.Equal("min001-identity-reaches-a-partner-without-minimization", Markdown.Slug("MIN001: Identity reaches a partner without minimization"));
            Assert.Equal("set-up-and-test-fresh-machine", Markdown.Slug("Set up and test (fresh machine)"));
            Assert.Equal("the-buildtransitive-props-errors-stay-errors-and-you-can-opt-down", Markdown.Slug("The buildTransitive props: errors stay errors, and you can opt down"));
            Assert.Equal("publishing-to-nugetorg", Markdown.Slug("Publishing to nuget.org"));
        }

        private static bool IsInside(string fullPath)
        {
            var root = Path.GetFullPath(Nested.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return (fullPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal);
        }
    }
}
