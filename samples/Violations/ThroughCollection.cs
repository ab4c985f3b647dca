using System.Collections.Generic;

namespace Violations;

internal static class ThroughCollection
{
    public static void Share(CallRecord call)
    {
        var row = new Dictionary<string, string>
        {
            ["region"] = call.Region,
            ["callee"] = call.CalleeNumber,
        };
        UkGateway.Send(row["region"]); // expect: MIN001 (collection)
    }
}
