namespace Violations;

internal static class ThroughLocal
{
    public static void Share(MailHeader header)
    {
        string sender = header.From;
        string copy = sender;
        UsGateway.Send(copy); // expect: MIN001 (local)
    }
}
