namespace Autri.Coordination.Fleet;

/// <summary>One deployment on the fleet page: who it is, what its last heartbeat said, and what needs a look.</summary>
public sealed record FleetRow(
    Guid Id,
    string CustomerId,
    string Label,
    DateTimeOffset LicenceExpiresAt,
    LicenceStanding Licence,
    DateTimeOffset? LastHeartbeatAt,
    Heartbeat? LastHeartbeat,
    bool Stale,
    int DiagnosticsUploads,
    Guid? LatestUpload);
