using System;

namespace Violations;

internal static class ThroughLambda
{
    public static void Share(CallRecord call)
    {
        Func<string> caller = () => call.CallerNumber;
        UkGateway.Send(caller()); // expect: MIN001 (lambda)
    }
}
