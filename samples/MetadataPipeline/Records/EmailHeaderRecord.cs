using System;
using Minimization;

namespace MetadataPipeline.Records;

/// <summary>The metadata of one e-mail message, read from its headers; the body is never ingested.</summary>
[IdentityBearing, GenerateMinimizer("SharedEmailHeader")]
public sealed partial record EmailHeaderRecord
{
    [IdentityBearing(IdentityCategory.Email)]
    [Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = nameof(SentAt))]
    public string From { get; init; } = "";

    [IdentityBearing(IdentityCategory.Email)]
    [Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = nameof(SentAt))]
    public string To { get; init; } = "";

    [IdentityBearing(IdentityCategory.Timestamp)]
    [TruncateTime(TimeGranularity.Day)]
    public DateTimeOffset SentAt { get; init; }

    /// <summary>The submitting client's address from the first Received header, kept to its /24 (IPv6 /48).</summary>
    [IdentityBearing(IdentityCategory.IpAddress)]
    [MaskIpAddress]
    public string? ClientIp { get; init; }

    /// <summary>Unique per message and often embeds the sender's host name: never shared.</summary>
    [IdentityBearing("message-id")]
    [Drop]
    public string MessageId { get; init; } = "";

    [NonIdentifying]
    [BucketBoundaries(0, 10_000, 100_000, 1_000_000, 10_000_000)]
    public long SizeBytes { get; init; }

    /// <summary>Set by enrichment: the number of recipients on To and Cc.</summary>
    [NonIdentifying]
    [Keep]
    public int RecipientCount { get; init; }
}
