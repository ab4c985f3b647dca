namespace Violations;

internal static class ThroughInterpolation
{
    public static void Share(MailHeader header)
    {
        UsGateway.Send($"{header.SentAt:yyyy-MM-dd} from {header.ClientIp}"); // expect: MIN001 (interpolation)
    }
}
