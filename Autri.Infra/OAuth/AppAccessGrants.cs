using Autri.Infra.Allowlist;
using Autri.Infra.Connectors;
using Microsoft.EntityFrameworkCore.Storage;

namespace Autri.Infra.OAuth;

/// <summary>A live app-access connector and the OpenIddict authorization its tokens belong to.</summary>
public sealed record AppAccessGrant(Guid ConnectorId, string ConnectorName, Guid LibraryId, string LibraryName, Guid AuthorizationId);

/// <summary>What a consent asks for: the client (its client_id and OpenIddict application id), a name, a library, the scopes.</summary>
public sealed record NewAppAccess(string ClientId, string ApplicationId, string ClientName, Guid LibraryId, IReadOnlyCollection<string> Scopes);

/// <summary>Either the grant a consent created or the problem that stopped it (then nothing was created).</summary>
public sealed record NewAppAccessResult(AppAccessGrant? Grant, FieldProblem? Problem);

/// <summary>
/// The connectors consents create (kind app_access). A consent makes, in one transaction on the OAuth stores'
/// connection, the OpenIddict authorization and the connector bound to it, plus the audit row: either all three
/// exist or none. Scoped: it shares the request's <see cref="OAuthDbContext"/> with OpenIddict's managers.
/// </summary>
public sealed class AppAccessGrants(OAuthDbContext ef, IOpenIddictAuthorizationManager authorizations, NpgsqlDataSource db, ConnectorOptions options,
    TimeProvider clock, ILogger<AppAccessGrants> log)
{
    private const string LiveGrant = """
        SELECT c.id AS ConnectorId, c.name AS ConnectorName, c.library_id AS LibraryId, l.name AS LibraryName, c.oauth_authorization_id AS AuthorizationId
        FROM connectors c
        JOIN libraries l ON l.id = c.library_id
        JOIN oauth_authorizations a ON a.id = c.oauth_authorization_id
        WHERE c.kind = 'app_access' AND c.revoked_at IS NULL AND a.status = 'valid'
        """;

    /// <summary>The user's newest live connector for this client, which a new consent may reuse.</summary>
    public async Task<AppAccessGrant?> FindLiveAsync(Guid userId, string clientId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<AppAccessGrant>(new CommandDefinition(
            LiveGrant + " AND c.created_by = @userId AND c.oauth_client_id = @clientId ORDER BY c.created_at DESC",
            new { userId, clientId }, cancellationToken: ct));
    }

    /// <summary>One of the user's live grants by connector id (a consent that chose "reuse"), else null.</summary>
    public async Task<AppAccessGrant?> FindLiveAsync(Guid userId, string clientId, Guid connectorId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<AppAccessGrant>(new CommandDefinition(
            LiveGrant + " AND c.created_by = @userId AND c.oauth_client_id = @clientId AND c.id = @connectorId",
            new { userId, clientId, connectorId }, cancellationToken: ct));
    }

    public async Task<NewAppAccessResult> CreateAsync(Actor actor, NewAppAccess grant, CancellationToken ct)
    {
        await using var tx = await ef.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)ef.Database.GetDbConnection();
        var sqlTx = (NpgsqlTransaction)tx.GetDbTransaction();
        // The same per-user lock as ConnectorCreator: the limit check and the name choice see every creation.
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('autri.connectors.create:' || @userId::text, 0))", new { userId = actor.UserId }, sqlTx, cancellationToken: ct));
        if (!ConnectorLimit.AllowsAnother(await ConnectorStore.LiveCountAsync(conn, sqlTx, actor.UserId, ct), options.MaxPerUser))
            return new(null, new(ConnectorFields.Form, ConnectorLimit.Message(options.MaxPerUser)));
        if (!await ConnectorCreator.HasLibraryAccessAsync(conn, sqlTx, actor.UserId, grant.LibraryId, ct))
            return new(null, new(ConnectorFields.Library, "Choose one of your libraries."));
        var name = await FreeNameAsync(conn, sqlTx, actor.OrgId, grant.ClientName, ct);

        var connectorId = Guid.CreateVersion7();
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = grant.ApplicationId,
            CreationDate = clock.GetUtcNow(),
            Status = OpenIddictConstants.Statuses.Valid,
            Subject = actor.UserId.ToString(),
            Type = OpenIddictConstants.AuthorizationTypes.Permanent,
        };
        descriptor.Scopes.UnionWith(grant.Scopes);
        descriptor.Properties[OAuthClaims.ConnectorId] = JsonSerializer.SerializeToElement(connectorId.ToString());
        var authorization = await authorizations.CreateAsync(descriptor, ct);
        var authorizationId = Guid.Parse((await authorizations.GetIdAsync(authorization, ct))!);

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, oauth_client_id, oauth_authorization_id)
            VALUES (@connectorId, @orgId, @userId, @libraryId, @name, 'app_access', @clientId, @authorizationId)
            """, new { connectorId, orgId = actor.OrgId, userId = actor.UserId, libraryId = grant.LibraryId, name, clientId = grant.ClientId, authorizationId },
            sqlTx, cancellationToken: ct));
        await ConnectorAudit.WriteAsync(conn, sqlTx, actor.Email, ConnectorAudit.Create, connectorId, new Dictionary<string, object?>
        {
            ["connector_id"] = connectorId, ["name"] = name, ["kind"] = ConnectorKind.AppAccess.ToDb(), ["library_id"] = grant.LibraryId,
            ["oauth_client_id"] = grant.ClientId, ["oauth_authorization_id"] = authorizationId, ["scopes"] = grant.Scopes,
        }, ct);
        await tx.CommitAsync(ct);

        var library = await conn.ExecuteScalarAsync<string>(new CommandDefinition("SELECT name FROM libraries WHERE id = @id", new { id = grant.LibraryId }, cancellationToken: ct));
        log.LogInformation(new EventId(30, "connector_created"), "Connector {connector_id} (app_access, client {client_id}) created by {user_id}", connectorId, grant.ClientId, actor.UserId);
        return new(new AppAccessGrant(connectorId, name, grant.LibraryId, library ?? "", authorizationId), null);
    }

    /// <summary>
    /// At a code exchange or refresh: the connector's status by the one liveness rule (revoked, expired, its owner no
    /// longer invited), null when it is gone or not an app-access connector. A live one has its use recorded, so the
    /// Connectors page shows when the client last refreshed.
    /// </summary>
    public async Task<ConnectorStatus?> StatusForTokenAsync(Guid connectorId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition($"""
            SELECT c.revoked_at IS NOT NULL AS Revoked, c.expires_at AS ExpiresAt, {OwnerSuspensions.OwnerInvited} AS OwnerInvited
            FROM connectors c WHERE c.id = @connectorId AND c.kind = 'app_access'
            """, new { connectorId }, cancellationToken: ct));
        if (row is null) return null;
        var status = ConnectorStatuses.Of(row.Revoked, row.ExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null,
            row.OwnerInvited, clock.GetUtcNow());
        if (status == ConnectorStatus.Live)
            await conn.ExecuteAsync(new CommandDefinition("UPDATE connectors SET last_used_at = now() WHERE id = @connectorId", new { connectorId }, cancellationToken: ct));
        return status;
    }

    private sealed class GrantRow
    {
        public bool Revoked { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public bool OwnerInvited { get; init; }
    }

    /// <summary>Who the audit row names when the server itself revoked a grant (audit_events' actor for the system).</summary>
    public const string ServerActor = "system";

    /// <summary>The audit reason of a grant ended because a used refresh token came back.</summary>
    public const string ReuseReason = "refresh_token_reuse";

    /// <summary>
    /// A used refresh token came back: ends the whole grant in one transaction (the connector marked revoked with a
    /// connector.revoke audit row giving the reason, the authorization and every token of it revoked). Returns the
    /// connector, or null when it was already revoked or the authorization has none.
    /// </summary>
    public async Task<Guid?> RevokeAfterReuseAsync(Guid authorizationId, string? clientId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var connector = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Name, string OwnerEmail)?>(new CommandDefinition("""
            UPDATE connectors c SET revoked_at = now()
            FROM users u
            WHERE c.oauth_authorization_id = @authorizationId AND c.revoked_at IS NULL AND u.id = c.created_by
            RETURNING c.id, c.name, u.email
            """, new { authorizationId }, tx, cancellationToken: ct));
        if (connector is { } c)
        {
            await ConnectorAudit.WriteAsync(conn, tx, ServerActor, ConnectorAudit.Revoke, c.Id, new Dictionary<string, object?>
            {
                ["connector_id"] = c.Id, ["name"] = c.Name, ["kind"] = ConnectorKind.AppAccess.ToDb(), ["owner"] = c.OwnerEmail, ["by_admin"] = false,
                ["client_id"] = clientId, ["reason"] = ReuseReason, ["oauth_authorization_id"] = authorizationId,
            }, ct);
        }
        await RevokeAuthorizationAsync(conn, tx, authorizationId);
        await tx.CommitAsync(ct);
        return connector?.Id;
    }

    /// <summary>
    /// Revokes the grant with the connector, in the revocation's transaction: the authorization and every token of it
    /// (what OpenIddict's TryRevokeAsync and RevokeByAuthorizationIdAsync write). New concurrency tokens make any
    /// refresh in flight fail its own update instead of overwriting the revocation.
    /// </summary>
    internal static async Task RevokeAuthorizationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid authorizationId)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE oauth_authorizations SET status = @revoked, concurrency_token = gen_random_uuid()::text WHERE id = @authorizationId;
            UPDATE oauth_tokens SET status = @revoked, concurrency_token = gen_random_uuid()::text
            WHERE authorization_id = @authorizationId AND status IS DISTINCT FROM @revoked;
            """, new { authorizationId, revoked = OpenIddictConstants.Statuses.Revoked }, tx));
    }

    private static async Task<string> FreeNameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid orgId, string clientName, CancellationToken ct)
    {
        var baseName = ConnectorName.FromClientName(clientName, "App access");
        for (var n = 1; ; n++)
        {
            var name = ConnectorName.Numbered(baseName, n);
            if (!await ConnectorCreator.NameTakenAsync(conn, tx, orgId, name, ct)) return name;
        }
    }
}
