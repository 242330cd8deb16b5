namespace Autri.Infra.Tests.Connectors.ApiKeys;

/// <summary>A clock the test moves by hand, starting at the real time so rows written with now() agree with it.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
