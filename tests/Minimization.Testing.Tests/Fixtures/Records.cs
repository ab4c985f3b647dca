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

namespace Minimization.Testing.Tests.Fixtures
{
    /// <summary>A customer file with identifiers of every kind the categories name, some of them the team's own.</summary>
    public sealed class Customer
    {
        [IdentityBearing(IdentityCategory.Name)]
        public string FullName { get; set; } = "";

        [IdentityBearing(IdentityCategory.Email)]
        public string Email { get; set; } = "";

        [IdentityBearing(IdentityCategory.AccountId)]
        public string AccountNumber { get; set; } = "";

        [IdentityBearing(IdentityCategory.IpAddress)]
        public string LastIPv6 { get; set; } = "";

        [IdentityBearing(IdentityCategory.IpAddress)]
        public string LastIPv4 { get; set; } = "";

        [IdentityBearing("loyalty-card")]
        public string LoyaltyCard { get; set; } = "";

        [IdentityBearing(IdentityCategory.PostalCode)]
        public string PostalCode { get; set; } = "";

        public string Plan { get; set; } = "";
    }

    public sealed record SharedCustomer(string Token, string Region, string Plan);

    /// <summary>A record type from another team's assembly: no attributes at all, so the spec must give the categories.</summary>
    public sealed class PlainContact
    {
        public string Handle { get; set; } = "";

        public string Mobile { get; set; } = "";

        public DateTime SeenAt { get; set; }
    }

    public sealed record SharedContact(string Mobile, string Day);

    /// <summary>A call record that names its subscriber, for the true subject.</summary>
    public sealed record SubscriberCall(string Subscriber, string TowerId, DateTime StartedAt);

    public sealed record PointRecord(string Token, string TowerId, string Hour);
}
