namespace Autri.Domain.Connectors;

/// <summary>Whether a connector may call the MCP server now, and if not, why.</summary>
public enum ConnectorStatus
{
    Live,
    Revoked,
    Expired,
    /// <summary>Its owner is no longer invited to the beta (and is no admin): refused, nothing deleted; re-inviting restores it.</summary>
    Suspended,
}

/// <summary>
/// The one rule for "is this connector live": the MCP server, the API-key verifier, the pre-token trigger, the OAuth
/// token endpoint and the pages all ask it, so a connector is never live in one place and refused in another.
/// </summary>
public static class ConnectorStatuses
{
    /// <summary>
    /// Revoked wins over expired: it is the deliberate act, and the reason an operator looks for. Both win over
    /// suspended, because re-inviting the owner lifts a suspension and restores neither.
    /// </summary>
    /// <param name="ownerInvited">The connector's owner is admitted to the beta now (<see cref="Allowlist.BetaAllowlist.Admits"/>).</param>
    public static ConnectorStatus Of(bool revoked, DateTimeOffset? expiresAt, bool ownerInvited, DateTimeOffset now) =>
        revoked ? ConnectorStatus.Revoked
        : expiresAt is { } e && e <= now ? ConnectorStatus.Expired
        : !ownerInvited ? ConnectorStatus.Suspended
        : ConnectorStatus.Live;

    public static string Label(this ConnectorStatus status) => status switch
    {
        ConnectorStatus.Live => "Active",
        ConnectorStatus.Revoked => "Revoked",
        ConnectorStatus.Expired => "Expired",
        ConnectorStatus.Suspended => "Suspended",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
