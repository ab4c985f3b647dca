using System.Linq;
using Minimization.Cli.Audit;
using Spectre.Console;

namespace Minimization.Cli.Reports
{
    /// <summary>The report as tables: per partner, per sink, what reaches it; suppressions; totals; what was skipped or failed.</summary>
    internal static class ConsoleReport
    {
        public static void Write(AuditReport report, IAnsiConsole console)
        {
            console.Write(new Rule("[bold]Minimization audit[/] of " + Markup.Escape(report.Target)).LeftJustified());
            console.WriteLine();

            if (report.Flows.Count == 0)
            {
                console.MarkupLine("[grey]No identity reaches a partner sink.[/]");
            }

            foreach (var partner in report.Flows.GroupBy(f => f.Partner))
            {
                var table = new Table().Border(TableBorder.Rounded).Title("[bold]Partner " + Markup.Escape(ReportBuilder.PartnerName(partner.Key)) + "[/]");
                table.AddColumn(new TableColumn("Sink").NoWrap());
                table.AddColumns("Identity type", "Member", "Category", "Minimizer");
                table.AddColumn(new TableColumn("Location").NoWrap());
                foreach (var f in partner)
                {
                    var minimizer = f.Status switch
                    {
                        "minimized" => "[green]" + Markup.Escape(f.Minimizer ?? "") + "[/]",
                        "violation" => "[red bold]VIOLATION[/]\n[grey]" + Markup.Escape(f.Path) + "[/]",
                        _ => "[yellow]VIOLATION (suppressed: " + Markup.Escape(f.SuppressedBy ?? "") + ")[/]\n[grey]" + Markup.Escape(f.Path) + "[/]",
                    };
                    table.AddRow(
                        Markup.Escape(f.Sink),
                        Markup.Escape(f.Source.Type),
                        Markup.Escape(f.Source.Member.Length == 0 ? "(whole value)" : f.Source.Member),
                        Markup.Escape(f.Source.Category ?? "-"),
                        minimizer,
                        Markup.Escape(f.Location.File + ":" + f.Location.Line));
                }

                console.Write(table);
                console.WriteLine();
            }

            var suppressions = new Table().Border(TableBorder.Rounded).Title("[bold]Suppressions of Minimization rules[/]");
            suppressions.AddColumns("Kind", "Rules");
            suppressions.AddColumn(new TableColumn("Location").NoWrap());
            suppressions.AddColumn("Justification");
            foreach (var s in report.Suppressions)
            {
                suppressions.AddRow(
                    Markup.Escape(s.Kind + (s.Severity is null ? "" : " (" + s.Severity + ")")),
                    Markup.Escape(string.Join(", ", s.Rules)),
                    Markup.Escape(s.File + ":" + s.Line),
                    s.Justified ? Markup.Escape(s.Justification!) : "[red bold]UNJUSTIFIED[/]");
            }

            if (report.Suppressions.Count == 0)
            {
                console.MarkupLine("[grey]No Minimization rule is suppressed.[/]");
            }
            else
            {
                console.Write(suppressions);
            }

            console.WriteLine();
            if (report.Diagnostics.Count > 0)
            {
                var other = new Table().Border(TableBorder.Rounded).Title("[bold]Other Minimization diagnostics (what the analysis could not vouch for)[/]");
                other.AddColumns("Rule", "Location", "Message");
                foreach (var d in report.Diagnostics)
                {
                    other.AddRow(Markup.Escape(d.Id), Markup.Escape(d.Location.File + ":" + d.Location.Line), Markup.Escape(d.Message));
                }

                console.Write(other);
                console.WriteLine();
            }

            var projects = new Table().Border(TableBorder.Rounded).Title("[bold]Projects[/]");
            projects.AddColumns("Project", "Status", "Note");
            foreach (var p in report.Projects)
            {
                var status = p.Status switch
                {
                    "analyzed" => "[green]analyzed[/]",
                    "failed" => "[red]failed[/]",
                    _ => "[yellow]" + Markup.Escape(p.Status) + "[/]",
                };
                projects.AddRow(Markup.Escape(p.Name), status, Markup.Escape(p.Reason ?? ""));
            }

            foreach (var l in report.LoadFailures.Where(l => !report.Projects.Any(p => p.Path == l.Path)))
            {
                projects.AddRow(Markup.Escape(l.Path), "[red]failed to load[/]", Markup.Escape(l.Reason));
            }

            console.Write(projects);
            console.WriteLine();

            var t = report.Totals;
            var totals = new Table().Border(TableBorder.Rounded).Title("[bold]Totals[/]").HideHeaders();
            totals.AddColumns("What", "Count");
            totals.AddRow("Partners", t.Partners.ToString(System.Globalization.CultureInfo.InvariantCulture));
            totals.AddRow("Sinks", t.Sinks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            totals.AddRow("Minimized flows", "[green]" + t.MinimizedFlows + "[/]");
            totals.AddRow("Violations", (t.Violations > 0 ? "[red bold]" : "[green]") + t.Violations + "[/]");
            totals.AddRow("Suppressed violations", (t.SuppressedViolations > 0 ? "[yellow]" : "") + t.SuppressedViolations + (t.SuppressedViolations > 0 ? "[/]" : ""));
            totals.AddRow("Suppressions", t.Suppressions.ToString(System.Globalization.CultureInfo.InvariantCulture));
            totals.AddRow("Unjustified suppressions", (t.UnjustifiedSuppressions > 0 ? "[red bold]" : "[green]") + t.UnjustifiedSuppressions + "[/]");
            totals.AddRow("Projects analyzed / skipped / failed", $"{t.ProjectsAnalyzed} / {t.ProjectsSkipped} / {t.ProjectsFailed}");
            console.Write(totals);

            if (report.Comparison is { } c)
            {
                console.WriteLine();
                console.Write(new Rule("[bold]Changes since[/] " + Markup.Escape(c.Baseline)).LeftJustified());
                if (!c.HasChanges)
                {
                    console.MarkupLine("[green]No change: nothing new is shared.[/]");
                }

                foreach (var p in c.PartnersAdded)
                {
                    console.MarkupLine("[red]+ partner[/] " + Markup.Escape(ReportBuilder.PartnerName(p)));
                }

                foreach (var p in c.PartnersRemoved)
                {
                    console.MarkupLine("[green]- partner[/] " + Markup.Escape(ReportBuilder.PartnerName(p)));
                }

                foreach (var f in c.FlowsAdded)
                {
                    console.MarkupLine("[red]+ flow[/] " + Markup.Escape(Describe(f)));
                }

                foreach (var f in c.FlowsRemoved)
                {
                    console.MarkupLine("[green]- flow[/] " + Markup.Escape(Describe(f)));
                }

                foreach (var m in c.MinimizersRemoved)
                {
                    console.MarkupLine("[red]! minimizer removed[/] " + Markup.Escape(m.Before + ": " + Describe(m.Flow)));
                }

                foreach (var s in c.SuppressionsAdded)
                {
                    console.MarkupLine("[red]+ suppression[/] " + Markup.Escape(s.Kind + " " + string.Join(",", s.Rules) + " at " + s.File + ":" + s.Line));
                }

                foreach (var s in c.SuppressionsRemoved)
                {
                    console.MarkupLine("[green]- suppression[/] " + Markup.Escape(s.Kind + " " + string.Join(",", s.Rules) + " at " + s.File + ":" + s.Line));
                }
            }
        }

        internal static string Describe(FlowEntry f)
            => f.Source.Display + " → " + f.Sink + " (partner " + ReportBuilder.PartnerName(f.Partner) + ")" + (f.Minimizer is null ? " VIOLATION" : " via " + f.Minimizer) + " at " + f.Location.File + ":" + f.Location.Line;
    }
}
