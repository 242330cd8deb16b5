namespace Autri.Mcp.Tests.Auth;

/// <summary>
/// Token shapes the dev IdP does not issue, from <see cref="TestIssuer"/> to a second server instance that trusts it:
/// Cognito's (no aud, resource-server scope, connector found by client_id) and each way a token can be wrong.
/// </summary>
[Collection(McpCollection.Name)]
public sealed class TokenShapeTests(McpStack stack) : IAsyncLifetime
{
    private const string CognitoScope = "https://mcp.autri.test/mcp.invoke";
    private TestIssuer _issuer = null!;
    private McpInstance _server = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _server = await stack.StartAnotherAsync(new Dictionary<string, string?>
        {
            ["Mcp:ClientCredentialsIssuer"] = _issuer.Url,
            ["Mcp:ClientCredentialsScope"] = CognitoScope,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private async Task<(Tenant Tenant, OAuthConnector Connector)> ConnectorAsync()
    {
        var tenant = await stack.NewTenantAsync();
        return (tenant, await tenant.NewOAuthConnectorAsync());
    }

    private Dictionary<string, object?> CognitoClaims(OAuthConnector c) => new()
    {
        ["sub"] = c.ClientId,
        ["client_id"] = c.ClientId,
        ["token_use"] = "access",
        ["scope"] = CognitoScope,
        ["connector_id"] = c.Id.ToString(),
    };

    private async Task<HttpResponseMessage> ListAsync(string token) => await _server.Mcp.PostAsync(_server.Mcp.Request("tools/list"), token);

    [Fact]
    public async Task A_cognito_shaped_token_with_the_resource_server_scope_is_accepted()
    {
        var (_, connector) = await ConnectorAsync();

        using var response = await ListAsync(_issuer.Mint(CognitoClaims(connector)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_connector_id_claim_the_connector_is_found_by_client_id()
    {
        var (tenant, connector) = await ConnectorAsync();
        await tenant.AddDocumentsAsync(new Autri.Infra.Documents.NewDocument("Capybara", null, "capybara"));
        var claims = CognitoClaims(connector);
        claims["connector_id"] = null;

        var result = await _server.Mcp.CallToolAsync(_issuer.Mint(claims), "search_documents", new { query = "capybara" });

        Assert.Equal(1, result.GetProperty("structuredContent").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_token_without_the_required_scope_gets_403_insufficient_scope()
    {
        var (_, connector) = await ConnectorAsync();
        var claims = CognitoClaims(connector);
        claims["scope"] = "mcp.invoke openid"; // the local scope name does not satisfy the production one

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains($"scope=\"{CognitoScope}\"", response.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>
    /// Cognito access tokens are bound by client_id and token_use=access, both required; an id token is refused however
    /// it arrives (it says token_use=id, names its client in aud and carries no client_id, or only some of these).
    /// </summary>
    public static TheoryData<string, string> UnboundTokens => new()
    {
        { "token_use id", "not an access token" },
        { "token_use missing", "not an access token" },
        { "token_use not a string", "not an access token" },
        { "client_id missing", "names no client" },
        { "client_id empty", "names no client" },
        { "aud is the client, as in an id token", "id token" },
        { "an id token as Cognito issues it", "not an access token" },
        { "an id token claiming token_use access", "id token" },
    };

    [Theory]
    [MemberData(nameof(UnboundTokens))]
    public async Task A_client_credentials_token_must_be_a_bound_access_token(string shape, string refusal)
    {
        var (_, connector) = await ConnectorAsync();
        var claims = CognitoClaims(connector);
        switch (shape)
        {
            case "token_use id": claims["token_use"] = "id"; break;
            case "token_use missing": claims["token_use"] = null; break;
            case "token_use not a string": claims["token_use"] = new[] { "access" }; break;
            case "client_id missing": claims["client_id"] = null; break;
            case "client_id empty": claims["client_id"] = ""; break;
            case "aud is the client, as in an id token": claims["aud"] = connector.ClientId; break;
            case "an id token as Cognito issues it":
                claims = new() { ["sub"] = Guid.NewGuid().ToString(), ["aud"] = connector.ClientId, ["token_use"] = "id", ["email"] = "someone@example.test",
                    ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["connector_id"] = connector.Id.ToString(), ["scope"] = CognitoScope };
                break;
            case "an id token claiming token_use access":
                claims["aud"] = connector.ClientId;
                claims["client_id"] = null;
                break;
            default: throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains(refusal, challenge);
    }

    [Fact]
    public async Task A_bound_access_token_with_an_aud_naming_this_server_is_accepted()
    {
        var (_, connector) = await ConnectorAsync();
        var claims = CognitoClaims(connector);
        claims["aud"] = new[] { stack.Url + "/mcp" };

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_and_one_for_this_resource_accepted()
    {
        var (_, connector) = await ConnectorAsync();
        var other = CognitoClaims(connector);
        other["aud"] = "https://other-resource.example";
        var ours = CognitoClaims(connector);
        ours["aud"] = stack.Url + "/mcp";

        using var refused = await ListAsync(_issuer.Mint(other));
        using var accepted = await ListAsync(_issuer.Mint(ours));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        var (_, connector) = await ConnectorAsync();
        var claims = CognitoClaims(connector);
        claims["exp"] = null;

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_even_if_signed_by_a_trusted_key()
    {
        var (_, connector) = await ConnectorAsync();
        var claims = CognitoClaims(connector);
        claims["iss"] = stack.Idp.Issuer;

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_naming_another_clients_connector_is_refused()
    {
        var (_, mine) = await ConnectorAsync();
        var (_, theirs) = await ConnectorAsync();
        var claims = CognitoClaims(mine);
        claims["connector_id"] = theirs.Id.ToString();

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_an_unknown_client_is_refused()
    {
        var claims = new Dictionary<string, object?> { ["client_id"] = "nobody", ["token_use"] = "access", ["scope"] = CognitoScope };

        using var response = await ListAsync(_issuer.Mint(claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
