using System;
using Minimization;

namespace QuickStart;

/// <summary>A call-detail record as the switch produces it.</summary>
public sealed class CallRecord
{
    [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; init; } = "";

    [IdentityBearing(IdentityCategory.Phone)] public string CalleeNumber { get; init; } = "";

    [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; init; } = "";

    public string Region { get; init; } = "";

    public DateTime StartedAt { get; init; }

    public int DurationSeconds { get; init; }
}

/// <summary>What the partner receives: a keyed pseudonym, a region, the day and a bucketed duration.</summary>
public sealed record SharedCall(string CallerToken, string Region, DateOnly Day, int DurationMinutesBucket);
