using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers;
using Xunit;

namespace Minimization.Generators.Tests.Rules
{
    /// <summary>Every policy rule has its help page and its release-tracking line.</summary>
    public class PolicyDocumentationTests
    {
        public static TheoryData<string> RuleIds()
        {
            var data = new TheoryData<string>();
            foreach (DiagnosticDescriptor d in new PolicyAnalyzer().SupportedDiagnostics)
            {
                data.Add(d.Id);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_has_a_help_page_with_the_required_sections_and_a_release_entry(string id)
        {
            string root = RepositoryRoot();
            string page = File.ReadAllText(Path.Combine(root, "docs", "rules", id + ".md"));
            Assert.StartsWith("# " + id, page);
            foreach (string section in new[] { "## What it catches", "## Why it matters", "## Non-compliant", "## Compliant", "## Configuration", "## Suppression" })
            {
                Assert.Contains(section, page);
            }

            string releases = File.ReadAllText(Path.Combine(root, "src", "Minimization.Analyzers", "AnalyzerReleases.Unshipped.md"));
            Assert.Contains(releases.Split('\n'), line => line.StartsWith(id + " | Minimization |") && line.Contains("PolicyAnalyzer"));
        }

        /// <summary>Found from the test binaries, not [CallerFilePath]: CI builds map source paths to "/_/" (deterministic builds).</summary>
        internal static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MinimizationAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("MinimizationAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
