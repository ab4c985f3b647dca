using System.Collections.Generic;
using System.Linq;
using System.Text;
using Minimization.Cli.Audit;

namespace Minimization.Cli.Reports
{
    /// <summary>The report for a pull request or a review file, with a Mermaid diagram: identity types → minimizers → partners.</summary>
    internal static class MarkdownReport
    {
        public static string Render(AuditReport report)
        {
            var sb = new StringBuilder();
            var t = report.Totals;
            sb.Append("# Minimization audit of `").Append(report.Target).Append("`\n\n");
            sb.Append($"**{t.Partners}** partner(s), **{t.Sinks}** sink(s): **{t.MinimizedFlows}** minimized flow(s), **{t.Violations}** violation(s), ")
              .Append($"{t.SuppressedViolations} suppressed violation(s); **{t.Suppressions}** suppression(s), **{t.UnjustifiedSuppressions}** unjustified. ")
              .Append($"Projects: {t.ProjectsAnalyzed} analyzed, {t.ProjectsSkipped} skipped, {t.ProjectsFailed} failed.\n\n");

            if (report.Comparison is { } c)
            {
                WriteComparison(sb, c);
            }

            sb.Append("## What reaches which partner\n\n");
            if (report.Flows.Count == 0)
            {
                sb.Append("No identity reaches a partner sink.\n\n");
            }
            else
            {
                WriteDiagram(sb, report);
            }

            foreach (var partner in report.Flows.GroupBy(f => f.Partner))
            {
                sb.Append("### Partner ").Append(Cell(ReportBuilder.PartnerName(partner.Key))).Append("\n\n");
                sb.Append("| sink | identity type | member | category | minimizer | location |\n|---|---|---|---|---|---|\n");
                foreach (var f in partner)
                {
                    var minimizer = f.Status switch
                    {
                        "minimized" => "`" + Cell(f.Minimizer ?? "") + "`",
                        "violation" => "**VIOLATION**: " + Cell(f.Path),
                        _ => "**VIOLATION** (suppressed by " + Cell(f.SuppressedBy ?? "") + "): " + Cell(f.Path),
                    };
                    sb.Append("| `").Append(Cell(f.Sink)).Append("` | ").Append(Cell(f.Source.Type)).Append(" | ")
                      .Append(Cell(f.Source.Member.Length == 0 ? "(whole value)" : f.Source.Member)).Append(" | ")
                      .Append(Cell(f.Source.Category ?? "")).Append(" | ").Append(minimizer).Append(" | `")
                      .Append(Cell(f.Location.File)).Append(':').Append(f.Location.Line).Append("` |\n");
                }

                sb.Append('\n');
            }

            sb.Append("## Suppressions of Minimization rules\n\n");
            if (report.Suppressions.Count == 0)
            {
                sb.Append("None.\n\n");
            }
            else
            {
                sb.Append("| kind | rules | location | justification |\n|---|---|---|---|\n");
                foreach (var s in report.Suppressions)
                {
                    sb.Append("| ").Append(s.Kind).Append(s.Severity is null ? "" : " (" + s.Severity + ")").Append(" | ").Append(string.Join(", ", s.Rules))
                      .Append(" | `").Append(Cell(s.File)).Append(':').Append(s.Line).Append("` | ")
                      .Append(s.Justified ? Cell(s.Justification!) : "**UNJUSTIFIED**").Append(" |\n");
                }

                sb.Append('\n');
            }

            if (report.Diagnostics.Count > 0)
            {
                sb.Append("## Other Minimization diagnostics\n\n| rule | location | message |\n|---|---|---|\n");
                foreach (var d in report.Diagnostics)
                {
                    sb.Append("| ").Append(d.Id).Append(" | `").Append(Cell(d.Location.File)).Append(':').Append(d.Location.Line).Append("` | ").Append(Cell(d.Message)).Append(" |\n");
                }

                sb.Append('\n');
            }

            sb.Append("## Projects\n\n| project | status | note |\n|---|---|---|\n");
            foreach (var p in report.Projects)
            {
                sb.Append("| ").Append(Cell(p.Name)).Append(" | ").Append(p.Status).Append(" | ").Append(Cell(p.Reason ?? "")).Append(" |\n");
            }

            foreach (var l in report.LoadFailures.Where(l => !report.Projects.Any(p => p.Path == l.Path)))
            {
                sb.Append("| ").Append(Cell(l.Path)).Append(" | failed to load | ").Append(Cell(l.Reason)).Append(" |\n");
            }

            sb.Append('\n');
            return sb.ToString();
        }

        private static void WriteDiagram(StringBuilder sb, AuditReport report)
        {
            var ids = new Dictionary<string, string>();
            string Id(string kind, string name)
            {
                var key = kind + ":" + name;
                if (!ids.TryGetValue(key, out var id))
                {
                    id = kind + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    ids[key] = id;
                }

                return id;
            }

            var lines = new SortedSet<string>(System.StringComparer.Ordinal);
            var nodes = new List<string>();
            foreach (var f in report.Flows)
            {
                var type = Id("t", f.Source.Type.Length == 0 ? f.Source.Display : f.Source.Type);
                var partner = Id("p", f.Partner);
                var middle = f.Status == "minimized" ? Id("m", f.Minimizer ?? "") : Id("v", "VIOLATION");
                var arrow = f.Status == "minimized" ? "-->" : f.Status == "violation" ? "-. violation .->" : "-. suppressed .->";
                lines.Add($"    {type} {(f.Status == "minimized" ? "-->" : "-.->")} {middle}");
                lines.Add($"    {middle} {arrow} {partner}");
            }

            foreach (var kv in ids)
            {
                var name = kv.Key.Substring(2);
                var label = kv.Key[0] switch
                {
                    't' => name,
                    'p' => "partner " + ReportBuilder.PartnerName(name),
                    'm' => name,
                    _ => "no minimizer",
                };
                var shape = kv.Key[0] switch
                {
                    't' => $"{kv.Value}[\"{Quote(label)}\"]",
                    'p' => $"{kv.Value}((\"{Quote(label)}\"))",
                    'm' => $"{kv.Value}{{{{\"{Quote(label)}\"}}}}",
                    _ => $"{kv.Value}[/\"{Quote(label)}\"/]",
                };
                nodes.Add("    " + shape);
            }

            sb.Append("```mermaid\nflowchart LR\n");
            foreach (var n in nodes)
            {
                sb.Append(n).Append('\n');
            }

            foreach (var l in lines)
            {
                sb.Append(l).Append('\n');
            }

            if (ids.Keys.Any(k => k[0] == 'v'))
            {
                sb.Append("    classDef violation fill:#fdd,stroke:#c00;\n    class ").Append(string.Join(",", ids.Where(k => k.Key[0] == 'v').Select(k => k.Value))).Append(" violation;\n");
            }

            sb.Append("```\n\n");
        }

        private static void WriteComparison(StringBuilder sb, Comparison c)
        {
            sb.Append("## Changes since `").Append(Cell(c.Baseline)).Append("`\n\n");
            if (!c.HasChanges)
            {
                sb.Append("No change: nothing new is shared.\n\n");
                return;
            }

            foreach (var p in c.PartnersAdded)
            {
                sb.Append("- **new partner** ").Append(Cell(ReportBuilder.PartnerName(p))).Append('\n');
            }

            foreach (var p in c.PartnersRemoved)
            {
                sb.Append("- partner no longer reached: ").Append(Cell(ReportBuilder.PartnerName(p))).Append('\n');
            }

            foreach (var f in c.FlowsAdded)
            {
                sb.Append("- **new flow**: ").Append(Cell(ConsoleReport.Describe(f))).Append('\n');
            }

            foreach (var f in c.FlowsRemoved)
            {
                sb.Append("- flow removed: ").Append(Cell(ConsoleReport.Describe(f))).Append('\n');
            }

            foreach (var m in c.MinimizersRemoved)
            {
                sb.Append("- **minimizer taken off** (was `").Append(Cell(m.Before)).Append("`): ").Append(Cell(ConsoleReport.Describe(m.Flow))).Append('\n');
            }

            foreach (var s in c.SuppressionsAdded)
            {
                sb.Append("- **new suppression**: ").Append(s.Kind).Append(' ').Append(string.Join(",", s.Rules)).Append(" at `").Append(Cell(s.File)).Append(':').Append(s.Line).Append('`')
                  .Append(s.Justified ? " (" + Cell(s.Justification!) + ")" : " (**unjustified**)").Append('\n');
            }

            foreach (var s in c.SuppressionsRemoved)
            {
                sb.Append("- suppression removed: ").Append(s.Kind).Append(' ').Append(string.Join(",", s.Rules)).Append(" at `").Append(Cell(s.File)).Append(':').Append(s.Line).Append("`\n");
            }

            sb.Append('\n');
        }

        private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("\r", string.Empty);

        private static string Quote(string text) => text.Replace("\"", "#quot;");
    }
}
