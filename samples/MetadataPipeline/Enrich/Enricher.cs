using System;
using System.Collections.Generic;
using MetadataPipeline.Records;

namespace MetadataPipeline.Enrich;

/// <summary>Adds what partners need and raw records lack: the caller's region, international calls, recipient counts.</summary>
public sealed class Enricher
{
    private readonly TowerDirectory _towers;
    private readonly string _homeCountryCode;

    /// <summary>Creates an enricher for a network whose numbers start with <paramref name="homeCountryCode"/> (digits only).</summary>
    /// <example><code>var enricher = new Enricher(towers, homeCountryCode: "1");</code></example>
    public Enricher(TowerDirectory towers, string homeCountryCode)
    {
        _towers = towers;
        _homeCountryCode = homeCountryCode;
    }

    /// <summary>Returns each call with <see cref="CallDetailRecord.Region"/> and <see cref="CallDetailRecord.International"/> set.</summary>
    public List<CallDetailRecord> Enrich(IReadOnlyList<CallDetailRecord> calls)
    {
        var enriched = new List<CallDetailRecord>(calls.Count);
        foreach (CallDetailRecord call in calls)
        {
            enriched.Add(call with
            {
                Region = _towers.RegionOfArea(TowerDirectory.AreaOf(call.CellTowerId)),
                International = IsInternational(call.CalledNumber),
            });
        }

        return enriched;
    }

    /// <summary>Drops messages without a recipient (bounces, drafts): they describe no communication.</summary>
    public List<EmailHeaderRecord> Enrich(IReadOnlyList<EmailHeaderRecord> headers)
    {
        var kept = new List<EmailHeaderRecord>(headers.Count);
        foreach (EmailHeaderRecord header in headers)
        {
            if (header.RecipientCount > 0)
            {
                kept.Add(header);
            }
        }

        return kept;
    }

    private bool IsInternational(string number)
    {
        string trimmed = number.TrimStart();
        return trimmed.StartsWith("+", StringComparison.Ordinal)
            && !trimmed.StartsWith("+" + _homeCountryCode, StringComparison.Ordinal);
    }
}
