namespace Autri.Infra.Connectors;

/// <summary>
/// Creates connectors so that nothing is ever half-created. For an OAuth connector:
/// <list type="number">
/// <item>in one transaction, under a per-user lock: check the limit, the library and the name, and insert
/// the row with a placeholder client id (the row is invisible to others until commit);</item>
/// <item>register the client; if that fails, roll back: no row;</item>
/// <item>store the client id and the encrypted delete handle, write the audit row, commit;</item>
/// <item>if anything after registration fails, delete the client again, unless the row did commit.</item>
/// </list>
/// An API-key connector is one transaction: the row, its first key and the audit row.
/// </summary>
public sealed class ConnectorCreator(
    NpgsqlDataSource db,
    IClientRegistry registry,
    ApiKeyIssuer apiKeys,
    RegistrationHandleProtector handles,
    ConnectorOptions options,
    TimeProvider clock,
    ILogger<ConnectorCreator> log)
{
    /// <summary>Where no connector kind is offered (behind AgentCore): the one way in, said on the page and on a post.</summary>
    public const string ConnectByUrl =
        "This deployment connects assistants by URL: add the MCP server's URL in Claude (or any MCP client), sign in and approve; a connector is created for you. See Connect help.";

    public async Task<CreateResult> CreateAsync(Actor actor, ConnectorDraft draft, CancellationToken ct)
    {
        var name = ConnectorName.Normalize(draft.Name);
        var problems = new List<FieldProblem>();
        if (ConnectorName.Problem(name) is { } nameProblem) problems.Add(new(ConnectorFields.Name, nameProblem));
        if (draft.LibraryId is null) problems.Add(new(ConnectorFields.Library, "Choose the library this connector may read."));
        if (options.ConnectByUrlOnly)
            return CreateResult.Failed(new(ConnectorFields.Form, ConnectByUrl));
        if (!ConnectorKinds.TryParseForm(draft.Kind, out var kind)) problems.Add(new(ConnectorFields.Kind, options.ApiKeysEnabled && options.OAuthClientsEnabled ? "Choose a credential kind: OAuth client or API key." : options.ApiKeysEnabled ? "Choose API key." : "Choose OAuth client."));
        else if (kind == ConnectorKind.ApiKey && !options.ApiKeysEnabled)
            problems.Add(new(ConnectorFields.Kind, "API keys are not offered in this deployment: its MCP endpoint accepts OAuth tokens only. Choose OAuth client."));
        else if (kind == ConnectorKind.OAuthClient && !options.OAuthClientsEnabled)
            problems.Add(new(ConnectorFields.Kind, "OAuth client connectors are not offered in this deployment: its MCP endpoint accepts only the tokens of connecting by URL. Choose API key."));
        DateTimeOffset? expiresAt = null;
        if (kind == ConnectorKind.ApiKey && !ApiKeyLifetime.TryExpiry(draft.ApiKeyExpiry, clock.GetUtcNow(), out expiresAt))
            problems.Add(new(ConnectorFields.Expiry, "Choose one of the offered expiry periods."));
        if (problems.Count > 0) return new CreateResult(null, problems);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Serialises one person's creations so two at once cannot both pass the limit check.
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('autri.connectors.create:' || @userId::text, 0))", new { userId = actor.UserId }, tx, cancellationToken: ct));

        var live = await ConnectorStore.LiveCountAsync(conn, tx, actor.UserId, ct);
        if (!ConnectorLimit.AllowsAnother(live, options.MaxPerUser)) return CreateResult.Failed(new(ConnectorFields.Form, ConnectorLimit.Message(options.MaxPerUser)));
        if (!await HasLibraryAccessAsync(conn, tx, actor.UserId, draft.LibraryId!.Value, ct))
            return CreateResult.Failed(new(ConnectorFields.Library, "Choose one of your libraries."));
        if (await NameTakenAsync(conn, tx, actor.OrgId, name, ct)) return CreateResult.Failed(NameTaken(name));

        try
        {
            return kind == ConnectorKind.OAuthClient
                ? await CreateOAuthAsync(conn, tx, actor, name, draft.LibraryId.Value, ct)
                : await CreateApiKeyAsync(tx, actor, name, draft.LibraryId.Value, expiresAt, ct);
        }
        catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "connectors_org_name_live" })
        {
            // Another session took the name between our check and our insert.
            return CreateResult.Failed(NameTaken(name));
        }
    }

    private async Task<CreateResult> CreateOAuthAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Actor actor, string name, Guid libraryId, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, client_id)
            VALUES (@id, @orgId, @userId, @libraryId, @name, 'oauth_client', @pending || @id::text)
            """, new { id, orgId = actor.OrgId, userId = actor.UserId, libraryId, name, pending = ConnectorClientRule.PendingPrefix }, tx, cancellationToken: ct));

        RegisteredClient client;
        try
        {
            // Not cancellable by the request: a registration cut off half-way could leave a client we never hear of.
            client = await registry.RegisterAsync(id, CancellationToken.None);
        }
        catch (ClientRegistryException ex)
        {
            log.LogWarning(new EventId(10, "oauth_client_register_failed"), ex, "Registering the OAuth client of connector {connector_id} failed ({failure}); nothing was created",
                id, ex.Failure);
            return CreateResult.Failed(new(ConnectorFields.Form, ex.Message));
        }

        // From here the client exists at the IdP: finish without the request's token, so a closed browser
        // tab cannot stop us half-way, and undo the registration if the row does not commit.
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE connectors SET client_id = @clientId, registration_token_encrypted = @handle WHERE id = @id",
                new { id, clientId = client.ClientId, handle = handles.Protect(client.RegistrationHandle) }, tx));
            await ConnectorAudit.WriteAsync(conn, tx, actor.Email, ConnectorAudit.Create, id, new Dictionary<string, object?>
            {
                ["connector_id"] = id, ["name"] = name, ["kind"] = ConnectorKind.OAuthClient.ToDb(), ["library_id"] = libraryId, ["client_id"] = client.ClientId,
            }, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            await CompensateAsync(new ConnectorClientTarget(id, actor.OrgId, ConnectorKind.OAuthClient, client.ClientId, actor.OrgId), client, ex);
            throw;
        }

        log.LogInformation(new EventId(11, "connector_created"), "Connector {connector_id} (oauth_client, client {client_id}) created by {user_id}", id, client.ClientId, actor.UserId);
        return CreateResult.Created(new NewCredential(id, name, ConnectorKind.OAuthClient, client.ClientSecret, client.ClientId, null, null));
    }

    private async Task<CreateResult> CreateApiKeyAsync(NpgsqlTransaction tx, Actor actor, string name, Guid libraryId, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var issued = await apiKeys.IssueAsync(new NewApiKeyConnector(actor.OrgId, actor.UserId, libraryId, name, expiresAt), tx, ct);
        await ConnectorAudit.WriteAsync(tx.Connection!, tx, actor.Email, ConnectorAudit.Create, issued.ConnectorId, new Dictionary<string, object?>
        {
            ["connector_id"] = issued.ConnectorId, ["name"] = name, ["kind"] = ConnectorKind.ApiKey.ToDb(), ["library_id"] = libraryId,
            ["key_prefix"] = issued.DisplayPrefix, ["expires_at"] = expiresAt,
        }, ct);
        await tx.CommitAsync(ct);
        log.LogInformation(new EventId(11, "connector_created"), "Connector {connector_id} (api_key {key_prefix}) created by {user_id}", issued.ConnectorId, issued.DisplayPrefix, actor.UserId);
        return CreateResult.Created(new NewCredential(issued.ConnectorId, name, ConnectorKind.ApiKey, issued.Plaintext, null, issued.DisplayPrefix, expiresAt));
    }

    /// <summary>
    /// The row may or may not have committed (a commit can fail after the server applied it). Ask the
    /// database; delete the client unless the row is there with it. If the database cannot even answer,
    /// delete: a connector row whose client is gone is visible and revocable, an unknown client is not.
    /// </summary>
    private async Task CompensateAsync(ConnectorClientTarget target, RegisteredClient client, Exception cause)
    {
        var id = target.ConnectorId;
        bool committed;
        try
        {
            await using var conn = await db.OpenConnectionAsync();
            committed = await conn.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM connectors WHERE id = @id AND client_id = @clientId)", new { id, clientId = client.ClientId });
        }
        catch (NpgsqlException)
        {
            committed = false;
        }
        if (committed)
        {
            log.LogWarning(new EventId(12, "connector_commit_uncertain"), cause, "Connector {connector_id} committed although the commit reported an error; keeping client {client_id}", id, client.ClientId);
            return;
        }

        try
        {
            await registry.DeleteAsync(target, client.RegistrationHandle, CancellationToken.None);
            log.LogWarning(new EventId(13, "oauth_client_compensated"), cause, "Saving connector {connector_id} failed; deleted its OAuth client {client_id} again", id, client.ClientId);
        }
        catch (Exception deleteFailure)
        {
            log.LogError(new EventId(14, "oauth_client_orphaned"), deleteFailure,
                "Saving connector {connector_id} failed AND deleting its OAuth client {client_id} failed: delete that client at the IdP by hand", id, client.ClientId);
        }
    }

    private static FieldProblem NameTaken(string name) =>
        new(ConnectorFields.Name, $"You already have an active connector named \"{name}\". Choose another name, or revoke that one first.");

    internal static Task<bool> HasLibraryAccessAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid userId, Guid libraryId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM library_access WHERE user_id = @userId AND library_id = @libraryId)", new { userId, libraryId }, tx, cancellationToken: ct));

    internal static Task<bool> NameTakenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid orgId, string name, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM connectors WHERE org_id = @orgId AND lower(name) = lower(@name) AND revoked_at IS NULL)",
            new { orgId, name }, tx, cancellationToken: ct));
}
