namespace Autri.Mcp.Tests.Auth;

[Collection(McpCollection.Name)]
public sealed class ApiKeyTests(McpStack stack)
{
    private readonly McpHttp _mcp = new(stack.Endpoint);

    [Fact]
    public async Task An_api_key_reads_its_connectors_library()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(new Autri.Infra.Documents.NewDocument("Okapi", null, "okapi"));
        var key = await tenant.NewApiKeyConnectorAsync();

        var result = await _mcp.CallToolAsync(key.Plaintext, "search_documents", new { query = "okapi" });

        Assert.Equal(1, result.GetProperty("structuredContent").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_revoked_api_key_connector_is_refused_within_the_cache_lifetime()
    {
        var tenant = await stack.NewTenantAsync();
        var key = await tenant.NewApiKeyConnectorAsync();
        Assert.Equal(3, await _mcp.ToolCountAsync(key.Plaintext));

        await tenant.RevokeAsync(key.ConnectorId);
        using (stack.Clock.Shift(TimeSpan.FromSeconds(31)))
        {
            Assert.Contains("error=\"invalid_token\"", await _mcp.RefusedChallengeAsync(key.Plaintext));
        }
    }

    [Fact]
    public async Task A_revoked_api_key_connector_is_refused_within_seconds_through_the_servers_replica_of_every_key()
    {
        var tenant = await stack.NewTenantAsync();
        var key = await tenant.NewApiKeyConnectorAsync();
        Assert.Equal(3, await _mcp.ToolCountAsync(key.Plaintext)); // by the replica, or by a lookup whose verdict is cached for 30 s

        await tenant.RevokeAsync(key.ConnectorId);

        // Without moving the clock: the replica, fed by NOTIFY, refuses it long before the cache's 30 s run out.
        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), "the revoked key refused", async () =>
        {
            using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), key.Plaintext);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        });
        Assert.Contains("error=\"invalid_token\"", await _mcp.RefusedChallengeAsync(key.Plaintext));
    }

    [Theory]
    [InlineData("autri_sk_short")]
    [InlineData("autri_sk_AAAAAAAAAAAAAAAAAAAAAA000000")]
    public async Task A_malformed_or_unknown_key_is_refused(string key)
    {
        Assert.Contains("error=\"invalid_token\"", await _mcp.RefusedChallengeAsync(key));
    }

    [Fact]
    public async Task Where_api_keys_are_disabled_a_valid_key_is_refused()
    {
        var key = await (await stack.NewTenantAsync()).NewApiKeyConnectorAsync();
        await using var keysOff = await stack.StartAnotherAsync(new Dictionary<string, string?> { ["Mcp:ApiKeysEnabled"] = "false" });

        Assert.Contains("error=\"invalid_token\"", await keysOff.Mcp.RefusedChallengeAsync(key.Plaintext));
    }
}
