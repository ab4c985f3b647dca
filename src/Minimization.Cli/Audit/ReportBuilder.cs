using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Minimization.Cli.Audit
{
    /// <summary>Turns MIN001 and MIN016 diagnostics into flows, and a finished list of flows into totals.</summary>
    internal static class ReportBuilder
    {
        public static FlowEntry Flow(Diagnostic d, string project, string root, string status, SourceInfo? source)
        {
            var properties = d.Properties;
            var path = properties.TryGetValue("path", out var p) ? p ?? "" : "";
            source ??= new SourceInfo
            {
                Display = Get(properties, "source"),
                Type = Get(properties, "sourceType"),
                Member = Get(properties, "sourceMember"),
                Category = NullIfEmpty(Get(properties, "category")),
            };

            return new FlowEntry
            {
                Partner = Get(properties, "partner"),
                Sink = Get(properties, "sink"),
                Source = source,
                Minimizer = status == "minimized" ? NullIfEmpty(Get(properties, "minimizer")) : null,
                Status = status,
                Project = project,
                Location = Paths.Of(root, d.Location),
                Path = path,
                Steps = Steps(d, root, path),
                Message = Paths.Scrub(root, d.GetMessage()),
            };
        }

        /// <summary>One violation per source a MIN001 names (several sources may meet in one argument).</summary>
        public static IEnumerable<FlowEntry> Violations(Diagnostic d, string project, string root)
        {
            var details = Get(d.Properties, "sourceDetails");
            var sources = new List<SourceInfo>();
            foreach (var part in details.Split(new[] { '|' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = part.Split(';');
                sources.Add(new SourceInfo
                {
                    Display = fields[0],
                    Type = fields.Length > 1 ? fields[1] : "",
                    Member = fields.Length > 2 ? fields[2] : "",
                    Category = fields.Length > 3 ? NullIfEmpty(fields[3]) : null,
                });
            }

            if (sources.Count == 0)
            {
                foreach (var display in Get(d.Properties, "sources").Split(new[] { '|' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    sources.Add(new SourceInfo { Display = display, Type = display.Split('.')[0], Member = display.Contains('.') ? display.Substring(display.IndexOf('.') + 1) : "" });
                }
            }

            foreach (var source in sources)
            {
                yield return Flow(d, project, root, "violation", source);
            }
        }

        private static List<Position> Steps(Diagnostic d, string root, string path)
        {
            var words = path.Split(" → ");
            var steps = new List<Position>();
            var locations = d.AdditionalLocations;
            for (var i = 0; i < locations.Count; i++)
            {
                var label = locations.Count == words.Length ? words[i] : i == 0 && words.Length > 0 ? words[0] : i == locations.Count - 1 && words.Length > 0 ? words[words.Length - 1] : "step " + (i + 1);
                steps.Add(Paths.Of(root, locations[i], label));
            }

            // A sink without source (a partner's SDK declared in configuration) has no location of its own: the flow ends
            // at the argument that meets it, where the diagnostic is.
            if (locations.Count < words.Length && d.Location.IsInSource && words.Length > 0)
            {
                var end = Paths.Of(root, d.Location, words[words.Length - 1]);
                if (steps.Count == 0 || steps[steps.Count - 1].File != end.File || steps[steps.Count - 1].Line != end.Line)
                {
                    steps.Add(end);
                }
            }

            return steps;
        }

        private static string Get(IReadOnlyDictionary<string, string?> properties, string key)
            => properties.TryGetValue(key, out var value) && value is not null ? value : "";

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

        /// <summary>Sorts everything into a stable order and computes the totals.</summary>
        public static void Finish(AuditReport report)
        {
            report.Flows = report.Flows
                .GroupBy(f => f.Key() + "|" + f.Minimizer + "|" + f.Status + "|" + f.Location.Line + "|" + f.Location.Column)
                .Select(g => g.First())
                .OrderBy(f => f.Partner, StringComparer.Ordinal)
                .ThenBy(f => f.Sink, StringComparer.Ordinal)
                .ThenBy(f => f.Location.File, StringComparer.Ordinal)
                .ThenBy(f => f.Location.Line)
                .ThenBy(f => f.Location.Column)
                .ThenBy(f => f.Source.Display, StringComparer.Ordinal)
                .ThenBy(f => f.Minimizer ?? "", StringComparer.Ordinal)
                .ToList();
            report.LoadFailures = report.LoadFailures.OrderBy(l => l.Path, StringComparer.Ordinal).ToList();
            var t = report.Totals;
            t.Projects = report.Projects.Count;
            t.ProjectsAnalyzed = report.Projects.Count(p => p.Status == "analyzed");
            t.ProjectsFailed = report.Projects.Count(p => p.Status == "failed") + report.LoadFailures.Count(l => !report.Projects.Any(p => p.Path == l.Path));
            t.ProjectsSkipped = report.Projects.Count(p => p.Status == "skipped");
            t.Partners = report.Flows.Select(f => f.Partner).Distinct(StringComparer.Ordinal).Count();
            t.Sinks = report.Flows.Select(f => f.Partner + "|" + f.Sink).Distinct(StringComparer.Ordinal).Count();
            t.Flows = report.Flows.Count;
            t.MinimizedFlows = report.Flows.Count(f => f.Status == "minimized");
            t.Violations = report.Flows.Count(f => f.Status == "violation");
            t.SuppressedViolations = report.Flows.Count(f => f.Status == "suppressed-violation");
            t.Suppressions = report.Suppressions.Count;
            t.UnjustifiedSuppressions = report.Suppressions.Count(s => !s.Justified);
        }

        /// <summary>The partner as a reader sees it: unnamed sinks are grouped together.</summary>
        public static string PartnerName(string partner) => partner.Length == 0 ? "(unnamed partner)" : partner;
    }
}
