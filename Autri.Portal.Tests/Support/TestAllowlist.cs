namespace Autri.Portal.Tests.Support;

/// <summary>Edits the local allowlist parameter of a test stack's database and makes its portals see it at once (not after the cache TTL).</summary>
public static class TestAllowlist
{
    public static async Task EditAsync(NpgsqlDataSource db, IEnumerable<PortalInstance> portals, Func<IEnumerable<string>, IEnumerable<string>> edit)
    {
        var store = new PostgresParameterStore(db, "test");
        BetaAllowlist current;
        try { current = BetaAllowlist.FromParameterValue((await store.GetAsync(BetaAllowlist.ParameterName)).Value); }
        catch (ParameterStoreException ex) when (ex.IsNotFound) { current = BetaAllowlist.Empty; }
        var next = BetaAllowlist.FromEmails(edit(current.Sorted));
        await store.PutAsync(new PutParameter(BetaAllowlist.ParameterName, next.ToParameterValue(), ParameterType.StringList, Overwrite: true, "test"));
        foreach (var portal in portals) portal.Services.GetRequiredService<AllowlistReader>().Invalidate();
    }
}
