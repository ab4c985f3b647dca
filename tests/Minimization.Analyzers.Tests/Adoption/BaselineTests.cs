using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Adoption.AdoptionHarness;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Adoption
{
    /// <summary>
    /// The baseline: MIN001 carries the keys an entry names; a listed finding becomes MIN017 (naming the baseline and its
    /// justification) whatever lines move; a new finding stays MIN001; an entry that matches nothing is MIN018; a file or
    /// entry that cannot be read is MIN019.
    /// </summary>
    public class BaselineTests
    {
        private const string Caller = "P:Telecom.CallRecord.CallerNumber";
        private const string Tower = "P:Telecom.CallRecord.TowerId";
        private const string Send = "M:Telecom.PartnerGateway.Send(System.Object)";
        private const string Run = "M:Job.Run(Telecom.CallRecord)";

        private const string Job = """
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send({|#0:r.CallerNumber|});
                    PartnerGateway.Send({|#1:r.TowerId|});
                }
            }
            """;

        private static string Entry(string source, string sink, string member, string justification)
            => "    {\n      \"source\": \"" + source + "\",\n      \"sink\": \"" + sink + "\",\n      \"member\": \"" + member + "\",\n      \"justification\": \"" + justification + "\"\n    }";

        private static string File(params string[] entries)
            => "{\n  \"version\": 1,\n  \"accepted\": [\n" + string.Join(",\n", entries) + "\n  ]\n}\n";

        private static DiagnosticResult Min017(int markup, string sources, string sink, string justification, string path)
            => new DiagnosticResult(IdentityFlowAnalyzer.BaselinedFinding).WithLocation(markup).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments(sources, sink, "minimization.baseline.json", justification, path);

        [Fact]
        public async Task MIN001_carries_the_source_sink_and_member_keys_a_baseline_entry_names()
        {
            var diagnostics = await AdoptionHarness.Run(new[] { EcosystemAttributeTests.Strip(Job) });
            var first = diagnostics.First(d => d.Id == "MIN001");
            Assert.Equal(Caller, first.Properties["sourceKeys"]);
            Assert.Equal(Send, first.Properties["sinkKey"]);
            Assert.Equal(Run, first.Properties["memberKey"]);
        }

        [Fact]
        public Task Listed_finding_is_MIN017_naming_the_baseline_and_justification_while_a_new_finding_stays_MIN001() => Check(
            Job, null, null,
            new[] { ("minimization.baseline.json", File(Entry(Caller, Send, Run, "UK contract 2019, ends March"))) },
            Min017(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "justification: UK contract 2019, ends March", "CallRecord.CallerNumber → PartnerGateway.Send"),
            Min001(1));

        [Fact]
        public Task Entry_without_justification_still_accepts_and_the_warning_says_none_was_written() => Check(
            Job, null, null,
            new[] { ("team.minimization.baseline.json", File(Entry(Caller, Send, Run, ""), Entry(Tower, Send, Run, ""))) },
            new DiagnosticResult(IdentityFlowAnalyzer.BaselinedFinding).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "team.minimization.baseline.json", "no justification written", "CallRecord.CallerNumber → PartnerGateway.Send"),
            new DiagnosticResult(RuleIdentifiers.BaselinedFinding, DiagnosticSeverity.Warning).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

        [Fact]
        public Task Match_survives_edits_that_move_the_finding_to_other_lines() => Check(
            """
            using Telecom;
            // A comment added since the baseline was written,

            // and a helper above the method.
            class Job
            {
                static int Helper() => 42;

                void Run(CallRecord r)
                {
                    var unused = Helper();
                    PartnerGateway.Send({|#1:r.TowerId|});

                    PartnerGateway.Send({|#0:r.CallerNumber|});
                }
            }
            """,
            null, null,
            new[] { ("minimization.baseline.json", File(Entry(Caller, Send, Run, "accepted"))) },
            Min017(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "justification: accepted", "CallRecord.CallerNumber → PartnerGateway.Send"),
            Min001(1));

        [Fact]
        public Task Same_flow_in_another_member_is_a_new_finding() => Check(
            Job.Replace("void Run(", "void Export("), null, null,
            new[] { ("minimization.baseline.json", File(Entry(Caller, Send, Run, "accepted"))) },
            Min001(0), Min001(1),
            new DiagnosticResult(IdentityFlowAnalyzer.StaleBaselineEntry).WithSpan("minimization.baseline.json", 4, 5, 9, 6).WithArguments(Caller, Send, Run, "minimization.baseline.json"));

        [Fact]
        public Task Entry_that_matches_no_finding_is_MIN018_on_the_entry() => Check(
            Job.Replace("{|#0:r.CallerNumber|}", "r.Region"), null, null,
            new[] { ("minimization.baseline.json", File(Entry(Tower, Send, Run, "accepted"), Entry(Caller, Send, Run, "accepted"))) },
            new DiagnosticResult(RuleIdentifiers.BaselinedFinding, DiagnosticSeverity.Warning).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            new DiagnosticResult(IdentityFlowAnalyzer.StaleBaselineEntry).WithSpan("minimization.baseline.json", 10, 5, 15, 6).WithArguments(Caller, Send, Run, "minimization.baseline.json"));

        [Fact]
        public Task Finding_with_a_source_the_baseline_does_not_list_stays_MIN001() => Check("""
            using Telecom;
            class Job
            {
                void Run(CallRecord r)
                {
                    PartnerGateway.Send({|#0:r.CallerNumber + r.TowerId|});
                }
            }
            """, null, null,
            new[] { ("minimization.baseline.json", File(Entry(Caller, Send, Run, "accepted"))) },
            Min001(0),
            new DiagnosticResult(IdentityFlowAnalyzer.StaleBaselineEntry).WithSpan("minimization.baseline.json", 4, 5, 9, 6).WithArguments(Caller, Send, Run, "minimization.baseline.json"));

        [Fact]
        public Task File_that_is_not_valid_json_is_MIN019_and_accepts_nothing() => Check(
            Job, null, null,
            new[] { ("minimization.baseline.json", "{ \"version\": 1, \"accepted\": [ { \"source\": \"x\" ]\n") },
            Min001(0), Min001(1),
            new DiagnosticResult(IdentityFlowAnalyzer.BaselineUnreadable).WithSpan("minimization.baseline.json", 1, 47, 1, 47).WithArguments("minimization.baseline.json", "not valid JSON: expected '}'"));

        [Fact]
        public Task Entry_without_its_keys_is_MIN019_on_the_entry() => Check(
            Job, null, null,
            new[] { ("minimization.baseline.json", "{ \"version\": 1, \"accepted\": [ { \"source\": \"x\" } ] }") },
            Min001(0), Min001(1),
            new DiagnosticResult(IdentityFlowAnalyzer.BaselineUnreadable).WithSpan("minimization.baseline.json", 1, 31, 1, 48).WithArguments("minimization.baseline.json", "entry needs \"source\", \"sink\" and \"member\" as strings"));

        [Fact]
        public Task Entry_of_a_member_another_project_declares_is_not_stale_here() => Check(
            Job, null, null,
            new[] { ("minimization.baseline.json", File(Entry(Caller, Send, Run, "accepted"), Entry(Caller, Send, "M:Other.Project.Export.Run", "accepted"))) },
            Min017(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "justification: accepted", "CallRecord.CallerNumber → PartnerGateway.Send"),
            Min001(1));

        [Fact]
        public Task Entry_of_a_member_renamed_in_this_project_is_stale_here() => Check(
            Job, null, null,
            new[] { ("minimization.baseline.json", File(Entry(Caller, Send, Run, "accepted"), Entry(Tower, Send, "M:Job.RunOld(Telecom.CallRecord)", "accepted"))) },
            Min017(0, "CallRecord.CallerNumber", "PartnerGateway.Send (partner \"UK\")", "justification: accepted", "CallRecord.CallerNumber → PartnerGateway.Send"),
            Min001(1),
            new DiagnosticResult(IdentityFlowAnalyzer.StaleBaselineEntry).WithSpan("minimization.baseline.json", 10, 5, 15, 6).WithArguments(Tower, Send, "M:Job.RunOld(Telecom.CallRecord)", "minimization.baseline.json"));

        [Fact]
        public Task Other_json_additional_files_are_not_baselines() => Check(
            Job, null, null,
            new[] { ("appsettings.json", "{ not json at all") },
            Min001(0), Min001(1));
    }
}
