using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MetadataPipeline.Records;

namespace MetadataPipeline.Ingest;

/// <summary>
/// Reads the switch's CSV export: <c>calling,called,start,duration_s,tower,imsi</c>, one call a line, with a header line.
/// Malformed lines are counted and skipped, never logged: a log line would be one more copy of the numbers.
/// </summary>
public sealed class CallDetailCsvReader
{
    /// <summary>Lines skipped because they did not parse.</summary>
    public int Rejected { get; private set; }

    /// <summary>Parses every well-formed line of <paramref name="reader"/>.</summary>
    /// <example><code>var calls = new CallDetailCsvReader().Read(File.OpenText("calls.csv"));</code></example>
    public List<CallDetailRecord> Read(TextReader reader)
    {
        var calls = new List<CallDetailRecord>();
        string? line;
        bool header = true;
        while ((line = reader.ReadLine()) is not null)
        {
            if (header)
            {
                header = false;
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != 6
                || !DateTimeOffset.TryParse(fields[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset start)
                || !int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds)
                || seconds < 0)
            {
                Rejected++;
                continue;
            }

            calls.Add(new CallDetailRecord
            {
                CallingNumber = fields[0].Trim(),
                CalledNumber = fields[1].Trim(),
                StartTime = start,
                Duration = TimeSpan.FromSeconds(seconds),
                CellTowerId = fields[4].Trim(),
                Imsi = fields[5].Trim(),
            });
        }

        return calls;
    }
}
