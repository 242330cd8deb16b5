namespace Autri.Domain.Coordination;

/// <summary>
/// What the agent remembers while the coordination service cannot be reached: one tally, not a queue, so an outage of
/// any length costs constant memory and ends in one summary (<see cref="CatchUp"/>) instead of a flood.
/// </summary>
public sealed class CatchUpTally
{
    private int _missed, _portal, _mcp, _database;
    private DateTimeOffset _since, _until;

    public bool IsEmpty => _missed == 0;

    public void Missed(Heartbeat h)
    {
        if (_missed == 0) _since = h.SentAt;
        _until = h.SentAt;
        _missed = Math.Min(_missed + 1, HeartbeatRules.MaxCatchUp);
        if (h.Portal.Health != AppHealth.Ready) _portal = Math.Min(_portal + 1, _missed);
        if (h.Mcp.Health != AppHealth.Ready) _mcp = Math.Min(_mcp + 1, _missed);
        if (h.Database.Health != AppHealth.Ready) _database = Math.Min(_database + 1, _missed);
    }

    /// <summary>The summary to send with the next heartbeat, or null when nothing was missed.</summary>
    public CatchUp? Summary() => IsEmpty ? null : new CatchUp(_missed, _since, _until, _portal, _mcp, _database);

    /// <summary>The service accepted the summary.</summary>
    public void Clear() => _missed = _portal = _mcp = _database = 0;
}
