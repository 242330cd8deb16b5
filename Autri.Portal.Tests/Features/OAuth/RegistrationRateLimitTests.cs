namespace Autri.Portal.Tests.Features.OAuth;

/// <summary>Open registration is limited per source address: over the limit, 429 with Retry-After and nothing registered.</summary>
[Collection(PortalCollection.Name)]
public class RegistrationRateLimitTests(PortalStack stack)
{
    [Fact]
    public async Task Registrations_over_the_limit_get_429_with_retry_after_and_register_nothing()
    {
        await using var portal = await stack.StartSpareAsync(new Dictionary<string, string?> { ["OAuth:RegistrationPermitLimit"] = "2", ["OAuth:RegistrationWindow"] = "01:00:00" });
        using var client = new OAuthTestClient(portal.Url);
        await client.RegisterPublicAsync("First");
        await client.RegisterPublicAsync("Second");
        var before = await CountAsync();

        var response = await client.Http.PostAsync(portal.Url + "/oauth/register",
            new StringContent("""{"redirect_uris":["http://127.0.0.1:53682/callback"],"token_endpoint_auth_method":"none"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After in seconds");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM oauth_applications");
    }
}
