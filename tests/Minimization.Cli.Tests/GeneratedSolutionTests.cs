using System.Linq;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>A generated .slnx with minimized flows, a violation, every kind of suppression, compile errors, a project without annotations and a broken project.</summary>
    [Collection(AuditCollection.Name)]
    public class GeneratedSolutionTests
    {
        private readonly AuditFixture _fixture;

        public GeneratedSolutionTests(AuditFixture fixture) => _fixture = fixture;

        [Fact]
        public void Minimized_flows_name_identity_minimizer_sink_and_partner()
        {
            var flows = _fixture.Generated.Flows.Where(f => f.Project == "Shop" && f.Status == "minimized").ToList();

            Assert.Contains(flows, f => f.Source.Type == "Customer" && f.Source.Member == "Email" && f.Source.Category == "email" && f.Minimizer == "Minimizers.Hash(string)" && f.Sink == "Ads.Send" && f.Partner == "AdNetwork");
            Assert.Contains(flows, f => f.Source.Member == "PostalCode" && f.Source.Category == "postal-code" && f.Minimizer == "Minimizers.Prefix(string)" && f.Partner == "Courier");
            Assert.Equal(2, flows.Count);
        }

        [Fact]
        public void Violation_is_reported_with_its_path_and_location()
        {
            var leak = Assert.Single(_fixture.Generated.Flows, f => f.Project == "Shop" && f.Status == "violation");

            Assert.Equal("Customer.Phone", leak.Source.Display);
            Assert.Equal("AdNetwork", leak.Partner);
            Assert.Null(leak.Minimizer);
            Assert.Equal("Customer.Phone → Ads.Send", leak.Path);
            Assert.Equal("Shop/Shop.cs", leak.Location.File);
            Assert.Equal(13, leak.Location.Line);
            Assert.NotEmpty(leak.Steps);
        }

        [Fact]
        public void Pragma_with_a_comment_is_a_justified_suppression()
        {
            var pragma = Assert.Single(_fixture.Generated.Suppressions, s => s.Kind == "pragma");

            Assert.Equal("Shop/Shop.cs", pragma.File);
            Assert.Equal(17, pragma.Line);
            Assert.True(pragma.Justified);
            Assert.Equal("The courier calls the customer to arrange the delivery", pragma.Justification);
        }

        [Fact]
        public void SuppressMessage_without_Justification_is_flagged_unjustified()
        {
            var attribute = Assert.Single(_fixture.Generated.Suppressions, s => s.Kind == "suppress-message");

            Assert.Equal("Shop/Shop.cs", attribute.File);
            Assert.Equal(22, attribute.Line);
            Assert.False(attribute.Justified);
            Assert.Null(attribute.Justification);
        }

        [Fact]
        public void Editorconfig_severity_none_is_a_suppression_justified_by_the_justification_key_beside_it()
        {
            var config = Assert.Single(_fixture.Generated.Suppressions, s => s.Kind == "analyzer-config");

            Assert.Equal("Legacy/.editorconfig", config.File);
            Assert.Equal(5, config.Line);
            Assert.Equal("none", config.Severity);
            Assert.True(config.Justified);
            Assert.Contains("DPA-2026-07", config.Justification);
            Assert.Equal(new[] { "Legacy" }, config.Projects);
        }

        [Fact]
        public void NoWarn_in_the_project_file_is_an_unjustified_suppression()
        {
            var noWarn = Assert.Single(_fixture.Generated.Suppressions, s => s.Kind == "no-warn" && s.Rules.Contains("MIN001"));

            Assert.Equal("Vendor/Vendor.csproj", noWarn.File);
            Assert.Equal(6, noWarn.Line);
            Assert.Equal(new[] { "MIN001" }, noWarn.Rules);
            Assert.False(noWarn.Justified);
        }

        [Fact]
        public void NoWarn_is_justified_by_the_justification_key_in_a_globalconfig()
        {
            var noWarn = Assert.Single(_fixture.Generated.Suppressions, s => s.Kind == "no-warn" && s.Rules.Contains("MIN002"));

            Assert.Equal(7, noWarn.Line);
            Assert.True(noWarn.Justified);
            Assert.Contains("VND-2026-03", noWarn.Justification);
        }

        [Theory]
        [InlineData("Shop", "Customer.Phone", "Courier", "pragma")]
        [InlineData("Shop", "Customer.Name", "Courier", "suppress-message")]
        [InlineData("Legacy", "Customer.Email", "AdNetwork", "analyzer-config")]
        [InlineData("Vendor", "Customer.PostalCode", "Courier", "no-warn")]
        public void Each_suppressed_leak_is_still_listed_with_how_it_was_switched_off(string project, string source, string partner, string by)
        {
            var flow = Assert.Single(_fixture.Generated.Flows, f => f.Project == project && f.Source.Display == source && f.Partner == partner && f.Status != "minimized");

            Assert.Equal("suppressed-violation", flow.Status);
            Assert.Equal(by, flow.SuppressedBy);
        }

        [Fact]
        public void Project_with_compile_errors_is_analyzed_and_says_its_findings_may_be_incomplete()
        {
            var project = Assert.Single(_fixture.Generated.Projects, p => p.Name == "Uncompilable");

            Assert.Equal("analyzed", project.Status);
            Assert.True(project.CompileErrors > 0);
            Assert.Contains("compile error", project.Reason);
            Assert.Contains(_fixture.Generated.Flows, f => f.Project == "Uncompilable" && f.Status == "violation" && f.Source.Display == "Customer.Name");
        }

        [Fact]
        public void Project_without_annotations_is_analyzed_with_nothing_to_report()
        {
            var plain = Assert.Single(_fixture.Generated.Projects, p => p.Name == "Plain");

            Assert.Equal("analyzed", plain.Status);
            Assert.False(plain.Annotated);
            Assert.Equal(0, plain.CompileErrors);
            Assert.DoesNotContain(_fixture.Generated.Flows, f => f.Project == "Plain");
        }

        [Fact]
        public void Broken_project_is_a_load_failure_with_exit_code_2_and_a_one_line_reason()
        {
            var failure = Assert.Single(_fixture.Generated.LoadFailures);

            Assert.Contains("Broken", failure.Path);
            Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
            Assert.Equal(2, _fixture.GeneratedRun.ExitCode);
            var last = _fixture.GeneratedRun.Error.TrimEnd().Split('\n').Last();
            Assert.StartsWith("minimization: 1 project(s) failed to load; first: ", last);
            Assert.Contains("Broken", last);
            Assert.DoesNotContain("   at ", _fixture.GeneratedRun.Error);
        }

        [Fact]
        public void Totals_count_what_the_lists_hold()
        {
            var r = _fixture.Generated;

            Assert.Equal(r.Flows.Count(f => f.Status == "minimized"), r.Totals.MinimizedFlows);
            Assert.Equal(2, r.Totals.Violations);
            Assert.Equal(4, r.Totals.SuppressedViolations);
            Assert.Equal(5, r.Totals.Suppressions);
            Assert.Equal(2, r.Totals.UnjustifiedSuppressions);
            Assert.Equal(2, r.Totals.Partners);
            Assert.Equal(1, r.Totals.ProjectsFailed);
        }
    }
}
