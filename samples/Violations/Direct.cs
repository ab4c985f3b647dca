namespace Violations;

internal static class Direct
{
    public static void Share(CallRecord call)
    {
        UkGateway.Send(call.CallerNumber); // expect: MIN001 (direct)
        UkGateway.Send(Minimizers.Token(call.CallerNumber));
        UkGateway.Send(call.DurationSeconds);
    }
}
