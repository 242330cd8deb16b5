using Autri.Infra.Allowlist;

namespace Autri.Infra.Connectors;

/// <summary>
/// Reads connectors. Every user-facing query is scoped by org id, so another org's connector looks exactly
/// like a missing one; the admin queries say so in their names.
/// </summary>
public sealed class ConnectorStore(NpgsqlDataSource db)
{
    // ClientId: an OAuth connector's client at the IdP, or the app an app-access connector was granted to.
    // Last use: an API key's verifier and an app-access refresh write connectors.last_used_at; the MCP server logs every call
    // (OAuth ones included) in mcp_audit_log. GREATEST ignores NULLs.
    // OwnerInvited: the one liveness rule's input from the allowlist mirror (a suspended owner's connectors show as such).
    private const string Select = $"""
        SELECT c.id, c.org_id AS OrgId, c.name, c.kind, c.library_id AS LibraryId, l.name AS LibraryName,
               c.created_by AS CreatedBy, u.email AS OwnerEmail,
               CASE WHEN c.client_id LIKE 'pending:%' THEN NULL ELSE COALESCE(c.client_id, c.oauth_client_id) END AS ClientId,
               c.key_prefix AS KeyPrefix, c.created_at AS CreatedAt, c.expires_at AS ExpiresAt, c.revoked_at AS RevokedAt,
               GREATEST(c.last_used_at, (SELECT max(a.at) FROM mcp_audit_log a WHERE a.connector_id = c.id)) AS LastUsedAt,
               {OwnerSuspensions.OwnerInvited} AS OwnerInvited
        FROM connectors c
        JOIN libraries l ON l.id = c.library_id
        JOIN users u ON u.id = c.created_by
        """;

    public async Task<IReadOnlyList<ConnectorSummary>> ListForOrgAsync(Guid orgId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE c.org_id = @orgId ORDER BY c.revoked_at IS NOT NULL, c.created_at DESC", new { orgId }, cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<ConnectorSummary?> FindInOrgAsync(Guid orgId, Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE c.org_id = @orgId AND c.id = @id", new { orgId, id }, cancellationToken: ct));
        return row?.ToSummary();
    }

    /// <summary>Who revoked a connector and why (the newest connector.revoke audit row), or null if it was never revoked.</summary>
    public async Task<ConnectorRevocation?> RevocationAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<ConnectorRevocation>(new CommandDefinition("""
            SELECT actor AS Actor, details->>'reason' AS Reason FROM audit_events
            WHERE action = @action AND target = @target ORDER BY at DESC, id DESC
            """, new { action = ConnectorAudit.Revoke, target = "connector:" + id }, cancellationToken: ct));
    }

    public async Task<bool> ExistsInOrgAsync(Guid orgId, Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM connectors WHERE org_id = @orgId AND id = @id)", new { orgId, id }, cancellationToken: ct));
    }

    /// <summary>Admin view: every org's connectors, live ones first.</summary>
    public async Task<IReadOnlyList<ConnectorSummary>> ListAllForAdminAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(
            Select + " ORDER BY c.revoked_at IS NOT NULL, c.created_at DESC", cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<ConnectorSummary?> FindForAdminAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE c.id = @id", new { id }, cancellationToken: ct));
        return row?.ToSummary();
    }

    /// <summary>The libraries the user has access to (library_access), by name.</summary>
    public async Task<IReadOnlyList<LibraryChoice>> LibrariesForAsync(Guid userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<LibraryChoice>(new CommandDefinition("""
            SELECT l.id, l.name FROM library_access a JOIN libraries l ON l.id = a.library_id
            WHERE a.user_id = @userId ORDER BY l.name, l.id
            """, new { userId }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The user's connectors that count against the per-user limit: not revoked, not expired.</summary>
    public async Task<int> LiveCountAsync(Guid userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await LiveCountAsync(conn, null, userId, ct);
    }

    internal static Task<int> LiveCountAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid userId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*)::int FROM connectors
            WHERE created_by = @userId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
            """, new { userId }, tx, cancellationToken: ct));

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid OrgId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public Guid LibraryId { get; init; }
        public string LibraryName { get; init; } = "";
        public Guid CreatedBy { get; init; }
        public string OwnerEmail { get; init; } = "";
        public string? ClientId { get; init; }
        public string? KeyPrefix { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public DateTime? RevokedAt { get; init; }
        public DateTime? LastUsedAt { get; init; }
        public bool OwnerInvited { get; init; }

        public ConnectorSummary ToSummary() => new(Id, OrgId, Name, ConnectorKinds.FromDb(Kind), LibraryId, LibraryName, CreatedBy, OwnerEmail,
            ClientId, KeyPrefix, CreatedAt, ExpiresAt, RevokedAt, LastUsedAt, OwnerInvited);
    }
}
