using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Minimization.Analyzers;
using Minimization.Cli.Audit;

namespace Minimization.Cli.Baseline
{
    /// <summary>One accepted finding as the baseline file holds it (docs/configuration.md, "The baseline").</summary>
    internal sealed class BaselineRecord
    {
        public string Source { get; set; } = "";

        public string Sink { get; set; } = "";

        public string Member { get; set; } = "";

        public string? Partner { get; set; }

        public string? Finding { get; set; }

        public string Justification { get; set; } = "";

        public (string, string, string) Key => (Source, Sink, Member);
    }

    /// <summary>What a run of <c>minimization baseline</c> did.</summary>
    internal sealed class BaselineSummary
    {
        public int Written { get; set; }

        public int KeptJustifications { get; set; }

        public int Removed { get; set; }
    }

    /// <summary>
    /// Turns the MIN001 findings of a run (and the MIN017 ones an earlier baseline already accepts) into baseline entries:
    /// one per source, sink and member, keyed by documentation-comment IDs, the justifications of an existing file kept.
    /// </summary>
    internal static class BaselineWriter
    {
        /// <summary>The file name the analyzer reads from AdditionalFiles (or any name ending in <c>.minimization.baseline.json</c>).</summary>
        public const string FileName = "minimization.baseline.json";
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>The entries the diagnostics give, in a fixed order (member, source, sink).</summary>
        public static List<BaselineRecord> Entries(IEnumerable<Diagnostic> diagnostics, IReadOnlyDictionary<(string, string, string), string> justifications)
        {
            var entries = new Dictionary<(string, string, string), BaselineRecord>();
            foreach (var d in diagnostics)
            {
                if (d.IsSuppressed || d.Id is not (RuleIdentifiers.IdentityReachesPartner or RuleIdentifiers.BaselinedFinding))
                {
                    continue;
                }

                if (!d.Properties.TryGetValue("sourceKeys", out var sources) || string.IsNullOrEmpty(sources)
                    || !d.Properties.TryGetValue("sinkKey", out var sink) || string.IsNullOrEmpty(sink)
                    || !d.Properties.TryGetValue("memberKey", out var member) || string.IsNullOrEmpty(member))
                {
                    continue;
                }

                d.Properties.TryGetValue("partner", out var partner);
                d.Properties.TryGetValue("justification", out var accepted);
                foreach (var source in sources!.Split('|'))
                {
                    var record = new BaselineRecord
                    {
                        Source = source,
                        Sink = sink!,
                        Member = member!,
                        Partner = string.IsNullOrEmpty(partner) ? null : partner,
                        Finding = FindingText(d, partner),
                    };
                    record.Justification = justifications.TryGetValue(record.Key, out var kept) ? kept : accepted ?? "";
                    if (!entries.ContainsKey(record.Key))
                    {
                        entries.Add(record.Key, record);
                    }
                }
            }

            return entries.Values
                .OrderBy(e => e.Member, StringComparer.Ordinal)
                .ThenBy(e => e.Source, StringComparer.Ordinal)
                .ThenBy(e => e.Sink, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>The justifications of an existing baseline by key; empty when there is none. A file that is not a baseline is an error.</summary>
        public static Dictionary<(string, string, string), string> ReadJustifications(string path, string display)
        {
            var result = new Dictionary<(string, string, string), string>();
            if (!File.Exists(path))
            {
                return result;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("accepted", out var accepted) || accepted.ValueKind != JsonValueKind.Array)
                {
                    throw new AuditUsageException($"'{display}' is not a baseline (no \"accepted\" array); choose another --output or remove it");
                }

                foreach (var item in accepted.EnumerateArray())
                {
                    var key = (Text(item, "source"), Text(item, "sink"), Text(item, "member"));
                    var justification = Text(item, "justification");
                    if (key.Item1.Length > 0 && justification.Length > 0)
                    {
                        result[key] = justification;
                    }
                }

                return result;
            }
            catch (JsonException ex)
            {
                throw new AuditUsageException($"'{display}' is not valid JSON ({ex.Message}); fix or remove it");
            }
        }

        /// <summary>How many keys of the existing file are not among <paramref name="entries"/> any more.</summary>
        public static int CountRemoved(string path, List<BaselineRecord> entries)
        {
            if (!File.Exists(path))
            {
                return 0;
            }

            var now = new HashSet<(string, string, string)>(entries.Select(e => e.Key));
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.GetProperty("accepted").EnumerateArray().Count(item => !now.Contains((Text(item, "source"), Text(item, "sink"), Text(item, "member"))));
        }

        public static string Render(List<BaselineRecord> entries)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", 1);
                writer.WriteStartArray("accepted");
                foreach (var e in entries)
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", e.Source);
                    writer.WriteString("sink", e.Sink);
                    writer.WriteString("member", e.Member);
                    if (e.Partner is not null)
                    {
                        writer.WriteString("partner", e.Partner);
                    }

                    if (e.Finding is not null)
                    {
                        writer.WriteString("finding", e.Finding);
                    }

                    writer.WriteString("justification", e.Justification);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        /// <summary>The finding in MIN001's words, whether it came as MIN001 or (already accepted) as MIN017: rewriting a baseline does not change it.</summary>
        private static string FindingText(Diagnostic d, string? partner)
        {
            if (!d.Properties.TryGetValue("sources", out var sources) || !d.Properties.TryGetValue("sink", out var sink) || !d.Properties.TryGetValue("path", out var path))
            {
                return d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            }

            var sinkText = string.IsNullOrEmpty(partner) ? sink : sink + " (partner \"" + partner + "\")";
            return "Identity from " + (sources ?? "").Replace("|", ", ", StringComparison.Ordinal) + " reaches partner sink " + sinkText + " without passing through a [Minimizer]: " + path;
        }

        private static string Text(JsonElement item, string name)
            => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
    }
}
