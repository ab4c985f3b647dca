using System;
using System.IO;
using Minimization.Cli.Audit;

namespace Minimization.Cli.Reports
{
    /// <summary>Renders a report in one of the formats.</summary>
    internal static class ReportWriter
    {
        public static readonly string[] Formats = { "console", "markdown", "json", "sarif" };

        public static void Write(AuditReport report, string format, TextWriter writer, bool terminal)
        {
            switch (format)
            {
                case "console":
                    ConsoleReport.Write(report, CliIo.ConsoleOn(writer, terminal));
                    break;
                case "markdown":
                    writer.Write(MarkdownReport.Render(report));
                    break;
                case "json":
                    writer.Write(JsonReport.Render(report));
                    writer.WriteLine();
                    break;
                case "sarif":
                    writer.Write(SarifReport.Render(report));
                    writer.WriteLine();
                    break;
                default:
                    throw new AuditUsageException("unknown format '" + format + "'");
            }

            writer.Flush();
        }
    }
}
