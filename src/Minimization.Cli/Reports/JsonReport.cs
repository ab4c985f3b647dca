using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Minimization.Cli.Audit;

namespace Minimization.Cli.Reports
{
    /// <summary>The report as JSON, in the shape docs/audit.schema.json describes; and an earlier one read back for <c>--compare</c>.</summary>
    internal static class JsonReport
    {
        internal static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Render(AuditReport report) => JsonSerializer.Serialize(report, Options);

        public static AuditReport Load(string path, string shown)
        {
            if (!File.Exists(path))
            {
                throw new AuditUsageException($"--compare: '{shown}' does not exist");
            }

            AuditReport? report;
            try
            {
                report = JsonSerializer.Deserialize<AuditReport>(File.ReadAllText(path), Options);
            }
            catch (JsonException ex)
            {
                throw new AuditUsageException($"--compare: '{shown}' is not an audit in JSON ({ex.Message})");
            }

            if (report is null || string.IsNullOrEmpty(report.SchemaVersion))
            {
                throw new AuditUsageException($"--compare: '{shown}' is not an audit in JSON (no schemaVersion)");
            }

            var major = report.SchemaVersion.Split('.')[0];
            if (!string.Equals(major, AuditReport.CurrentSchemaVersion.Split('.')[0], StringComparison.Ordinal))
            {
                throw new AuditUsageException($"--compare: '{shown}' has schema version {report.SchemaVersion}; this tool reads {AuditReport.CurrentSchemaVersion}");
            }

            return report;
        }
    }
}
