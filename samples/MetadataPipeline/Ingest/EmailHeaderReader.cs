using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MetadataPipeline.Records;

namespace MetadataPipeline.Ingest;

/// <summary>
/// Reads message headers as a mail gateway exports them: one block of <c>Name: value</c> lines per message, blocks
/// separated by an empty line. Only From, To, Cc, Date, Message-ID, the first Received line and Content-Length are read.
/// </summary>
public sealed class EmailHeaderReader
{
    /// <summary>Blocks skipped because From, To or Date was missing or malformed.</summary>
    public int Rejected { get; private set; }

    /// <summary>Parses every complete header block of <paramref name="reader"/>.</summary>
    /// <example><code>var headers = new EmailHeaderReader().Read(File.OpenText("headers.txt"));</code></example>
    public List<EmailHeaderRecord> Read(TextReader reader)
    {
        var records = new List<EmailHeaderRecord>();
        var block = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Trim().Length == 0)
            {
                Flush(block, records);
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                string name = line.Substring(0, colon).Trim();
                if (!block.ContainsKey(name))
                {
                    block[name] = line.Substring(colon + 1).Trim();
                }
            }
        }

        Flush(block, records);
        return records;
    }

    private void Flush(Dictionary<string, string> block, List<EmailHeaderRecord> records)
    {
        if (block.Count == 0)
        {
            return;
        }

        if (block.TryGetValue("From", out string? from)
            && block.TryGetValue("To", out string? to)
            && block.TryGetValue("Date", out string? date)
            && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset sent))
        {
            block.TryGetValue("Cc", out string? cc);
            block.TryGetValue("Message-ID", out string? messageId);
            block.TryGetValue("Received", out string? received);
            block.TryGetValue("Content-Length", out string? length);
            records.Add(new EmailHeaderRecord
            {
                From = Address(from),
                To = Address(FirstOf(to)),
                SentAt = sent,
                ClientIp = BracketedAddress(received),
                MessageId = messageId ?? "",
                SizeBytes = long.TryParse(length, NumberStyles.Integer, CultureInfo.InvariantCulture, out long size) ? size : 0,
                RecipientCount = Count(to) + Count(cc),
            });
        }
        else
        {
            Rejected++;
        }

        block.Clear();
    }

    /// <summary><c>"Ann Lee" &lt;ann@example.org&gt;</c> → <c>ann@example.org</c>.</summary>
    private static string Address(string value)
    {
        int open = value.IndexOf('<');
        int close = value.IndexOf('>', open + 1);
        return open >= 0 && close > open ? value.Substring(open + 1, close - open - 1).Trim() : value.Trim();
    }

    private static string FirstOf(string list)
    {
        int comma = list.IndexOf(',');
        return comma < 0 ? list : list.Substring(0, comma);
    }

    private static int Count(string? list) => string.IsNullOrWhiteSpace(list) ? 0 : list!.Split(',').Length;

    /// <summary>The client address in <c>Received: from host ([203.0.113.7]) by …</c>.</summary>
    private static string? BracketedAddress(string? received)
    {
        if (received is null)
        {
            return null;
        }

        int open = received.IndexOf('[');
        int close = received.IndexOf(']', open + 1);
        return open >= 0 && close > open ? received.Substring(open + 1, close - open - 1) : null;
    }
}
