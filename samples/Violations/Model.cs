using System;
using Minimization;

namespace Violations;

internal sealed class CallRecord
{
    [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";

    [IdentityBearing(IdentityCategory.Phone)] public string CalleeNumber { get; set; } = "";

    [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; set; } = "";

    public string Region { get; set; } = "";

    public int DurationSeconds { get; set; }
}

internal sealed class MailHeader
{
    [IdentityBearing(IdentityCategory.Email)] public string From { get; set; } = "";

    [IdentityBearing(IdentityCategory.IpAddress)] public string ClientIp { get; set; } = "";

    public DateTime SentAt { get; set; }
}

internal static class UkGateway
{
    [PartnerShare("UK")]
    public static void Send(object payload) => Console.WriteLine(payload);
}

internal static class UsGateway
{
    [PartnerShare("US")]
    public static void Send(string line) => Console.WriteLine(line);
}
