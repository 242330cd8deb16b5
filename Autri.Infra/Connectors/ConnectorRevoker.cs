using Autri.Infra.OAuth;

namespace Autri.Infra.Connectors;

/// <summary>
/// Revokes a connector: an OAuth connector's client is deleted at the registry, an API-key connector is
/// marked revoked (the verifier folds the connector's revoked_at into every key), an app-access connector's
/// OpenIddict authorization and tokens are revoked with it. One transaction holds
/// the row locked while the client is deleted: if the registry fails, nothing changes and the user is told;
/// if the commit fails after the delete, a retry finds the client gone and completes.
/// </summary>
public sealed class ConnectorRevoker(
    NpgsqlDataSource db, IClientRegistry registry, RegistrationHandleProtector handles, ApiKeyVerifier verifier, ILogger<ConnectorRevoker> log)
{
    /// <summary>A user revokes one of their org's connectors; another org's is NotFound.</summary>
    public Task<RevokeResult> RevokeAsync(Actor actor, Guid connectorId, CancellationToken ct) =>
        RevokeCoreAsync(connectorId, actor.OrgId, actor.Email, byAdmin: false, ct);

    /// <summary>An administrator revokes any connector; the audit row names the admin as actor.</summary>
    public Task<RevokeResult> RevokeAsAdminAsync(string adminEmail, Guid connectorId, CancellationToken ct) =>
        RevokeCoreAsync(connectorId, null, adminEmail, byAdmin: true, ct);

    private async Task<RevokeResult> RevokeCoreAsync(Guid id, Guid? orgId, string actor, bool byAdmin, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT c.name, c.kind, c.org_id AS OrgId, c.client_id AS ClientId, c.registration_token_encrypted AS Handle, c.revoked_at IS NOT NULL AS Revoked,
                   u.email AS OwnerEmail, c.oauth_client_id AS OAuthClientId, c.oauth_authorization_id AS AuthorizationId
            FROM connectors c JOIN users u ON u.id = c.created_by
            WHERE c.id = @id AND (@orgId::uuid IS NULL OR c.org_id = @orgId)
            FOR UPDATE OF c
            """, new { id, orgId }, tx, cancellationToken: ct));
        if (row is null) return RevokeResult.NotFound;
        if (row.Revoked) return RevokeResult.AlreadyRevoked;

        var kind = ConnectorKinds.FromDb(row.Kind);
        await conn.ExecuteAsync(new CommandDefinition("UPDATE connectors SET revoked_at = now() WHERE id = @id", new { id }, tx, cancellationToken: ct));
        await ConnectorAudit.WriteAsync(conn, tx, actor, ConnectorAudit.Revoke, id, new Dictionary<string, object?>
        {
            ["connector_id"] = id, ["name"] = row.Name, ["kind"] = row.Kind, ["owner"] = row.OwnerEmail, ["by_admin"] = byAdmin,
            ["client_id"] = row.ClientId ?? row.OAuthClientId,
        }, ct);

        // App access: the grant ends with the connector, in this transaction, so a refresh is refused at once.
        if (kind == ConnectorKind.AppAccess) await AppAccessGrants.RevokeAuthorizationAsync(conn, tx, row.AuthorizationId!.Value);

        if (kind == ConnectorKind.OAuthClient)
        {
            try
            {
                // The row this transaction holds, and who acts: the registry refuses any client that is not this connector's.
                var target = new ConnectorClientTarget(id, row.OrgId, kind, row.ClientId!, orgId);
                await registry.DeleteAsync(target, handles.Unprotect(row.Handle), CancellationToken.None);
            }
            catch (ClientRegistryException ex)
            {
                log.LogWarning(new EventId(20, "oauth_client_delete_failed"), ex, "Deleting OAuth client {client_id} of connector {connector_id} failed ({failure}); the connector stays active",
                    row.ClientId, id, ex.Failure);
                return new RevokeResult(RevokeOutcome.Failed, ex.Message);
            }
        }
        await tx.CommitAsync(CancellationToken.None);
        if (kind == ConnectorKind.ApiKey) verifier.Invalidate(id);
        log.LogInformation(new EventId(21, "connector_revoked"), "Connector {connector_id} ({kind}) revoked{by}", id, row.Kind, byAdmin ? " by an administrator" : "");
        return RevokeResult.Revoked;
    }

    private sealed class Row
    {
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public Guid OrgId { get; init; }
        public string? ClientId { get; init; }
        public string? Handle { get; init; }
        public bool Revoked { get; init; }
        public string OwnerEmail { get; init; } = "";
        public string? OAuthClientId { get; init; }
        public Guid? AuthorizationId { get; init; }
    }
}
