using Autri.Domain.Connectors.ApiKeys;
using Autri.Infra.Connectors.ApiKeys;

namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyLookupTests
{
    [Fact]
    public async Task A_concurrent_burst_of_cold_lookups_gives_each_caller_its_own_answer()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var portal = world.NewInstance();
        var valid = new List<IssuedApiKey>();
        for (var i = 0; i < 60; i++) valid.Add(await portal.Issuer.IssueAsync(world.Connector($"c{i}")));
        var revoked = valid[^1];
        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", revoked.ConnectorId);
        var expected = valid.Take(59).Select(k => (k.Plaintext, Expected: ApiKeyVerification.Valid(k.ConnectorId, world.OrgId, world.LibraryId)))
            .Append((revoked.Plaintext, ApiKeyVerification.Revoked(revoked.ConnectorId)))
            .Concat(Enumerable.Range(0, 40).Select(_ => (ApiKey.Generate(), ApiKeyVerification.Unknown)))
            .ToList();
        var cases = expected.Concat(expected).Concat(expected).OrderBy(_ => Random.Shared.Next()).ToList(); // each key three times, in any order

        var mcp = world.NewInstance();
        var results = await Task.WhenAll(cases.Select(c => Task.Run(() => mcp.VerifyAsync(c.Item1))));

        Assert.Equal(cases.Select(c => c.Item2), results);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_spoil_the_batch_for_the_others()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();
        var issued = await app.Issuer.IssueAsync(world.Connector());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var gaveUp = app.Verifier.VerifyAsync(ApiKey.Generate(), cancelled.Token);
        var other = app.Verifier.VerifyAsync(issued.Plaintext, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.True((await other).IsValid);
    }
}
