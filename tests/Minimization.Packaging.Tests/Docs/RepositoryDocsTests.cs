using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Docs
{
    /// <summary>What a new user reads in the first hour: the README's install path, the samples' READMEs, the license,
    /// the changelog, and one repository URL everywhere.</summary>
    public class RepositoryDocsTests
    {
        /// <summary>The command README gives to build the local feed; the publish workflow runs the same one.</summary>
        public const string PackCommand = "dotnet pack MinimizationAnalyzers.sln -c Release -o artifacts/packages";

        /// <summary>CI runs exactly this line of the README (.ci/run).</summary>
        public const string TestCommand = "dotnet test MinimizationAnalyzers.sln -c Release";

        private static readonly string[] ChangeKinds = { "Added", "Changed", "Deprecated", "Removed", "Fixed", "Security" };

        public static IEnumerable<object[]> Samples()
            => Directory.GetDirectories(Nested.Path("samples"))
                .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
                .Select(d => new object[] { Path.GetFileName(d) })
                .OrderBy(o => (string)o[0], StringComparer.Ordinal);

        /// <summary>The one place the repository's address is written: Directory.Build.props.</summary>
        public static string RepositoryUrl()
        {
            var props = XDocument.Load(Nested.Path("Directory.Build.props"));
            var url = props.Descendants().Single(e => e.Name.LocalName == "RepositoryUrl").Value.Trim();
            Assert.Matches(@"^https://github\.com/[\w.-]+/[\w.-]+$", url);
            return url;
        }

        [Fact]
        public void README_installs_from_a_local_feed_built_by_one_command_and_shows_its_nuget_config()
        {
            var readme = Markdown.Read("README.md");
            var blocks = Markdown.CodeBlocks("README.md");

            Assert.Contains(blocks, b => b.Language == "bash" && b.Text.Split('\n').Any(l => l.Trim() == PackCommand));
            var config = Assert.Single(blocks, b => b.Language == "xml" && b.Text.Contains("<packageSources>", StringComparison.Ordinal));
            var document = XDocument.Parse(config.Text);
            var local = document.Descendants("add").First();
            Assert.EndsWith("artifacts/packages", local.Attribute("value")!.Value, StringComparison.Ordinal);
            Assert.Contains(document.Descendants("package"), p => p.Attribute("pattern")?.Value == "Minimization.*");

            // Until the packages are on a public feed, `dotnet add package` works only with that feed: the README says so.
            Assert.Contains("not on a public feed", readme, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(blocks, b => b.Language == "bash" && b.Text.Contains("dotnet add package Minimization.Runtime", StringComparison.Ordinal));

            // CI runs the README's test command word for word.
            Assert.Contains(blocks, b => b.Language == "bash" && b.Text.Split('\n').Any(l => l.Trim() == TestCommand));
            Assert.Contains("\n" + TestCommand + "\n", File.ReadAllText(Nested.Path(".ci", "run")).Replace("\r\n", "\n"), StringComparison.Ordinal);
        }

        [Fact]
        public void README_in_repository_project_references_exist_and_include_the_generator()
        {
            var advice = Assert.Single(Markdown.CodeBlocks("README.md"), b => b.Language == "xml" && b.Text.Contains("<ProjectReference", StringComparison.Ordinal));
            var references = XDocument.Parse("<ItemGroup>" + advice.Text + "</ItemGroup>").Root!.Elements("ProjectReference").ToList();

            // As written in a project two folders below the root (samples/X/X.csproj), the way the samples use them.
            var from = Nested.Path("samples", "QuickStart");
            var resolved = references.ToDictionary(
                r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')),
                r => r);
            foreach (var reference in references)
            {
                var include = reference.Attribute("Include")!.Value.Replace("$(RepoRoot)", Nested.Root + "/", StringComparison.Ordinal).Replace('\\', '/');
                Assert.True(File.Exists(Path.GetFullPath(Path.Combine(from, include))), include + " does not exist");
            }

            Assert.Contains("Minimization.Annotations", resolved.Keys);
            Assert.Contains("Minimization.Runtime", resolved.Keys);
            foreach (var compilerLoaded in new[] { "Minimization.Analyzers", "Minimization.Generators" })
            {
                Assert.True(resolved.ContainsKey(compilerLoaded), compilerLoaded + " is missing: without it " + (compilerLoaded == "Minimization.Generators" ? "[GenerateMinimizer] generates nothing" : "no rule runs"));
                Assert.Equal("Analyzer", resolved[compilerLoaded].Attribute("OutputItemType")?.Value);
                Assert.Equal("false", resolved[compilerLoaded].Attribute("ReferenceOutputAssembly")?.Value);
            }

            Assert.True(File.Exists(Nested.Path("src", "Minimization.Generators", "Minimization.Generators.csproj")));
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void Every_sample_has_a_README_with_its_command_and_what_it_must_produce_and_the_main_README_lists_it(string sample)
        {
            var file = "samples/" + sample + "/README.md";
            Assert.True(File.Exists(Nested.Path(file)), file + " is missing");
            var text = Markdown.Read(file);

            Assert.StartsWith("# ", text, StringComparison.Ordinal);
            Assert.Contains(Markdown.CodeBlocks(file), b => b.Language == "bash" && b.Text.Contains("dotnet ", StringComparison.Ordinal) && b.Text.Contains(sample, StringComparison.Ordinal));
            Assert.Matches(@"(?m)^## (What you see|Expected output|What it reports)", text);

            var readme = Markdown.Read("README.md");
            Assert.Matches(@"\]\(samples/" + Regex.Escape(sample) + @"(/README\.md)?/?\)", readme);
        }

        [Fact]
        public void Violations_README_says_it_fails_on_purpose_and_lists_every_marked_leak()
        {
            var text = Markdown.Read("samples/Violations/README.md");
            Assert.Contains("on purpose", text, StringComparison.OrdinalIgnoreCase);

            // The same markers ViolationsSampleTests builds the sample against: one table row each, with line, rule and kind.
            var marker = new Regex(@"//\s*expect:\s*(MIN\d{3})\s*\(([\w-]+)\)");
            var markers = 0;
            foreach (var source in Directory.GetFiles(Nested.Path("samples", "Violations"), "*.cs"))
            {
                var lines = File.ReadAllLines(source);
                for (var i = 0; i < lines.Length; i++)
                {
                    var m = marker.Match(lines[i]);
                    if (m.Success)
                    {
                        markers++;
                        var row = $@"(?m)^\|\s*`?{Regex.Escape(Path.GetFileName(source))}`?\s*\|\s*{i + 1}\s*\|\s*{m.Groups[1].Value}\s*\|\s*{Regex.Escape(m.Groups[2].Value)}\s*\|";
                        Assert.True(Regex.IsMatch(text, row), $"samples/Violations/README.md has no row for {Path.GetFileName(source)}:{i + 1} {m.Groups[1].Value} ({m.Groups[2].Value})");
                    }
                }
            }

            Assert.True(markers >= 6);
            Assert.Equal(markers, Regex.Matches(text, @"(?m)^\|\s*`?\w+\.cs`?\s*\|\s*\d+\s*\|\s*MIN\d{3}\s*\|").Count);
            Assert.Contains("fails to build on purpose", Markdown.Read("README.md"), StringComparison.Ordinal);
        }

        [Fact]
        public void QuickStart_README_shows_the_MIN001_message_the_sample_test_checks()
        {
            // tests/Minimization.Analyzers.Tests/EndToEnd/SampleBuildTests.cs asserts this message (and its path) on the raw
            // share, which the README tells the reader to write in place of the minimized one: the argument starts at column 14.
            var program = File.ReadAllLines(Nested.Path("samples", "QuickStart", "Program.cs"));
            var line = Array.FindIndex(program, l => l.Trim() == "gateway.Send(CallMinimizer.Minimize(record, ukKey));") + 1;
            Assert.True(line > 0, "Program.cs no longer shares the minimized record as the README says");
            Assert.Contains(
                $"Program.cs({line},14): error MIN001: Identity from CallRecord.CallerNumber reaches partner sink UkGateway.Send (partner \"UK\")",
                Markdown.Read("samples/QuickStart/README.md"),
                StringComparison.Ordinal);
        }

        [Fact]
        public void LICENSE_is_the_MIT_license_the_packages_declare()
        {
            Assert.True(File.Exists(Nested.Path("LICENSE")), "LICENSE is missing");
            var license = File.ReadAllText(Nested.Path("LICENSE"));
            Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
            Assert.Matches(@"Copyright \(c\) \d{4}", license);
            Assert.Contains("Permission is hereby granted, free of charge, to any person obtaining a copy", license, StringComparison.Ordinal);
            Assert.Contains("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND", license, StringComparison.Ordinal);

            var declared = XDocument.Load(Nested.Path("Directory.Build.props")).Descendants().Single(e => e.Name.LocalName == "PackageLicenseExpression").Value;
            Assert.Equal("MIT", declared);
        }

        [Fact]
        public void CHANGELOG_follows_Keep_a_Changelog_and_covers_the_release_version()
        {
            Assert.True(File.Exists(Nested.Path("CHANGELOG.md")), "CHANGELOG.md is missing");
            var text = Markdown.Read("CHANGELOG.md");
            var lines = text.Split('\n');

            Assert.Equal("# Changelog", lines[0]);
            Assert.Contains("https://keepachangelog.com/en/1.1.0/", text, StringComparison.Ordinal);
            Assert.Contains("https://semver.org/spec/v2.0.0.html", text, StringComparison.Ordinal);

            var releases = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
            Assert.Equal("## [Unreleased]", releases.First());
            Assert.All(releases.Skip(1), r => Assert.Matches(@"^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$", r));
            Assert.All(lines.Where(l => l.StartsWith("### ", StringComparison.Ordinal)), h => Assert.Contains(h.Substring(4), ChangeKinds));

            // The version the packages carry is either released with a date or still the Unreleased section's.
            var unreleased = Section(text, "## [Unreleased]");
            Assert.True(releases.Any(r => r.StartsWith("## [" + Nested.Version + "] - ", StringComparison.Ordinal)) || unreleased.Contains(Nested.Version, StringComparison.Ordinal),
                "CHANGELOG.md says nothing of " + Nested.Version);
            Assert.Contains(ChangeKinds, k => unreleased.Contains("### " + k, StringComparison.Ordinal));
        }

        [Fact]
        public void The_repository_URL_is_written_once_and_every_mention_of_it_matches()
        {
            var url = RepositoryUrl();
            Assert.Equal(url, Metadata("RepositoryUrl"));

            // Any address of this project's organization (the old placeholder included) must be exactly this one.
            var owner = url.Substring("https://github.com/".Length, url.LastIndexOf('/') - "https://github.com/".Length);
            var family = owner.Split('-')[0];
            var mismatches = new List<string>();
            foreach (var file in TextFiles())
            {
                var text = File.ReadAllText(file);
                foreach (Match m in Regex.Matches(text, @"github\.com/(" + Regex.Escape(family) + @"[\w-]*/[\w-]+(?:\.[\w-]+)*)", RegexOptions.IgnoreCase))
                {
                    if (!string.Equals("https://github.com/" + m.Groups[1].Value, url, StringComparison.Ordinal))
                    {
                        mismatches.Add(Markdown.Relative(file) + ": " + m.Value);
                    }
                }
            }

            Assert.True(mismatches.Count == 0, "not " + url + ":\n" + string.Join("\n", mismatches));
        }

        [Fact]
        public void Publishing_is_one_workflow_with_the_key_as_a_secret()
        {
            var workflow = Nested.Path(".github", "workflows", "publish.yml");
            Assert.True(File.Exists(workflow), ".github/workflows/publish.yml is missing");
            var text = File.ReadAllText(workflow);

            Assert.Contains(PackCommand, text, StringComparison.Ordinal);
            Assert.Contains("dotnet nuget push", text, StringComparison.Ordinal);
            Assert.Contains("${{ secrets.NUGET_API_KEY }}", text, StringComparison.Ordinal);
            Assert.Contains("bash .ci/run", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"oy2[a-z0-9]{40,}", text);
            Assert.Contains("](../.github/workflows/publish.yml)", Markdown.Read("docs/packaging.md"), StringComparison.Ordinal);
        }

        [Fact]
        public void Suppression_is_explained_outside_the_rule_pages_and_linked_from_the_README()
        {
            Assert.True(File.Exists(Nested.Path("docs", "suppression.md")), "docs/suppression.md is missing");
            var text = Markdown.Read("docs/suppression.md");
            Assert.Contains("Justification", text, StringComparison.Ordinal);
            Assert.Contains("#pragma warning disable", text, StringComparison.Ordinal);
            Assert.Contains("dotnet_diagnostic.", text, StringComparison.Ordinal);
            Assert.Contains("](docs/suppression.md)", Markdown.Read("README.md"), StringComparison.Ordinal);
        }

        private static string Section(string text, string heading)
        {
            var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
            if (start < 0)
            {
                return "";
            }

            var next = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            return next < 0 ? text.Substring(start) : text.Substring(start, next - start);
        }

        /// <summary>The repository's own text files (sources, docs, build files), build outputs and scratch folders left out.</summary>
        private static IEnumerable<string> TextFiles()
        {
            var extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".cs", ".md", ".props", ".targets", ".csproj", ".yml", ".yaml", ".json", ".config", ".globalconfig", ".editorconfig", "" };
            var stack = new Stack<string>();
            stack.Push(Nested.Root);
            while (stack.Count > 0)
            {
                var dir = stack.Pop();
                foreach (var sub in Directory.GetDirectories(dir))
                {
                    var name = Path.GetFileName(sub);
                    if (name is not ("bin" or "obj" or "artifacts" or ".git" or "TestResults" or "BenchmarkDotNet.Artifacts" or ".vs" or ".idea" or ".nuget-e2e"))
                    {
                        stack.Push(sub);
                    }
                }

                foreach (var file in Directory.GetFiles(dir))
                {
                    if (extensions.Contains(Path.GetExtension(file)) && new FileInfo(file).Length < 2_000_000)
                    {
                        yield return file;
                    }
                }
            }
        }

        private static string Metadata(string key)
            => typeof(RepositoryDocsTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
    }
}
