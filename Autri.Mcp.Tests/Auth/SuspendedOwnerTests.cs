using Autri.Domain.Allowlist;
using Dapper;
using Autri.Domain.Parameters;
using Autri.Infra.Allowlist;
using Autri.Infra.Parameters;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autri.Mcp.Tests.Auth;

/// <summary>
/// An owner taken off the beta allowlist: the portal mirrors the list into suspended_owners (here the same
/// <see cref="AllowlistMirror"/> the portal's editor and refresher run, over the local parameter store), and a real server
/// refuses every kind of credential of theirs within its 30 s cache (API key, client-credentials token, portal token),
/// then accepts them again once they are back on the list. Nothing is deleted in between.
/// </summary>
[Collection(McpCollection.Name)]
public sealed class SuspendedOwnerTests(McpStack stack) : TestPortalTests(stack)
{
    /// <summary>
    /// Writes the list as the portal's editor does and mirrors it. Everyone else in the shared database stays on it, so
    /// other tests' tenants are never suspended.
    /// </summary>
    private async Task SaveAllowlistWithoutAsync(Guid? leftOut)
    {
        await using var conn = await Stack.Db.OpenConnectionAsync();
        var emails = await conn.QueryAsync<string>("SELECT email FROM users WHERE id IS DISTINCT FROM @leftOut", new { leftOut });
        var store = new PostgresParameterStore(Stack.Db, "portal");
        await store.PutAsync(new PutParameter(BetaAllowlist.ParameterName, BetaAllowlist.FromEmails(emails.Append("someone@autri.test")).ToParameterValue(),
            ParameterType.StringList, Overwrite: true, "test"));
        await new AllowlistMirror(Stack.Db, store, BetaAllowlist.ParameterName, NullLogger<AllowlistMirror>.Instance).RefreshAsync();
    }

    private async Task<Guid[]> SuspendedAsync()
    {
        await using var conn = await Stack.Db.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT user_id FROM suspended_owners")).ToArray();
    }

    private async Task<HttpStatusCode> ListAsync(string credential, string? expectInChallenge = null)
    {
        using var response = await Server.Mcp.PostAsync(Server.Mcp.Request("tools/list"), credential);
        if (expectInChallenge is not null) Assert.Contains(expectInChallenge, response.Headers.WwwAuthenticate.ToString());
        return response.StatusCode;
    }

    [Fact]
    public async Task Every_credential_of_an_owner_taken_off_the_allowlist_is_refused_within_the_cache_and_works_again_once_re_invited()
    {
        var tenant = await Stack.NewTenantAsync();
        var key = await tenant.NewApiKeyConnectorAsync();
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();
        var appAccess = await tenant.NewAppAccessConnectorAsync("client-" + Guid.NewGuid().ToString("N")[..8]);
        var portalToken = Portal.Mint(appAccess.PortalClaims(Stack.Endpoint), "at+jwt");
        var credentials = new[] { key.Plaintext, token, portalToken };
        foreach (var credential in credentials) Assert.Equal(HttpStatusCode.OK, await ListAsync(credential)); // cached as live

        await SaveAllowlistWithoutAsync(tenant.UserId);
        using (Stack.Clock.Shift(TimeSpan.FromSeconds(31)))
        {
            foreach (var credential in credentials)
                Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(credential, "no longer invited to the Autri beta"));
            Assert.Equal([tenant.UserId], await SuspendedAsync());

            await SaveAllowlistWithoutAsync(leftOut: null);
            using (Stack.Clock.Shift(TimeSpan.FromSeconds(31)))
            {
                foreach (var credential in credentials) Assert.Equal(HttpStatusCode.OK, await ListAsync(credential));
            }
        }
        await using var conn = await Stack.Db.OpenConnectionAsync();
        Assert.Equal(3, await conn.QuerySingleAsync<int>(
            "SELECT count(*)::int FROM connectors WHERE created_by = @user AND revoked_at IS NULL", new { user = tenant.UserId }));
    }

    [Fact]
    public async Task An_admin_off_the_allowlist_keeps_their_connectors()
    {
        var tenant = await Stack.NewTenantAsync();
        await Stack.Db.ExecAsync("UPDATE users SET is_admin = true WHERE id = $1", tenant.UserId);
        var key = await tenant.NewApiKeyConnectorAsync();

        await SaveAllowlistWithoutAsync(tenant.UserId);

        using (Stack.Clock.Shift(TimeSpan.FromSeconds(31)))
            Assert.Equal(HttpStatusCode.OK, await ListAsync(key.Plaintext));
        Assert.Empty(await SuspendedAsync());
    }
}
