using Autri.Domain.Connectors.ApiKeys;

namespace Autri.Mcp.Tests.Auth;

/// <summary>
/// Repeated failed authentications from one client address get 429 with Retry-After (RateLimits:FailedAuthPerAddress per
/// RateLimits:FailedAuthWindow), on a server of its own with a limit of 3. Clients are told apart by X-Forwarded-For, which
/// the server honours from a loopback proxy (nginx on the same host), as the tests' requests are.
/// </summary>
[Collection(McpCollection.Name)]
public sealed class FailedAuthenticationLimitTests(McpStack stack) : IAsyncLifetime
{
    private const int Limit = 3;
    private McpInstance _server = null!;

    public async Task InitializeAsync() => _server = await stack.StartAnotherAsync(new Dictionary<string, string?>
    {
        ["RateLimits:FailedAuthPerAddress"] = Limit.ToString(),
        ["RateLimits:FailedAuthWindow"] = "01:00:00",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string NewClient() => $"203.0.113.{RandomNumberGenerator.GetInt32(1, 255)}";

    private Task<HttpResponseMessage> ListAsync(string? credential, string client) =>
        _server.Mcp.PostAsync(_server.Mcp.Request("tools/list"), credential, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = client });

    [Fact]
    public async Task Bad_keys_past_the_limit_get_429_with_retry_after_while_a_good_key_from_another_client_still_works()
    {
        var attacker = NewClient();
        var other = attacker == "203.0.113.255" ? "198.51.100.1" : "198.51.100.2";
        var good = await (await stack.NewTenantAsync()).NewApiKeyConnectorAsync();

        for (var i = 0; i < Limit; i++)
        {
            using var refused = await ListAsync(ApiKey.Generate(), attacker);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());
            Assert.Contains("resource_metadata=", refused.Headers.WwwAuthenticate.ToString());
        }
        using var limited = await ListAsync(ApiKey.Generate(), attacker);
        using var goodFromAttacker = await ListAsync(good.Plaintext, attacker);
        using var goodElsewhere = await ListAsync(good.Plaintext, other);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds: " + limited.Headers.RetryAfter);
        Assert.Empty(limited.Headers.WwwAuthenticate);
        // Over the limit the address is refused before any credential is checked, so a guess that happens to be right tells nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, goodFromAttacker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, goodElsewhere.StatusCode);
    }

    [Fact]
    public async Task Successful_calls_and_requests_without_credentials_are_not_counted()
    {
        var client = NewClient();
        var good = await (await stack.NewTenantAsync()).NewApiKeyConnectorAsync();

        for (var i = 0; i < Limit * 3; i++)
        {
            using var ok = await ListAsync(good.Plaintext, client);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            // The first step of connecting by URL: the 401 challenge that leads to the metadata, not a guess.
            using var discovery = await ListAsync(null, client);
            Assert.Equal(HttpStatusCode.Unauthorized, discovery.StatusCode);
            Assert.DoesNotContain("error=", discovery.Headers.WwwAuthenticate.ToString());
        }
    }
}
