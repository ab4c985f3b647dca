using System.Threading.Tasks;

namespace Violations;

internal static class ThroughAsync
{
    public static async Task ShareAsync(MailHeader header)
    {
        string sender = await LookUpAsync(header);
        UsGateway.Send(sender); // expect: MIN001 (async)
    }

    private static async Task<string> LookUpAsync(MailHeader header)
    {
        await Task.Yield();
        return header.From.ToLowerInvariant();
    }
}
