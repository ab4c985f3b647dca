using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Minimization.Packaging.Tests.Infrastructure;
using Xunit;

namespace Minimization.Packaging.Tests.Consumer
{
    /// <summary>A fresh project that knows the toolkit only through the packed .nupkg files.</summary>
    [Collection(NestedBuilds.Name)]
    public class ConsumerFromPackagesTests
    {
        private readonly PackagingWorkspace _workspace;

        public ConsumerFromPackagesTests(PackagingWorkspace workspace) => _workspace = workspace;

        [Fact]
        public void Consumer_restores_the_packages_just_packed_into_its_own_package_folder()
        {
            var consumer = _workspace.Consumer;

            foreach (var id in new[] { "Minimization.Analyzers", "Minimization.Runtime", "Minimization.Annotations" })
            {
                var lower = id.ToLowerInvariant();
                var restored = Path.Combine(consumer.PackagesFolder, lower, Nested.Version, lower + "." + Nested.Version + ".nupkg");
                Assert.True(File.Exists(restored), id + " was not restored into the private package folder:\n" + consumer.Leaky.Output);
                Assert.Equal(File.ReadAllBytes(_workspace.Feed.Packages[id].Path), File.ReadAllBytes(restored));
            }

            Assert.False(Directory.Exists(Path.Combine(consumer.PackagesFolder, "microsoft.codeanalysis.csharp")), "Roslyn flowed to the consumer");

            // The nuget.config that did it is the README's (ConsumerRun.ReadmeNuGetConfig), pointed at the fresh feed.
            Assert.Contains("value=\"" + _workspace.Feed.Directory + "\"", consumer.NuGetConfig, StringComparison.Ordinal);
            Assert.Contains("<package pattern=\"Minimization.*\" />", consumer.NuGetConfig, StringComparison.Ordinal);
        }

        [Fact]
        public void Consumer_build_fails_with_MIN001_at_the_leaking_argument()
        {
            var consumer = _workspace.Consumer;
            var (line, column) = consumer.Leak;

            Assert.NotEqual(0, consumer.Leaky.ExitCode);
            // An error although the consumer's .editorconfig lowers every analyzer to a warning: the package's pin.
            Assert.Contains(
                $"Program.cs({line},{column}): error MIN001: Identity from CallRecord.CallerNumber reaches partner sink UkGateway.Send (partner \"UK\")",
                consumer.Leaky.Output,
                StringComparison.Ordinal);
            var reported = Regex.Matches(consumer.Leaky.Output, @"([\w.]+\.cs)\((\d+),(\d+)\): (?:error|warning) (MIN\d{3})")
                .Select(m => m.Value).Distinct().ToList();
            Assert.Single(reported);
        }

        [Fact]
        public void Consumer_builds_clean_once_the_record_is_minimized_by_the_generated_minimizer()
        {
            var consumer = _workspace.Consumer;

            Assert.True(consumer.Fixed.ExitCode == 0, consumer.Fixed.Output);
            Assert.DoesNotContain("MIN0", consumer.Fixed.Output, StringComparison.Ordinal);
            Assert.Contains("0 Error(s)", consumer.Fixed.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void Consumer_gets_MIN013_for_an_unjustified_pragma_and_nothing_for_a_justified_SuppressMessage()
        {
            var consumer = _workspace.Consumer;
            var (line, column) = consumer.UnjustifiedPragma;

            Assert.True(consumer.Suppressed.ExitCode == 0, consumer.Suppressed.Output);
            Assert.Contains($"Repatriation.cs({line},{column}): warning MIN013: '#pragma warning disable MIN001' suppresses MIN001 without a written justification", consumer.Suppressed.Output, StringComparison.Ordinal);
            var reported = Regex.Matches(consumer.Suppressed.Output, @"([\w.]+\.cs)\((\d+),(\d+)\): (?:error|warning) (MIN\d{3})")
                .Select(m => m.Value).Distinct().ToList();
            Assert.Equal(new[] { $"Repatriation.cs({line},{column}): warning MIN013" }, reported);
        }

        [Fact]
        public void Consumer_SARIF_2_1_log_holds_the_MIN001_result_with_its_path()
        {
            var consumer = _workspace.Consumer;
            // The README's recipe, as written, must create its folder: the compiler cannot (CS0016).
            Assert.Contains("<ErrorLog>", consumer.DirectoryBuildProps, StringComparison.Ordinal);
            Assert.DoesNotContain("CS0016", consumer.Leaky.Output, StringComparison.Ordinal);
            Assert.True(consumer.LeakySarif is not null, "the README's SARIF recipe wrote no log at " + ConsumerRun.SarifPath + ":\n" + consumer.Leaky.Output);

            using var sarif = JsonDocument.Parse(consumer.LeakySarif!);
            var root = sarif.RootElement;
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);

            var run = root.GetProperty("runs")[0];
            var results = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == "MIN001").ToList();
            var result = Assert.Single(results);
            Assert.Equal("error", result.GetProperty("level").GetString());
            Assert.Contains("CallRecord.CallerNumber", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);

            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("/Program.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.Equal(consumer.Leak.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(consumer.Leak.Column, location.GetProperty("region").GetProperty("startColumn").GetInt32());

            // The path from source to sink: the compiler writes a diagnostic's additional locations as relatedLocations.
            var path = result.GetProperty("relatedLocations").EnumerateArray()
                .Select(r => r.GetProperty("physicalLocation"))
                .Select(p => (File: Path.GetFileName(p.GetProperty("artifactLocation").GetProperty("uri").GetString()), Line: p.GetProperty("region").GetProperty("startLine").GetInt32()))
                .ToList();
            Assert.Contains(("CallRecord.cs", consumer.Source), path);
            Assert.True(path.Count >= 2, "the path should walk from the source to the sink: " + string.Join(", ", path));

            var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "MIN001");
            Assert.EndsWith("docs/rules/MIN001.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        }
    }
}
