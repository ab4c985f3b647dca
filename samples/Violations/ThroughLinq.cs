using System.Collections.Generic;
using System.Linq;

namespace Violations;

internal static class ThroughLinq
{
    public static void Share(IEnumerable<CallRecord> calls)
    {
        List<string> callers = calls.Where(c => c.DurationSeconds > 60).Select(c => c.CallerNumber).ToList();
        UkGateway.Send(callers); // expect: MIN001 (linq)
    }
}
