using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Json.Schema;
using Minimization.Cli.Audit;
using Minimization.Cli.Reports;
using Minimization.Cli.Tests.Infrastructure;
using Xunit;

namespace Minimization.Cli.Tests
{
    /// <summary>Each format rendered from the shared audits: JSON against its schema, SARIF against what code scanning needs, Markdown and console.</summary>
    [Collection(AuditCollection.Name)]
    public class FormatTests
    {
        private readonly AuditFixture _fixture;

        public FormatTests(AuditFixture fixture) => _fixture = fixture;

        // Loaded once: JsonSchema.Net registers a schema under its $id, and refuses to register it twice.
        private static readonly System.Lazy<JsonSchema> LoadedSchema = new System.Lazy<JsonSchema>(() => JsonSchema.FromFile(Repo.Path("docs", "audit.schema.json")));

        private static JsonSchema Schema() => LoadedSchema.Value;

        private static EvaluationResults Validate(string json)
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return Schema().Evaluate(document.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        [Fact]
        public void Json_of_the_samples_audit_is_valid_against_the_schema()
        {
            var result = Validate(_fixture.SamplesRun.Output);

            Assert.True(result.IsValid, Describe(result));
        }

        [Fact]
        public void Json_of_the_generated_audit_with_a_comparison_is_valid_against_the_schema()
        {
            var report = Roundtrip(_fixture.Generated);
            report.Comparison = Comparer.Compare(_fixture.Samples, report, "earlier.json");
            var result = Validate(JsonReport.Render(report));

            Assert.True(result.IsValid, Describe(result));
        }

        [Fact]
        public void Schema_rejects_a_flow_with_an_unknown_status()
        {
            var json = JsonNode.Parse(_fixture.SamplesRun.Output)!;
            json["flows"]![0]!["status"] = "probably-fine";

            Assert.False(Validate(json.ToJsonString()).IsValid);
        }

        [Fact]
        public void Schema_rejects_a_minimized_flow_without_its_minimizer()
        {
            var json = JsonNode.Parse(_fixture.SamplesRun.Output)!;
            var minimized = json["flows"]!.AsArray().First(f => (string?)f!["status"] == "minimized")!.AsObject();
            minimized.Remove("minimizer");

            Assert.False(Validate(json.ToJsonString()).IsValid);
        }

        [Fact]
        public void Sarif_has_version_schema_tool_rules_and_results_with_locations()
        {
            var sarif = JsonNode.Parse(SarifReport.Render(_fixture.Generated))!;

            Assert.Equal("2.1.0", (string?)sarif["version"]);
            Assert.Contains("sarif-2.1.0", (string?)sarif["$schema"]);
            var run = sarif["runs"]!.AsArray().Single()!;
            var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
            var ids = rules.Select(r => (string)r!["id"]!).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            Assert.Contains("MIN001", ids);
            Assert.Contains("MIN016", ids);
            Assert.All(rules, r => Assert.StartsWith("https://", (string)r!["helpUri"]!));
            var results = run["results"]!.AsArray();
            Assert.Equal(_fixture.Generated.Flows.Count + _fixture.Generated.Diagnostics.Count, results.Count);
            Assert.All(results, r =>
            {
                var ruleId = (string)r!["ruleId"]!;
                Assert.Equal(ruleId, ids[(int)r["ruleIndex"]!]);
                Assert.False(string.IsNullOrEmpty((string?)r["message"]!["text"]));
                var physical = r["locations"]!.AsArray().Single()!["physicalLocation"]!;
                Assert.False(string.IsNullOrEmpty((string?)physical["artifactLocation"]!["uri"]));
                Assert.True((int)physical["region"]!["startLine"]! >= 1);
            });
        }

        [Fact]
        public void Sarif_violations_carry_codeFlows_that_walk_the_path()
        {
            var run = JsonNode.Parse(SarifReport.Render(_fixture.Samples))!["runs"]![0]!;
            var violations = run["results"]!.AsArray().Where(r => (string)r!["ruleId"]! == "MIN001").ToList();

            Assert.NotEmpty(violations);
            Assert.All(violations, v =>
            {
                var steps = v!["codeFlows"]![0]!["threadFlows"]![0]!["locations"]!.AsArray();
                Assert.True(steps.Count >= 2, v.ToJsonString());
                Assert.All(steps, s => Assert.True((int)s!["location"]!["physicalLocation"]!["region"]!["startLine"]! >= 1));
            });
        }

        [Fact]
        public void Sarif_suppressed_violations_carry_suppressions_with_kind_and_justification()
        {
            var run = JsonNode.Parse(SarifReport.Render(_fixture.Generated))!["runs"]![0]!;
            var suppressed = run["results"]!.AsArray().Where(r => r!["suppressions"] is not null).ToList();

            Assert.Equal(_fixture.Generated.Totals.SuppressedViolations, suppressed.Count);
            Assert.Contains(suppressed, r => (string)r!["suppressions"]![0]!["kind"]! == "inSource" && ((string?)r["suppressions"]![0]!["justification"] ?? "").Contains("courier"));
            Assert.Contains(suppressed, r => (string)r!["suppressions"]![0]!["kind"]! == "external" && ((string?)r["suppressions"]![0]!["justification"] ?? "").Contains("DPA-2026-07"));
            Assert.DoesNotContain(run["results"]!.AsArray(), r => (string)r!["level"]! == "error" && r["suppressions"] is null && (string)r["ruleId"]! == "MIN016");
        }

        [Fact]
        public void Sarif_names_load_failures_as_tool_notifications()
        {
            var invocation = JsonNode.Parse(SarifReport.Render(_fixture.Generated))!["runs"]![0]!["invocations"]![0]!;

            Assert.False((bool)invocation["executionSuccessful"]!);
            Assert.Contains("Broken", (string)invocation["toolExecutionNotifications"]![0]!["message"]!["text"]!);
        }

        [Fact]
        public void Markdown_has_the_mermaid_diagram_the_partner_tables_and_the_suppressions()
        {
            var markdown = MarkdownReport.Render(_fixture.Generated);

            Assert.Contains("```mermaid\nflowchart LR\n", markdown);
            Assert.Contains("((\"partner AdNetwork\"))", markdown);
            Assert.Contains("{{\"Minimizers.Hash(string)\"}}", markdown);
            Assert.Contains("### Partner AdNetwork", markdown);
            Assert.Contains("### Partner Courier", markdown);
            Assert.Contains("| `Ads.Send` | Customer | Phone | phone | **VIOLATION**: Customer.Phone → Ads.Send | `Shop/Shop.cs:13` |", markdown);
            Assert.Contains("## Suppressions of Minimization rules", markdown);
            Assert.Contains("**UNJUSTIFIED**", markdown);
            Assert.Contains("| Broken | failed | ", markdown);
        }

        [Fact]
        public void Console_shows_tables_per_partner_suppressions_totals_and_what_failed()
        {
            using var writer = new StringWriter();
            ReportWriter.Write(_fixture.Generated, "console", writer, terminal: false);
            var text = writer.ToString();

            Assert.Contains("Partner AdNetwork", text);
            Assert.Contains("Minimizers.Hash(string)", text);
            Assert.Contains("VIOLATION", text);
            Assert.Contains("UNJUSTIFIED", text);
            Assert.Contains("Totals", text);
            Assert.Contains("failed", text);
            Assert.DoesNotContain("\u001b[", text);
        }

        internal static AuditReport Roundtrip(AuditReport report)
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, JsonReport.Render(report));
                return JsonReport.Load(path, "copy");
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static string Describe(EvaluationResults result)
            => string.Join("\n", (result.Details ?? new System.Collections.Generic.List<EvaluationResults>()).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Key + " " + e.Value)));
    }
}
