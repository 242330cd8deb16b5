namespace Autri.Mcp.Tests.Auth;

[Collection(McpCollection.Name)]
public sealed class BearerTokenTests(McpStack stack)
{
    private readonly McpHttp _mcp = new(stack.Endpoint);

    private string Challenge(string? error = null) =>
        $"Bearer resource_metadata=\"{stack.Url}/.well-known/oauth-protected-resource/mcp\", scope=\"mcp.invoke\"" +
        (error is null ? "" : $", error=\"{error}\"");

    [Fact]
    public async Task A_token_minted_for_a_connector_reads_that_connectors_library()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(new Autri.Infra.Documents.NewDocument("Aardvark facts", null, "aardvark"));
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "search_documents", new { query = "aardvark" });

        Assert.Equal(1, result.GetProperty("structuredContent").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task No_credentials_get_401_with_the_resource_metadata_challenge()
    {
        Assert.Equal(Challenge(), await _mcp.RefusedChallengeAsync(bearer: null));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")]
    public async Task A_bad_token_gets_401_invalid_token(string token)
    {
        Assert.StartsWith(Challenge("invalid_token"), await _mcp.RefusedChallengeAsync(token));
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();
        var parts = token.Split('.');
        var other = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();
        var forged = parts[0] + "." + other.Split('.')[1] + "." + parts[2];

        await _mcp.RefusedChallengeAsync(forged);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();
        Assert.Equal(3, await _mcp.ToolCountAsync(token));

        using (stack.Clock.Shift(TimeSpan.FromHours(2)))
        {
            Assert.Contains("error=\"invalid_token\"", await _mcp.RefusedChallengeAsync(token));
        }
    }

    [Fact]
    public async Task A_revoked_connector_is_refused_while_its_token_is_still_unexpired()
    {
        var tenant = await stack.NewTenantAsync();
        var connector = await tenant.NewOAuthConnectorAsync();
        var token = await connector.MintTokenAsync();
        Assert.Equal(3, await _mcp.ToolCountAsync(token));

        await tenant.RevokeAsync(connector.Id);
        // The revocation check is cached for at most Mcp:RevocationCacheSeconds (30 here): step past it.
        using (stack.Clock.Shift(TimeSpan.FromSeconds(31)))
        {
            Assert.Contains("error=\"invalid_token\"", await _mcp.RefusedChallengeAsync(token));
        }
    }

    [Fact]
    public async Task A_token_whose_connector_row_is_gone_is_refused()
    {
        var tenant = await stack.NewTenantAsync();
        var connector = await tenant.NewOAuthConnectorAsync();
        var token = await connector.MintTokenAsync();
        await stack.Db.ExecAsync("DELETE FROM connectors WHERE id = $1", connector.Id);

        await _mcp.RefusedChallengeAsync(token);
    }
}
