using System;
using System.Collections.Generic;
using Minimization;

namespace Minimization.Testing.Tests.RedTeam
{
    public enum Gender
    {
        Female,
        Male,
        Unspecified,
    }

    /// <summary>A subscriber's file as a billing system holds it: every identifier kind, demographics and a nullable plan.</summary>
    public sealed class SubscriberFile
    {
        [IdentityBearing(IdentityCategory.Phone)]
        public string Msisdn { get; set; } = "";

        [IdentityBearing(IdentityCategory.Email)]
        public string Email { get; set; } = "";

        [IdentityBearing(IdentityCategory.Imsi)]
        public string Imsi { get; set; } = "";

        [IdentityBearing(IdentityCategory.Imei)]
        public string Imei { get; set; } = "";

        [IdentityBearing(IdentityCategory.IpAddress)]
        public string IPv4 { get; set; } = "";

        [IdentityBearing(IdentityCategory.IpAddress)]
        public string IPv6 { get; set; } = "";

        [IdentityBearing(IdentityCategory.Name)]
        public string FullName { get; set; } = "";

        [IdentityBearing(IdentityCategory.AccountId)]
        public string AccountNumber { get; set; } = "";

        [IdentityBearing(IdentityCategory.PostalCode)]
        public string PostalCode { get; set; } = "";

        [IdentityBearing(IdentityCategory.DateOfBirth)]
        public DateOnly DateOfBirth { get; set; }

        public Gender Gender { get; set; }

        public string? Plan { get; set; }
    }

    /// <summary>One network event of a subscriber: the stuff traces are made of.</summary>
    public sealed record NetworkEvent(
        [property: IdentityBearing(IdentityCategory.Phone)] string Msisdn,
        [property: IdentityBearing(IdentityCategory.Imsi)] string Imsi,
        [property: IdentityBearing(IdentityCategory.CellTower)] string CellId,
        [property: IdentityBearing(IdentityCategory.Timestamp)] DateTime At,
        int Bytes);

    /// <summary>The subscriber an event is about, held as an object of its own, with a list of e-mail addresses.</summary>
    [IdentityBearing]
    public sealed class Subscriber
    {
        [IdentityBearing(IdentityCategory.Phone)]
        public string Msisdn { get; set; } = "";

        [IdentityBearing(IdentityCategory.Email)]
        public List<string> Emails { get; set; } = new List<string>();

        [IdentityBearing(IdentityCategory.Imsi)]
        public string? Imsi { get; set; }
    }

    /// <summary>A usage event that nests its subscriber: the true subject is <c>SubjectBy(r =&gt; r.Subscriber)</c>.</summary>
    public sealed record UsageEvent(
        Subscriber Subscriber,
        [property: IdentityBearing(IdentityCategory.CellTower)] string CellId,
        [property: IdentityBearing(IdentityCategory.Timestamp)] DateTime At,
        long? Bytes);

    /// <summary>A value object a domain model wraps numbers in; its category is on the type.</summary>
    [IdentityBearing(IdentityCategory.Phone)]
    public sealed record PhoneNumber(string Value);

    /// <summary>A domain model's line: value objects, not strings.</summary>
    public sealed record MobileLine(PhoneNumber Number, [property: IdentityBearing(IdentityCategory.Imei)] string Device, string? Plan);

    public sealed record SharedLine(object Number, string Plan);

    // ---- what partners receive ----

    public sealed record PartnerSubscriber(string Token, string Region, string BirthBand, Gender Gender, string? Plan);

    public sealed class ContactBlock
    {
        public string? Phone { get; set; }

        public string? Mail { get; set; }
    }

    /// <summary>A richer export: a nested object, a list and a dictionary, as JSON-minded teams write them.</summary>
    public sealed class SubscriberExport
    {
        public string Reference { get; set; } = "";

        public ContactBlock Contact { get; set; } = new ContactBlock();

        public List<string> Devices { get; set; } = new List<string>();

        public Dictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

        public string? Notes { get; set; }
    }

    public sealed record Demographics(string Area, string Birth, Gender Gender, string? Plan);

    public sealed record PartnerEvent(string Token, string Place, string Time);

    /// <summary>A connection log line as a partner sees it.</summary>
    public sealed record ConnectionRow(string Token, string Network, string Plan);
}
