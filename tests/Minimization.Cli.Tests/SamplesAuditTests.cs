using System.Linq;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>The README's command: <c>minimization audit</c> with no path audits the repository's samples.</summary>
    [Collection(AuditCollection.Name)]
    public class SamplesAuditTests
    {
        private readonly AuditFixture _fixture;

        public SamplesAuditTests(AuditFixture fixture) => _fixture = fixture;

        [Fact]
        public void Without_a_path_the_samples_are_audited_and_every_section_has_content()
        {
            var report = _fixture.Samples;

            Assert.Equal(0, _fixture.SamplesRun.ExitCode);
            Assert.Equal("samples", report.Target);
            Assert.Contains(report.Flows, f => f.Status == "minimized" && f.Minimizer is not null);
            Assert.Contains(report.Flows, f => f.Status == "violation" && f.Project == "Violations");
            Assert.Contains(report.Flows, f => f.Status == "suppressed-violation");
            Assert.Contains(report.Suppressions, s => s.Justified);
            Assert.Contains(report.Suppressions, s => !s.Justified);
            Assert.Contains(report.Projects, p => p.Name == "MetadataPipeline" && p.Status == "analyzed");
            Assert.Empty(report.LoadFailures);
        }

        [Fact]
        public void Auditing_the_samples_again_gives_the_same_report_byte_for_byte()
        {
            // Issue 20: the same input gives the same report (flows, paths, order), run after run.
            var again = CliResult.Run(Repo.Root, "audit", "--format", "json");

            Assert.Equal(_fixture.SamplesRun.ExitCode, again.ExitCode);
            Assert.Equal(_fixture.SamplesRun.Output, again.Output);
        }

        [Fact]
        public void Audit_violations_are_exactly_the_builds_MIN001_errors_on_samples_Violations()
        {
            var audited = _fixture.Samples.Flows
                .Where(f => f.Project == "Violations" && f.Status == "violation")
                .Select(f => System.IO.Path.GetFileName(f.Location.File) + ":" + f.Location.Line + ":MIN001")
                .Distinct()
                .OrderBy(x => x, System.StringComparer.Ordinal)
                .ToList();

            Assert.Equal(_fixture.ViolationsBuildErrors.OrderBy(x => x, System.StringComparer.Ordinal), audited);
        }

        [Fact]
        public void Samples_that_build_clean_have_no_violation_in_the_audit()
        {
            Assert.DoesNotContain(_fixture.Samples.Flows, f => f.Status == "violation" && f.Project is "MetadataPipeline" or "QuickStart");
        }

        [Fact]
        public void Suppressed_sample_leaks_are_listed_with_the_suppression_that_hides_them()
        {
            var flows = _fixture.Samples.Flows.Where(f => f.Location.File == "Violations/Suppressed.cs").ToList();

            Assert.Contains(flows, f => f.Status == "suppressed-violation" && f.SuppressedBy == "suppress-message" && f.Source.Display == "CallRecord.TowerId" && f.Partner == "UK");
            Assert.Contains(flows, f => f.Status == "suppressed-violation" && f.SuppressedBy == "pragma" && f.Source.Display == "MailHeader.From" && f.Partner == "US");
            var attribute = Assert.Single(_fixture.Samples.Suppressions, s => s.Kind == "suppress-message" && s.File == "Violations/Suppressed.cs");
            Assert.True(attribute.Justified);
            Assert.Contains("CT-2026-14", attribute.Justification);
            var pragma = Assert.Single(_fixture.Samples.Suppressions, s => s.Kind == "pragma" && s.File == "Violations/Suppressed.cs");
            Assert.False(pragma.Justified);
            Assert.Equal(new[] { "MIN001" }, pragma.Rules);
        }

        [Fact]
        public void Generated_minimizers_of_the_pipeline_appear_as_minimized_flows()
        {
            Assert.Contains(_fixture.Samples.Flows, f => f.Project == "MetadataPipeline" && f.Status == "minimized" && f.Minimizer!.Contains("Minimize"));
        }

        [Fact]
        public void A_hand_written_minimizer_is_named_on_the_flow_it_minimizes()
        {
            var flow = Assert.Single(_fixture.Samples.Flows, f => f.Location.File == "Violations/Direct.cs" && f.Status == "minimized");

            Assert.Equal("Minimizers.Token(string)", flow.Minimizer);
            Assert.Equal("CallRecord", flow.Source.Type);
            Assert.Equal("CallerNumber", flow.Source.Member);
            Assert.Equal("phone", flow.Source.Category);
            Assert.Equal("UK", flow.Partner);
        }

        [Fact]
        public void Progress_goes_to_standard_error_and_standard_output_is_the_report_alone()
        {
            var run = _fixture.SamplesRun;

            Assert.StartsWith("{", run.Output.TrimStart());
            Assert.EndsWith("}", run.Output.TrimEnd());
            Assert.Contains("[1/", run.Error);
            Assert.Contains("analyzed", run.Error);
        }

        [Fact]
        public void Referenced_projects_outside_the_audited_folder_are_skipped_and_say_so()
        {
            var annotations = Assert.Single(_fixture.Samples.Projects, p => p.Name == "Minimization.Annotations");

            Assert.Equal("skipped", annotations.Status);
            Assert.Contains("outside the audited folder", annotations.Reason);
            Assert.StartsWith("../", annotations.Path);
        }
    }
}
