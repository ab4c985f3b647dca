using System.IO;
using System.Linq;
using Minimization.Cli.Audit;
using Minimization.Cli.Reports;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary><c>--compare earlier.json</c>: what a reviewer needs on a pull request, in every format.</summary>
    [Collection(AuditCollection.Name)]
    public class CompareTests
    {
        private readonly AuditFixture _fixture;

        public CompareTests(AuditFixture fixture) => _fixture = fixture;

        /// <summary>An earlier state of the generated solution: the leak was minimized, the courier got nothing unminimized, one suppression did not exist.</summary>
        private AuditReport Earlier()
        {
            var earlier = FormatTests.Roundtrip(_fixture.Generated);
            var leak = earlier.Flows.Single(f => f.Project == "Shop" && f.Status == "violation");
            leak.Status = "minimized";
            leak.Minimizer = "Minimizers.Hash(string)";
            earlier.Flows.RemoveAll(f => f.Project == "Vendor");
            earlier.Flows.Add(new FlowEntry { Partner = "Analytics", Sink = "Metrics.Send", Source = new SourceInfo { Type = "Customer", Member = "Email", Display = "Customer.Email" }, Status = "minimized", Minimizer = "Minimizers.Hash(string)", Project = "Shop", Location = new Position { File = "Shop/Old.cs", Line = 3, Column = 9 } });
            earlier.Suppressions.RemoveAll(s => s.Kind == "no-warn" && s.Rules.Contains("MIN001"));
            return earlier;
        }

        [Fact]
        public void Comparison_lists_new_and_removed_flows_and_partners_minimizers_taken_off_and_new_suppressions()
        {
            var c = Comparer.Compare(Earlier(), _fixture.Generated, "earlier.json");

            Assert.Equal(new[] { "Analytics" }, c.PartnersRemoved);
            Assert.Empty(c.PartnersAdded);
            var added = Assert.Single(c.FlowsAdded);
            Assert.Equal("Vendor", added.Project);
            var removed = Assert.Single(c.FlowsRemoved);
            Assert.Equal("Analytics", removed.Partner);
            var taken = Assert.Single(c.MinimizersRemoved);
            Assert.Equal("Minimizers.Hash(string)", taken.Before);
            Assert.Equal("Customer.Phone", taken.Flow.Source.Display);
            var suppression = Assert.Single(c.SuppressionsAdded);
            Assert.Equal("no-warn", suppression.Kind);
            Assert.True(c.HasChanges);
        }

        [Fact]
        public void Comparing_an_audit_with_itself_finds_no_change()
        {
            var c = Comparer.Compare(FormatTests.Roundtrip(_fixture.Generated), _fixture.Generated, "same.json");

            Assert.False(c.HasChanges);
            Assert.Contains("No change", MarkdownReport.Render(WithComparison(c)));
        }

        [Fact]
        public void Moved_code_is_not_a_change()
        {
            var earlier = FormatTests.Roundtrip(_fixture.Generated);
            foreach (var f in earlier.Flows)
            {
                f.Location.Line += 10;
            }

            Assert.False(Comparer.Compare(earlier, _fixture.Generated, "moved.json").HasChanges);
        }

        [Theory]
        [InlineData("console", "minimizer removed")]
        [InlineData("markdown", "**minimizer taken off**")]
        [InlineData("json", "\"minimizersRemoved\": [")]
        [InlineData("sarif", "\"comparison\": {")]
        public void Every_format_shows_the_comparison(string format, string expected)
        {
            var report = WithComparison(Comparer.Compare(Earlier(), _fixture.Generated, "earlier.json"));
            using var writer = new StringWriter();
            ReportWriter.Write(report, format, writer, terminal: false);

            Assert.Contains(expected, writer.ToString());
        }

        [Fact]
        public void Cli_compare_writes_the_changes_to_the_output_file_and_fails_on_violations()
        {
            var baseline = Path.Combine(_fixture.Scratch, "earlier.json");
            File.WriteAllText(baseline, JsonReport.Render(Earlier()));
            var output = Path.Combine(_fixture.Scratch, "review", "audit.md");

            var run = CliResult.Run(_fixture.GeneratedDirectory, "audit", "Shop/Shop.csproj", "--format", "markdown", "--output", output, "--compare", baseline, "--fail-on", "violations");

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(string.Empty, run.Output);
            Assert.EndsWith("minimization: 1 violation(s) (--fail-on violations)", run.Error.TrimEnd());
            var markdown = File.ReadAllText(output);
            Assert.Contains("## Changes since", markdown);
            Assert.Contains("**minimizer taken off** (was `Minimizers.Hash(string)`)", markdown);
        }

        private AuditReport WithComparison(Comparison c)
        {
            var report = FormatTests.Roundtrip(_fixture.Generated);
            report.Comparison = c;
            return report;
        }
    }
}
