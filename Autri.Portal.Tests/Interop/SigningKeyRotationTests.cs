using Autri.Portal.Features.OAuth;

namespace Autri.Portal.Tests.Interop;

/// <summary>
/// Signing keys rotate with no one noticing: the next key is published a lead before it signs, the old one stays in
/// the JWKS until every token it signed has expired, and the MCP server accepts tokens of both meanwhile. Time moves by
/// the stack's clock (a rotation every 15 minutes there); the portal re-reads its keys when told to, as its refresher
/// does every OAuth:SigningKeyRefresh.
/// </summary>
[Collection(ConnectCollection.Name)]
public sealed class SigningKeyRotationTests(ConnectStack stack)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task The_next_key_is_published_before_it_signs_the_old_one_stays_until_its_tokens_expire_and_both_validate_meanwhile()
    {
        var email = await stack.BetaUserWithDocumentsAsync();
        using var client = new OAuthTestClient(stack.Portal.Url, stack.McpEndpoint);
        var clientId = (await client.RegisterPublicAsync("Rotation")).GetProperty("client_id").GetString()!;
        var (tokens, _) = await client.ConnectAsync(clientId, email);
        var refreshToken = tokens.RefreshToken;
        async Task<string> AccessTokenAsync()
        {
            var response = await client.RefreshAsync(clientId, refreshToken);
            Assert.True(response.Status == HttpStatusCode.OK, "refresh failed: " + response.Json);
            refreshToken = response.RefreshToken;
            return response.AccessToken;
        }

        var (oldKid, dueAt) = await SettleAsync();
        var oldToken = await AccessTokenAsync();
        Assert.Equal(oldKid, new JsonWebToken(oldToken).Kid);

        // A lead before the rotation is due, the next key is made and published, but the old one still signs.
        stack.Clock.Advance(dueAt - ConnectStack.SigningKeyLead - stack.Clock.GetUtcNow());
        await RereadKeysAsync();
        var newKid = Assert.Single(await PublishedKidsAsync(), k => k != oldKid);
        var signedBeforeActivation = await AccessTokenAsync();
        Assert.Equal(oldKid, new JsonWebToken(signedBeforeActivation).Kid);

        // From its activation the new key signs; the old one stays published for the tokens it signed.
        stack.Clock.Advance(ConnectStack.SigningKeyLead + TimeSpan.FromSeconds(1));
        await RereadKeysAsync();
        var signedAfterActivation = await AccessTokenAsync();
        Assert.Equal(newKid, new JsonWebToken(signedAfterActivation).Kid);
        Assert.Equal([newKid, oldKid], (await PublishedKidsAsync()).OrderBy(k => k != newKid));
        // The MCP server takes both: the new key on first sight (it re-reads the JWKS for an unknown kid), the old as before.
        Assert.Equal(HttpStatusCode.OK, await ToolsListAsync(signedAfterActivation));
        Assert.Equal(HttpStatusCode.OK, await ToolsListAsync(signedBeforeActivation));

        // When every token the old key signed has expired (access-token lifetime plus 5 minutes' skew), it is deleted.
        stack.Clock.Advance(ConnectStack.AccessTokenLifetime + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await RereadKeysAsync();
        Assert.Equal([newKid], await PublishedKidsAsync());
        Assert.Equal(HttpStatusCode.OK, await ToolsListAsync(await AccessTokenAsync()));
    }

    /// <summary>
    /// Brings the keys to a known state whatever earlier tests did with the clock: the newest key signs and the next one
    /// is not due yet. Returns the signing key's id and when its successor is due to take over.
    /// </summary>
    private async Task<(string Kid, DateTimeOffset DueAt)> SettleAsync()
    {
        while (true)
        {
            await RereadKeysAsync();
            await using var conn = await stack.Db.OpenConnectionAsync();
            var newest = await conn.QueryFirstAsync<(Guid Id, DateTime ActivatesAt)>("SELECT id, activates_at FROM oauth_signing_keys ORDER BY activates_at DESC");
            var activatesAt = new DateTimeOffset(DateTime.SpecifyKind(newest.ActivatesAt, DateTimeKind.Utc));
            var now = stack.Clock.GetUtcNow();
            if (activatesAt > now)
            {
                stack.Clock.Advance(activatesAt - now + TimeSpan.FromSeconds(1)); // let the waiting key take over
                continue;
            }
            var dueAt = activatesAt + ConnectStack.SigningKeyRotation;
            if (now < dueAt - ConnectStack.SigningKeyLead) return (newest.Id.ToString("N"), dueAt);
        }
    }

    private Task RereadKeysAsync() => stack.Portal.Services.GetRequiredService<SigningKeyRing>().RefreshAsync(CancellationToken.None);

    private async Task<string[]> PublishedKidsAsync()
    {
        using var jwks = JsonDocument.Parse(await Http.GetStringAsync(stack.Portal.Url + "/.well-known/jwks"));
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    private async Task<HttpStatusCode> ToolsListAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, stack.McpEndpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }
}
