using System.Diagnostics.CodeAnalysis;

namespace Violations;

// Two leaks someone switched off: the build stays silent on both, and `minimization audit` lists both with the
// suppression that hides them. The first is justified; the second is not, and the audit flags it.
internal static class Suppressed
{
    [SuppressMessage("Minimization", "MIN001:Identity reaches a partner without minimization", Justification = "Tower outage reports: the UK operator owns these towers and receives their ids under contract CT-2026-14")]
    public static void ReportOutage(CallRecord call) => UkGateway.Send(call.TowerId);

    public static void Escalate(MailHeader header)
    {
#pragma warning disable MIN001
        UsGateway.Send(header.From); // expect-previous-line: MIN013 (unjustified-suppression)
#pragma warning restore MIN001
    }
}
