using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Packages
{
    /// <summary>The package's buildTransitive config pins exactly the rules that are errors by default, no more.</summary>
    public class RulePinTests
    {
        [Fact]
        public void Shipped_globalconfig_pins_exactly_the_error_rules_of_the_release_tracking_files()
        {
            var releases = string.Join("\n",
                File.ReadAllText(Nested.Path("src", "Minimization.Analyzers", "AnalyzerReleases.Shipped.md")),
                File.ReadAllText(Nested.Path("src", "Minimization.Analyzers", "AnalyzerReleases.Unshipped.md")));
            var errorRules = Regex.Matches(releases, @"^(MIN\d{3})\s*\|\s*\w+\s*\|\s*Error\s*\|", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();

            var config = File.ReadAllText(Nested.Path("src", "Minimization.Analyzers.Package", "buildTransitive", "Minimization.Analyzers.globalconfig"));
            var pinned = Regex.Matches(config, @"^dotnet_diagnostic\.(MIN\d{3})\.severity\s*=\s*error\s*$", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).OrderBy(x => x, StringComparer.Ordinal).ToList();

            Assert.NotEmpty(errorRules);
            Assert.Equal(errorRules, pinned);
            Assert.Matches(@"(?m)^is_global\s*=\s*true\s*$", config);
            // Below every user config (a root .globalconfig is 100, others 0), so the user's own lines always win.
            Assert.Matches(@"(?m)^global_level\s*=\s*-\d+\s*$", config);
            Assert.DoesNotMatch(@"category-Minimization", config);
        }
    }
}
