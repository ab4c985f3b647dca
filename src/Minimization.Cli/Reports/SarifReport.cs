using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers;
using Minimization.Cli.Audit;

namespace Minimization.Cli.Reports
{
    /// <summary>
    /// The report as SARIF 2.1.0: one result per flow (MIN001 for a violation, with its <c>codeFlows</c>; MIN016 as a note for a
    /// minimized flow), suppressed violations with their <c>suppressions</c>, the other Minimization diagnostics, the rules they
    /// cite, and load failures as tool notifications. Locations are relative to <c>%SRCROOT%</c>, the audited folder.
    /// </summary>
    internal static class SarifReport
    {
        private const string RootId = "SRCROOT";

        public static string Render(AuditReport report)
        {
            var descriptors = new IdentityFlowAnalyzer().SupportedDiagnostics.Concat(new PolicyAnalyzer().SupportedDiagnostics)
                .GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
            var used = report.Flows.Select(f => f.Status == "minimized" ? RuleIdentifiers.MinimizedFlow : RuleIdentifiers.IdentityReachesPartner)
                .Concat(report.Diagnostics.Select(d => d.Id))
                .Distinct()
                .OrderBy(id => id, System.StringComparer.Ordinal)
                .ToList();
            var ruleIndex = new Dictionary<string, int>();
            var rules = new JsonArray();
            foreach (var id in used)
            {
                ruleIndex[id] = rules.Count;
                rules.Add(Rule(id, descriptors.TryGetValue(id, out var d) ? d : null));
            }

            var results = new JsonArray();
            foreach (var f in report.Flows)
            {
                results.Add(FlowResult(f, ruleIndex, report));
            }

            foreach (var d in report.Diagnostics)
            {
                results.Add(new JsonObject
                {
                    ["ruleId"] = d.Id,
                    ["ruleIndex"] = ruleIndex[d.Id],
                    ["level"] = Level(d.Severity),
                    ["message"] = new JsonObject { ["text"] = d.Message },
                    ["locations"] = new JsonArray(Location(d.Location, null)),
                });
            }

            var notifications = new JsonArray();
            foreach (var l in report.LoadFailures)
            {
                notifications.Add(new JsonObject
                {
                    ["level"] = "error",
                    ["message"] = new JsonObject { ["text"] = l.Path + ": " + l.Reason },
                });
            }

            var run = new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "minimization audit",
                        ["version"] = report.Tool.Version,
                        ["semanticVersion"] = report.Tool.Version,
                        ["informationUri"] = RuleIdentifiers.RepositoryUrl + "/blob/main/docs/audit.md",
                        ["rules"] = rules,
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    [RootId] = new JsonObject { ["description"] = new JsonObject { ["text"] = "The audited folder: " + report.Root } },
                },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = report.LoadFailures.Count == 0,
                    ["toolExecutionNotifications"] = notifications,
                }),
                ["results"] = results,
                ["properties"] = new JsonObject
                {
                    ["target"] = report.Target,
                    ["totals"] = System.Text.Json.JsonSerializer.SerializeToNode(report.Totals, JsonReport.Options),
                    ["suppressionInventory"] = System.Text.Json.JsonSerializer.SerializeToNode(report.Suppressions, JsonReport.Options),
                },
            };
            if (report.Comparison is not null)
            {
                run["properties"]!["comparison"] = System.Text.Json.JsonSerializer.SerializeToNode(report.Comparison, JsonReport.Options);
            }

            var log = new JsonObject
            {
                ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
                ["version"] = "2.1.0",
                ["runs"] = new JsonArray(run),
            };
            return log.ToJsonString(JsonReport.Options);
        }

        private static JsonObject Rule(string id, DiagnosticDescriptor? descriptor)
            => new JsonObject
            {
                ["id"] = id,
                ["name"] = descriptor?.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace(" ", string.Empty).Replace(";", string.Empty).Replace(",", string.Empty) ?? id,
                ["shortDescription"] = new JsonObject { ["text"] = descriptor?.Title.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? id },
                ["fullDescription"] = new JsonObject { ["text"] = descriptor?.Description.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? id },
                ["helpUri"] = RuleIdentifiers.GetHelpUri(id),
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(descriptor?.DefaultSeverity.ToString().ToLowerInvariant() ?? "warning") },
                ["properties"] = new JsonObject { ["category"] = RuleIdentifiers.Category },
            };

        private static JsonObject FlowResult(FlowEntry f, Dictionary<string, int> ruleIndex, AuditReport report)
        {
            var id = f.Status == "minimized" ? RuleIdentifiers.MinimizedFlow : RuleIdentifiers.IdentityReachesPartner;
            var result = new JsonObject
            {
                ["ruleId"] = id,
                ["ruleIndex"] = ruleIndex[id],
                ["level"] = f.Status == "minimized" ? "note" : "error",
                ["message"] = new JsonObject { ["text"] = f.Message },
                ["locations"] = new JsonArray(Location(f.Location, null)),
                ["partialFingerprints"] = new JsonObject { ["minimizationFlow/v1"] = f.Key() + "|" + (f.Minimizer ?? "") },
                ["properties"] = new JsonObject
                {
                    ["partner"] = f.Partner,
                    ["sink"] = f.Sink,
                    ["sourceType"] = f.Source.Type,
                    ["sourceMember"] = f.Source.Member,
                    ["category"] = f.Source.Category,
                    ["minimizer"] = f.Minimizer,
                    ["project"] = f.Project,
                    ["path"] = f.Path,
                },
            };
            if (f.Steps.Count > 0)
            {
                var steps = new JsonArray();
                foreach (var s in f.Steps.Where(s => s.File.Length > 0))
                {
                    steps.Add(new JsonObject { ["location"] = Location(s, s.Label) });
                }

                if (steps.Count > 0)
                {
                    result["codeFlows"] = new JsonArray(new JsonObject
                    {
                        ["message"] = new JsonObject { ["text"] = f.Path },
                        ["threadFlows"] = new JsonArray(new JsonObject { ["locations"] = steps }),
                    });
                }
            }

            if (f.Status == "suppressed-violation")
            {
                var by = report.Suppressions
                    .Where(s => s.Kind == f.SuppressedBy && s.Rules.Any(r => r == "MIN001" || r == "MIN*"))
                    .Where(s => s.Kind is "pragma" or "suppress-message" ? s.File == f.Location.File && s.Line <= f.Location.Line : s.Projects.Contains(f.Project))
                    .OrderByDescending(s => s.Kind is "pragma" or "suppress-message" ? s.Line : 0)
                    .FirstOrDefault();
                var suppression = new JsonObject
                {
                    ["kind"] = f.SuppressedBy is "pragma" or "suppress-message" ? "inSource" : "external",
                    ["status"] = "accepted",
                };
                if (by?.Justification is { } justification)
                {
                    suppression["justification"] = justification;
                }

                if (by is not null && by.File.Length > 0)
                {
                    suppression["location"] = Location(new Position { File = by.File, Line = System.Math.Max(1, by.Line), Column = 1 }, null);
                }

                result["suppressions"] = new JsonArray(suppression);
            }

            return result;
        }

        private static JsonObject Location(Position p, string? message)
        {
            var physical = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = System.Uri.EscapeDataString(p.File).Replace("%2F", "/"), ["uriBaseId"] = RootId },
            };
            if (p.Line > 0)
            {
                physical["region"] = new JsonObject { ["startLine"] = p.Line, ["startColumn"] = System.Math.Max(1, p.Column) };
            }

            var location = new JsonObject { ["physicalLocation"] = physical };
            if (message is not null)
            {
                location["message"] = new JsonObject { ["text"] = message };
            }

            return location;
        }

        private static string Level(string severity) => severity switch
        {
            "error" => "error",
            "warning" => "warning",
            "info" => "note",
            "hidden" => "note",
            _ => "warning",
        };
    }
}
