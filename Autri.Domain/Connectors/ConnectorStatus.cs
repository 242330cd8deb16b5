namespace Autri.Domain.Connectors;

/// <summary>Whether a connector may call the MCP server now, and if not, why.</summary>
public enum ConnectorStatus
{
    Live,
    Revoked,
    Expired,
}

/// <summary>
/// The one rule for "is this connector live": the MCP server, the API-key verifier, the pre-token trigger and the
/// pages all ask it, so a connector is never live in one place and refused in another.
/// </summary>
public static class ConnectorStatuses
{
    /// <summary>Revoked wins over expired: it is the deliberate act, and the reason an operator looks for.</summary>
    public static ConnectorStatus Of(bool revoked, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        revoked ? ConnectorStatus.Revoked
        : expiresAt is { } e && e <= now ? ConnectorStatus.Expired
        : ConnectorStatus.Live;

    public static string Label(this ConnectorStatus status) => status switch
    {
        ConnectorStatus.Live => "Active",
        ConnectorStatus.Revoked => "Revoked",
        ConnectorStatus.Expired => "Expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
