namespace Autri.Infra.Connectors.McpAccess;

/// <summary>
/// What the MCP server needs to know about a connector to let it call: its kind and client (whose tokens speak for it),
/// its library, and whether it still may (revoked, expiry, and whether its owner is still invited to the beta).
/// </summary>
public sealed record ConnectorAccess(Guid Id, Guid OrgId, Guid LibraryId, ConnectorKind Kind, string? ClientId, bool Revoked, DateTimeOffset? ExpiresAt,
    bool OwnerInvited)
{
    public ConnectorStatus StatusAt(DateTimeOffset now) => ConnectorStatuses.Of(Revoked, ExpiresAt, OwnerInvited, now);
}
