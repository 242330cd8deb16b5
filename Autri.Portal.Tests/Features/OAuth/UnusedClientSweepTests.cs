namespace Autri.Portal.Tests.Features.OAuth;

/// <summary>Open registration must not grow the client table forever: unused registered clients go after a day.</summary>
[Collection(PortalCollection.Name)]
public class UnusedClientSweepTests(PortalStack stack)
{
    [Fact]
    public async Task A_registered_client_never_used_is_deleted_after_a_day_and_one_that_was_used_is_kept()
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        var unused = (await client.RegisterPublicAsync("Never used")).GetProperty("client_id").GetString()!;
        var used = (await client.RegisterPublicAsync("Used once")).GetProperty("client_id").GetString()!;
        var email = await stack.InviteNewAsync("sweep");
        await client.ConnectAsync(used, email);

        // The portal's own sweep, on a clock the test moves (the services and database are the portal's).
        var clock = new ManualClock();
        var sweep = new UnusedClientSweep(stack.Db, stack.Portal.Services.GetRequiredService<IServiceScopeFactory>(), new OAuthOptions(), clock,
            NullLogger<UnusedClientSweep>.Instance);

        clock.Advance(TimeSpan.FromHours(23));
        await sweep.SweepOnceAsync(CancellationToken.None);
        Assert.True(await ExistsAsync(unused), "deleted before its day was up");

        clock.Advance(TimeSpan.FromHours(2));
        await sweep.SweepOnceAsync(CancellationToken.None);
        Assert.False(await ExistsAsync(unused));
        Assert.True(await ExistsAsync(used));
        // Gone for OpenIddict too: an authorization request for it is an unknown client, answered on the portal.
        var answer = await client.FollowAsync(client.AuthorizeUrl(unused, OAuthTestClient.NewPkce()), email);
        Assert.False(answer.IsClientRedirect);
        Assert.Contains("client_id", answer.Html);
    }

    private async Task<bool> ExistsAsync(string clientId)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM oauth_applications WHERE client_id = @clientId)", new { clientId });
    }
}
