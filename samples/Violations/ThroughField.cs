namespace Violations;

internal sealed class ThroughField
{
    private string _lastTower = "";

    public void Observe(CallRecord call) => _lastTower = call.TowerId;

    public void Flush() => UkGateway.Send(_lastTower); // expect: MIN001 (field)
}
