namespace Autri.Portal.Tests.Support;

/// <summary>Edits the local allowlist parameter of a test stack's database and makes its portals see it at once (not after the cache TTL or the mirror's interval).</summary>
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
        // What each portal's refresher does within Portal:AllowlistMirrorSeconds: suspend or restore the connectors of whoever changed.
        await portals.First().Services.GetRequiredService<AllowlistMirror>().RefreshAsync();
    }

    /// <summary>
    /// Edits the parameter as someone in the SSM console would: the portals' caches and mirror are left alone, so their
    /// gate sees it within the cache's lifetime and the connector suspensions at the mirror's next refresh.
    /// </summary>
    public static async Task EditOutsideThePortalAsync(NpgsqlDataSource db, Func<IEnumerable<string>, IEnumerable<string>> edit)
    {
        var store = new PostgresParameterStore(db, "console");
        var current = BetaAllowlist.FromParameterValue((await store.GetAsync(BetaAllowlist.ParameterName)).Value);
        await store.PutAsync(new PutParameter(BetaAllowlist.ParameterName, BetaAllowlist.FromEmails(edit(current.Sorted)).ToParameterValue(),
            ParameterType.StringList, Overwrite: true, "console"));
    }
}
