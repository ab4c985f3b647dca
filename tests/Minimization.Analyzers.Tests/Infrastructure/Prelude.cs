namespace Minimization.Analyzers.Tests
{
    /// <summary>Types a telecom team would have: records that carry identity, partner gateways, minimizers.</summary>
    public static class Prelude
    {
        public const string Source = """
using System;
using System.Collections.Generic;
using Minimization;

namespace Telecom
{
    public sealed class CallRecord
    {
        [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";
        [IdentityBearing(IdentityCategory.Phone)] public string CalleeNumber { get; set; } = "";
        [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; set; } = "";
        public int DurationSeconds { get; set; }
        public string Region { get; set; } = "";
        public DateTime StartedAt { get; set; }
    }

    [IdentityBearing]
    public sealed class Subscriber
    {
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        [NonIdentifying] public int SchemaVersion { get; set; }
        [NonIdentifying] public string Plan { get; set; } = "";
    }

    [IdentityBearing(IdentityCategory.Email)]
    public interface IEmailHeader
    {
        string From { get; }
        [NonIdentifying] int SizeBytes { get; }
    }

    public sealed class EmailHeader : IEmailHeader
    {
        public string From { get; set; } = "";
        public int SizeBytes { get; set; }
        public string Subject { get; set; } = "";
    }

    public sealed class SharedCall
    {
        public string Token { get; set; } = "";
        public string Region { get; set; } = "";
        public int DurationSeconds { get; set; }
    }

    public static class PartnerGateway
    {
        [PartnerShare("UK")] public static void Send(object payload) { }
        [PartnerShare("US")] public static void SendAll(params object[] payloads) { }
        public static void Log(string message) { }
        public static void Route(string partner, [PartnerShare] string payload) { }
    }

    public interface IPartnerChannel
    {
        [PartnerShare("AU")] void Publish(string payload);
    }

    public sealed class PartnerFeed
    {
        [PartnerShare("NZ")] public string? Payload { get; set; }
        public string? Note { get; set; }
    }

    public static class Minimizers
    {
        [Minimizer] public static string Pseudonymize(string value, string partner) => "token";
        [Minimizer] public static SharedCall Minimize(CallRecord record) => new SharedCall { Region = record.Region };
    }
}
""";
    }
}
