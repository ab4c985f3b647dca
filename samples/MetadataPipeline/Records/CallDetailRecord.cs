using System;
using Minimization;

namespace MetadataPipeline.Records;

/// <summary>
/// One call as the switch writes it, enriched with the caller's home region. Partners receive
/// <see cref="SharedCallDetail"/>, generated from the policy on each member below.
/// </summary>
[IdentityBearing, GenerateMinimizer("SharedCallDetail")]
public sealed partial record CallDetailRecord
{
    /// <summary>A daily key, chosen by the call's own time, so a week released at once cannot be linked into traces.</summary>
    [IdentityBearing(IdentityCategory.Phone)]
    [Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = nameof(StartTime))]
    public string CallingNumber { get; init; } = "";

    /// <summary>Area code and exchange: enough to study where calls go, ten thousand people per prefix.</summary>
    [IdentityBearing(IdentityCategory.Phone)]
    [KeepPrefix(6, Unit = PrefixUnit.Digits)]
    public string CalledNumber { get; init; } = "";

    [IdentityBearing(IdentityCategory.Timestamp)]
    [TruncateTime(TimeGranularity.Hour)]
    public DateTimeOffset StartTime { get; init; }

    [NonIdentifying]
    [Bucket(60)]
    public TimeSpan Duration { get; init; }

    /// <summary>The tower places the caller to within a few hundred metres; the region below is what partners get.</summary>
    [IdentityBearing(IdentityCategory.CellTower)]
    [Drop]
    public string CellTowerId { get; init; } = "";

    [IdentityBearing(IdentityCategory.Imsi)]
    [Drop]
    public string Imsi { get; init; } = "";

    /// <summary>Set by enrichment: the tower's region, a few tens of thousands of subscribers each.</summary>
    [NonIdentifying]
    [Keep]
    public string Region { get; init; } = "";

    /// <summary>Set by enrichment: whether the called number is outside the caller's country.</summary>
    [NonIdentifying]
    [Keep]
    public bool International { get; init; }
}
