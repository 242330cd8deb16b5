using Autri.Infra.Connectors.ApiKeys;

namespace Autri.Mcp.Tests.Support;

/// <summary>
/// One test's own user, personal org, KB and library (KB in library), and the connectors it makes. OAuth connectors
/// are made the way the portal's connector flow makes them locally: a connector id, a client registered at the dev
/// IdP by RFC 7591 with that connector_id, the connectors row with the client id, then client_credentials tokens.
/// </summary>
public sealed class Tenant
{
    private static readonly HttpClient Http = new();
    private readonly McpStack _stack;

    private Tenant(McpStack stack, Guid userId, Guid orgId, Guid libraryId, Guid kbId)
    {
        _stack = stack;
        UserId = userId;
        OrgId = orgId;
        LibraryId = libraryId;
        KbId = kbId;
    }

    public Guid UserId { get; }

    public Guid OrgId { get; }

    public Guid LibraryId { get; }

    public Guid KbId { get; }

    public static async Task<Tenant> CreateAsync(McpStack stack)
    {
        var t = new Tenant(stack, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var cmd = stack.Db.CreateCommand("""
            INSERT INTO users (id, subject, email) VALUES (@user, 'sub-' || @user::text, @user::text || '@example.test');
            INSERT INTO orgs (id, name, personal_of) VALUES (@org, 'Org ' || @org::text, @user);
            INSERT INTO org_members (org_id, user_id, role) VALUES (@org, @user, 'owner');
            INSERT INTO libraries (id, org_id, name) VALUES (@library, @org, 'Personal');
            INSERT INTO kbs (id, org_id, name) VALUES (@kb, @org, 'Personal');
            INSERT INTO library_kbs (library_id, kb_id) VALUES (@library, @kb);
            """);
        cmd.Parameters.AddWithValue("user", t.UserId);
        cmd.Parameters.AddWithValue("org", t.OrgId);
        cmd.Parameters.AddWithValue("library", t.LibraryId);
        cmd.Parameters.AddWithValue("kb", t.KbId);
        await cmd.ExecuteNonQueryAsync();
        return t;
    }

    public Task<IReadOnlyList<Guid>> AddDocumentsAsync(params NewDocument[] documents) =>
        new DocumentWriter(_stack.Db).AddAsync(KbId, documents);

    public async Task<OAuthConnector> NewOAuthConnectorAsync(string name = "Claude Desktop")
    {
        var connectorId = Guid.CreateVersion7();
        using var register = new HttpRequestMessage(HttpMethod.Post, _stack.Idp.Issuer + "/reg")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["client_name"] = name,
                ["grant_types"] = new[] { "client_credentials" },
                ["response_types"] = Array.Empty<string>(),
                ["token_endpoint_auth_method"] = "client_secret_basic",
                ["scope"] = "mcp.invoke",
                ["connector_id"] = connectorId.ToString(),
            }),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevIdentityProvider.RegistrationToken);
        using var registered = await Http.SendAsync(register);
        var body = await registered.Content.ReadAsStringAsync();
        Assert.True(registered.IsSuccessStatusCode, "registration failed: " + body);
        using var json = JsonDocument.Parse(body);
        var clientId = json.RootElement.GetProperty("client_id").GetString()!;
        var secret = json.RootElement.GetProperty("client_secret").GetString()!;

        await _stack.Db.ExecAsync("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, client_id)
            VALUES ($1, $2, $3, $4, $5, 'oauth_client', $6)
            """, connectorId, OrgId, UserId, LibraryId, name + " " + connectorId.ToString("N")[..6], clientId);
        return new OAuthConnector(connectorId, clientId, secret, _stack.Idp.Issuer);
    }

    /// <summary>
    /// An app-access connector as the portal's consent makes it: an OpenIddict client and authorization for this
    /// user, the connector bound to both. Tokens for it come from a <see cref="TestIssuer"/> standing in for the portal.
    /// </summary>
    public async Task<AppAccessConnector> NewAppAccessConnectorAsync(string clientId = "autri-test-client", string name = "Claude")
    {
        var connectorId = Guid.CreateVersion7();
        var authorizationId = Guid.CreateVersion7();
        await _stack.Db.ExecAsync("""
            INSERT INTO oauth_applications (id, client_id, client_type) VALUES ($1, $2, 'public') ON CONFLICT DO NOTHING
            """, Guid.CreateVersion7(), clientId);
        await _stack.Db.ExecAsync("""
            INSERT INTO oauth_authorizations (id, application_id, status, subject, type, creation_date)
            SELECT $1, id, 'valid', $2, 'permanent', now() FROM oauth_applications WHERE client_id = $3
            """, authorizationId, UserId.ToString(), clientId);
        await _stack.Db.ExecAsync("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, oauth_client_id, oauth_authorization_id)
            VALUES ($1, $2, $3, $4, $5, 'app_access', $6, $7)
            """, connectorId, OrgId, UserId, LibraryId, name + " " + connectorId.ToString("N")[..6], clientId, authorizationId);
        return new AppAccessConnector(connectorId, clientId, UserId);
    }

    public async Task<IssuedApiKey> NewApiKeyConnectorAsync(string name = "API key")
    {
        // Issued as the portal issues them, with the server's pepper, but over the test's owner login: the server's own
        // role may not create connectors.
        var services = _stack.Services;
        var issuer = new ApiKeyIssuer(_stack.Db, services.GetRequiredService<ApiKeyHasher>(), services.GetRequiredService<ApiKeyCache>(),
            services.GetRequiredService<TimeProvider>());
        return await issuer.IssueAsync(new NewApiKeyConnector(OrgId, UserId, LibraryId, name + " " + Guid.NewGuid().ToString("N")[..6]));
    }

    public Task RevokeAsync(Guid connectorId) =>
        _stack.Db.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", connectorId);
}

/// <summary>An app-access connector: what a portal access token names (client_id, connector_id, sub).</summary>
public sealed record AppAccessConnector(Guid Id, string ClientId, Guid UserId)
{
    /// <summary>The claims of a portal access token for this connector (Autri.Portal/Features/OAuth/README.md), for <see cref="TestIssuer.Mint"/>.</summary>
    public Dictionary<string, object?> PortalClaims(string audience) => new()
    {
        ["sub"] = UserId.ToString(),
        ["aud"] = audience,
        ["scope"] = "mcp.invoke offline_access",
        ["client_id"] = ClientId,
        ["connector_id"] = Id.ToString(),
        ["jti"] = Guid.NewGuid().ToString(),
    };
}

public sealed record OAuthConnector(Guid Id, string ClientId, string ClientSecret, string Issuer)
{
    private static readonly HttpClient Http = new();

    /// <summary>client_credentials at the dev IdP's token endpoint, as "Mint token" in the portal does.</summary>
    public async Task<string> MintTokenAsync(string? scope = "mcp.invoke")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null) form["scope"] = scope;
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(ClientSecret))));
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, "token request failed: " + body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}

public static class DbExtensions
{
    public static async Task ExecAsync(this NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
