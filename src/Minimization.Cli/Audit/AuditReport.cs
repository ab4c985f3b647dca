using System.Collections.Generic;

namespace Minimization.Cli.Audit
{
    /// <summary>
    /// Everything an audit found, in the shape of the JSON schema (docs/audit.schema.json): the report that every format
    /// renders, and what <c>--compare</c> reads back. Paths are relative to <see cref="Root"/>, with forward slashes.
    /// </summary>
    internal sealed class AuditReport
    {
        /// <summary>The schema version of the JSON form; raise the major part on any breaking change.</summary>
        public const string CurrentSchemaVersion = "1.0";

        public string SchemaVersion { get; set; } = CurrentSchemaVersion;

        public ToolInfo Tool { get; set; } = new ToolInfo();

        /// <summary>What was audited, as given (relative to the working directory when inside it).</summary>
        public string Target { get; set; } = "";

        /// <summary>The folder every path in the report is relative to (the target's folder), as given.</summary>
        public string Root { get; set; } = "";

        public List<ProjectEntry> Projects { get; set; } = new List<ProjectEntry>();

        public List<FlowEntry> Flows { get; set; } = new List<FlowEntry>();

        public List<SuppressionEntry> Suppressions { get; set; } = new List<SuppressionEntry>();

        /// <summary>Other Minimization diagnostics (bounds reached, members not checked, policy errors): what the audit could not vouch for.</summary>
        public List<DiagnosticEntry> Diagnostics { get; set; } = new List<DiagnosticEntry>();

        public List<LoadFailure> LoadFailures { get; set; } = new List<LoadFailure>();

        public Totals Totals { get; set; } = new Totals();

        public Comparison? Comparison { get; set; }
    }

    internal sealed class ToolInfo
    {
        public string Name { get; set; } = "minimization audit";

        public string Version { get; set; } = "";
    }

    internal sealed class ProjectEntry
    {
        public string Name { get; set; } = "";

        public string Path { get; set; } = "";

        /// <summary><c>analyzed</c>, <c>skipped</c> (not C#, or no annotations referenced) or <c>failed</c>.</summary>
        public string Status { get; set; } = "";

        public string? Reason { get; set; }

        public int Documents { get; set; }

        public int CompileErrors { get; set; }

        /// <summary>Whether the project references Minimization.Annotations (without it nothing can be identity or a sink).</summary>
        public bool Annotated { get; set; }
    }

    internal sealed class FlowEntry
    {
        public string Partner { get; set; } = "";

        public string Sink { get; set; } = "";

        public SourceInfo Source { get; set; } = new SourceInfo();

        /// <summary>The minimizer on the way; null for a violation.</summary>
        public string? Minimizer { get; set; }

        /// <summary><c>minimized</c>, <c>violation</c> or <c>suppressed-violation</c> (a MIN001 someone switched off).</summary>
        public string Status { get; set; } = "";

        public string Project { get; set; } = "";

        public Position Location { get; set; } = new Position();

        /// <summary>The path in words, from the source to the sink.</summary>
        public string Path { get; set; } = "";

        public List<Position> Steps { get; set; } = new List<Position>();

        /// <summary>For a suppressed violation: how (<c>pragma</c>, <c>suppress-message</c>, <c>analyzer-config</c>, <c>no-warn</c>, or <c>baseline</c>: a MIN017 the baseline accepts).</summary>
        public string? SuppressedBy { get; set; }

        public string Message { get; set; } = "";

        /// <summary>
        /// The flow without positions or folders: what <c>--compare</c> matches on, so that moved code (or an audit of the same
        /// project from another folder) is not a change.
        /// </summary>
        public string Key() => string.Join("|", Partner, Sink, Source.Display, Project, System.IO.Path.GetFileName(Location.File));
    }

    internal sealed class SourceInfo
    {
        public string Type { get; set; } = "";

        public string Member { get; set; } = "";

        public string? Category { get; set; }

        /// <summary>How the analyzer names it: <c>CallRecord.CallerNumber</c>.</summary>
        public string Display { get; set; } = "";
    }

    internal sealed class Position
    {
        public string File { get; set; } = "";

        public int Line { get; set; }

        public int Column { get; set; }

        public string? Label { get; set; }
    }

    internal sealed class SuppressionEntry
    {
        /// <summary><c>pragma</c>, <c>suppress-message</c>, <c>analyzer-config</c> or <c>no-warn</c>.</summary>
        public string Kind { get; set; } = "";

        /// <summary>The rules switched off: <c>MIN001</c>, or <c>MIN*</c> for the whole family.</summary>
        public List<string> Rules { get; set; } = new List<string>();

        public string File { get; set; } = "";

        public int Line { get; set; }

        public string? Justification { get; set; }

        public bool Justified { get; set; }

        /// <summary>The severity an analyzer-config entry sets (<c>none</c>, <c>silent</c>, <c>suggestion</c>).</summary>
        public string? Severity { get; set; }

        public List<string> Projects { get; set; } = new List<string>();

        /// <summary>The text as written.</summary>
        public string Text { get; set; } = "";

        public string Key() => string.Join("|", Kind, string.Join(",", Rules), File, Text);
    }

    internal sealed class DiagnosticEntry
    {
        public string Id { get; set; } = "";

        public string Severity { get; set; } = "";

        public string Message { get; set; } = "";

        public string Project { get; set; } = "";

        public Position Location { get; set; } = new Position();
    }

    internal sealed class LoadFailure
    {
        public string Path { get; set; } = "";

        public string Reason { get; set; } = "";
    }

    internal sealed class Totals
    {
        public int Projects { get; set; }

        public int ProjectsAnalyzed { get; set; }

        public int ProjectsFailed { get; set; }

        public int ProjectsSkipped { get; set; }

        public int Partners { get; set; }

        public int Sinks { get; set; }

        public int Flows { get; set; }

        public int MinimizedFlows { get; set; }

        public int Violations { get; set; }

        public int SuppressedViolations { get; set; }

        public int Suppressions { get; set; }

        public int UnjustifiedSuppressions { get; set; }
    }

    /// <summary>What changed since an earlier audit (<c>--compare</c>).</summary>
    internal sealed class Comparison
    {
        public string Baseline { get; set; } = "";

        public List<string> PartnersAdded { get; set; } = new List<string>();

        public List<string> PartnersRemoved { get; set; } = new List<string>();

        public List<FlowEntry> FlowsAdded { get; set; } = new List<FlowEntry>();

        public List<FlowEntry> FlowsRemoved { get; set; } = new List<FlowEntry>();

        /// <summary>Flows that passed a minimizer before and pass none now.</summary>
        public List<MinimizerChange> MinimizersRemoved { get; set; } = new List<MinimizerChange>();

        public List<SuppressionEntry> SuppressionsAdded { get; set; } = new List<SuppressionEntry>();

        public List<SuppressionEntry> SuppressionsRemoved { get; set; } = new List<SuppressionEntry>();

        public bool HasChanges => PartnersAdded.Count + PartnersRemoved.Count + FlowsAdded.Count + FlowsRemoved.Count + MinimizersRemoved.Count + SuppressionsAdded.Count + SuppressionsRemoved.Count > 0;
    }

    internal sealed class MinimizerChange
    {
        public FlowEntry Flow { get; set; } = new FlowEntry();

        public string Before { get; set; } = "";
    }
}
