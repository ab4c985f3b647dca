namespace Violations;

internal static class ThroughHelpers
{
    public static void Share(CallRecord call)
    {
        Forward(call.CalleeNumber); // expect: MIN001 (call-chain)
    }

    private static void Forward(string number) => Publish(Normalize(number));

    private static string Normalize(string number) => number.Replace(" ", string.Empty);

    private static void Publish(string value) => UsGateway.Send(value);
}
