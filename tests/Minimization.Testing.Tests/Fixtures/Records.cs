using System;
using Minimization;

namespace Minimization.Testing.Tests.Fixtures
{
    /// <summary>A call detail record, the input of the call minimizers.</summary>
    public sealed class CallRecord
    {
        [IdentityBearing(IdentityCategory.Phone)]
        public string CallerNumber { get; set; } = "";

        [IdentityBearing(IdentityCategory.Phone)]
        public string CalleeNumber { get; set; } = "";

        [IdentityBearing(IdentityCategory.Timestamp)]
        public DateTime StartedAt { get; set; }

        [IdentityBearing(IdentityCategory.CellTower)]
        public string TowerId { get; set; } = "";

        [IdentityBearing(IdentityCategory.Imei)]
        public string Imei { get; set; } = "";

        public int DurationSeconds { get; set; }

        public override string ToString() => $"CallRecord {{ {CallerNumber} -> {CalleeNumber} at {StartedAt:s} on {TowerId} }}";
    }

    /// <summary>A person's file, built through its positional constructor.</summary>
    public sealed record PersonRecord(
        [property: IdentityBearing(IdentityCategory.Name)] string Name,
        [property: IdentityBearing(IdentityCategory.Email)] string Email,
        [property: IdentityBearing(IdentityCategory.Sin)] string Sin,
        [property: IdentityBearing(IdentityCategory.PostalCode)] string PostalCode,
        [property: IdentityBearing(IdentityCategory.DateOfBirth)] DateOnly DateOfBirth,
        [property: IdentityBearing(IdentityCategory.IpAddress)] string LastIp,
        [property: IdentityBearing(IdentityCategory.Mac)] string DeviceMac,
        [property: IdentityBearing(IdentityCategory.Imsi)] string Imsi,
        string Diagnosis);

    /// <summary>An identity-bearing type whose members carry no category: the harness guesses from their names.</summary>
    [IdentityBearing]
    public sealed class Subscriber
    {
        public string Msisdn { get; set; } = "";

        public string EmailAddress { get; set; } = "";

        public string ClientIp { get; set; } = "";

        [NonIdentifying]
        public int PlanVersion { get; set; }
    }

    public sealed record SharedCall(string CallerToken, string Region, string Day, int DurationBucket);

    public sealed record LeakyCall(string Caller, string Callee, DateTime StartedAt, string TowerId);

    public sealed record TracedCall(string CallerToken, string TowerId, DateTime StartedAt);

    public sealed record SharedCallWithPayload(string Region, string Payload);

    public sealed record SharedPerson(string Region, string BirthYears, string Diagnosis, string? Contact);
}
