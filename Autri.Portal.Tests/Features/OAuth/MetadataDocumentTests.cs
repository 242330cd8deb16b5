namespace Autri.Portal.Tests.Features.OAuth;

/// <summary>Client ID Metadata Documents, served by a real Kestrel on loopback (allowed in local mode only).</summary>
[Collection(PortalCollection.Name)]
public class MetadataDocumentTests(PortalStack stack) : IAsyncLifetime
{
    private WebApplication _documents = default!;
    private string _origin = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _origin = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_origin);
        _documents = builder.Build();
        string Document(string clientId) => JsonSerializer.Serialize(new
        {
            client_id = clientId, client_name = "Claude (test document)", redirect_uris = new[] { OAuthTestClient.RedirectUri }, token_endpoint_auth_method = "none",
        });
        _documents.MapGet("/good.json", (HttpContext http) => Results.Text(Document(_origin + http.Request.Path), "application/json"));
        _documents.MapGet("/other.json", () => Results.Text(Document("https://claude.ai/oauth/client.json"), "application/json"));
        _documents.MapGet("/huge.json", (HttpContext http) => Results.Text(Document(_origin + http.Request.Path).Replace("\"none\"", "\"none\", \"padding\": \"" + new string('x', 6000) + "\""), "application/json"));
        _documents.MapGet("/slow.json", async (HttpContext http) => { await Task.Delay(TimeSpan.FromSeconds(8), http.RequestAborted); return Results.Text(Document(_origin + http.Request.Path)); });
        _documents.MapGet("/moved.json", () => Results.Redirect("/good.json"));
        await _documents.StartAsync();
    }

    public async Task DisposeAsync() => await _documents.DisposeAsync();

    [Fact]
    public async Task A_metadata_document_client_is_shown_as_verified_and_gets_tokens_for_its_url()
    {
        var email = await stack.InviteNewAsync("cimd");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = _origin + "/good.json";
        var pkce = OAuthTestClient.NewPkce();

        var consent = await client.FollowAsync(client.AuthorizeUrl(clientId, pkce), email);
        Assert.True(consent.IsConsentPage, consent.Describe());
        Assert.Contains("Verified: 127.0.0.1:", consent.Html);
        Assert.Contains("Claude (test document)", consent.Html);
        var code = OAuthTestClient.Query(await client.DecideAsync(consent))["code"].ToString();
        var tokens = await client.ExchangeAsync(clientId, code, pkce);
        var jwt = await AccessTokens.ValidateAsync(stack.Portal.Url, tokens.AccessToken, client.McpResource);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
    }

    [Theory]
    [InlineData("/other.json", "not its own URL")]
    [InlineData("/huge.json", "larger than 5120 bytes")]
    [InlineData("/slow.json", "did not arrive within 5 s")]
    [InlineData("/moved.json", "redirect")]
    public async Task A_bad_metadata_document_is_refused_and_nothing_is_registered(string path, string reason)
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = _origin + path;
        var answer = await client.FollowAsync(client.AuthorizeUrl(clientId, OAuthTestClient.NewPkce()));
        Assert.Equal("invalid_client", answer.Error);
        Assert.Contains(reason, answer.Html);
        await AssertNotRegisteredAsync(clientId);
    }

    [Fact]
    public async Task A_metadata_document_on_a_private_address_is_not_fetched()
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        const string clientId = "https://10.255.255.1/client.json";
        var answer = await client.FollowAsync(client.AuthorizeUrl(clientId, OAuthTestClient.NewPkce()));
        Assert.Equal("invalid_client", answer.Error);
        Assert.Contains("not a public address", answer.Html);
        await AssertNotRegisteredAsync(clientId);
    }

    [Fact]
    public async Task A_redirect_uri_the_document_does_not_list_is_refused()
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        var answer = await client.FollowAsync(client.AuthorizeUrl(_origin + "/good.json", OAuthTestClient.NewPkce(), redirectUri: "http://127.0.0.1:9/elsewhere"));
        Assert.Equal("invalid_client", answer.Error);
        Assert.Contains("not one of the metadata document's redirect_uris", answer.Html);
    }

    private async Task AssertNotRegisteredAsync(string clientId)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM oauth_applications WHERE client_id = @clientId", new { clientId }));
    }
}
