using System;
using System.Collections.Generic;

namespace MetadataPipeline.Enrich;

/// <summary>
/// The operator's location-area table: a tower id <c>MCC-MNC-LAC-CI</c> belongs to the region of its location area
/// code. Regions are large (tens of thousands of subscribers); towers in rural areas share their neighbours' region.
/// </summary>
public sealed class TowerDirectory
{
    private readonly Dictionary<string, string> _regionByLac;

    /// <summary>Creates a directory from (location area code, region) pairs.</summary>
    /// <example><code>var towers = new TowerDirectory(new Dictionary&lt;string, string&gt; { ["4411"] = "ON-EAST" });</code></example>
    public TowerDirectory(IReadOnlyDictionary<string, string> regionByLac)
    {
        _regionByLac = new Dictionary<string, string>(regionByLac, StringComparer.Ordinal);
    }

    /// <summary>The region for a location area code, or <c>"UNKNOWN"</c>.</summary>
    public string RegionOfArea(string locationAreaCode)
        => _regionByLac.TryGetValue(locationAreaCode, out string? region) ? region : "UNKNOWN";

    /// <summary>The location area code inside a tower id, or an empty string.</summary>
    public static string AreaOf(string towerId)
    {
        string[] parts = towerId.Split('-');
        return parts.Length == 4 ? parts[2] : "";
    }
}
