namespace Autri.Infra.Tests.Documents;

/// <summary>
/// A fresh migrated database per test with one org, and the search as the MCP server runs it: an in-process index
/// followed by a running <see cref="DocumentChangeFeed"/>.
/// </summary>
internal sealed class DocumentsDb : IAsyncDisposable
{
    private readonly Guid _org;
    private DocumentChangeFeed? _feed;

    private DocumentsDb(NpgsqlDataSource db, Guid org)
    {
        Db = db;
        _org = org;
        Writer = new DocumentWriter(db);
        Index = new DocumentIndex(new DocumentChanges(db), TimeProvider.System, NullLogger<DocumentIndex>.Instance);
        Search = new DocumentSearch(new DocumentStore(db), new LibraryKbs(db, TimeProvider.System), Index);
    }

    public NpgsqlDataSource Db { get; }

    public DocumentWriter Writer { get; }

    public DocumentIndex Index { get; }

    public DocumentSearch Search { get; }

    public static async Task<DocumentsDb> NewAsync()
    {
        var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("docs"));
        await new Migrator(db).ApplyAsync();
        var user = Guid.CreateVersion7();
        var org = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO users (id, subject, email) VALUES (@user, 'sub-' || @user::text, @user::text || '@example.test');
            INSERT INTO orgs (id, name, personal_of) VALUES (@org, 'Org', @user);
            """, new { user, org });
        var docs = new DocumentsDb(db, org);
        docs._feed = new DocumentChangeFeed(db, docs.Index, TimeProvider.System, NullLogger<DocumentChangeFeed>.Instance);
        await docs._feed.StartAsync(CancellationToken.None);
        return docs;
    }

    /// <summary>A new library holding new KBs; returns the library and the KBs.</summary>
    public async Task<(Guid Library, Guid[] Kbs)> NewLibraryAsync(int kbCount = 1)
    {
        var library = Guid.CreateVersion7();
        var kbs = Enumerable.Range(0, kbCount).Select(_ => Guid.CreateVersion7()).ToArray();
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO libraries (id, org_id, name) VALUES (@library, @org, 'Library ' || @library::text)", new { library, org = _org });
        foreach (var kb in kbs)
        {
            await conn.ExecuteAsync("""
                INSERT INTO kbs (id, org_id, name) VALUES (@kb, @org, 'KB ' || @kb::text);
                INSERT INTO library_kbs (library_id, kb_id) VALUES (@library, @kb);
                """, new { kb, org = _org, library });
        }
        return (library, kbs);
    }

    public async Task<List<string>> TitlesAsync(Guid library, string query, int limit = 10) =>
        (await Search.SearchAsync(library, query, limit, CancellationToken.None)).Select(h => h.Title).ToList();

    /// <summary>Searches until this instance has built the library's KBs, so what follows tests the index, not Postgres.</summary>
    public async Task IndexBuiltAsync(Guid library, params Guid[] kbs)
    {
        await Eventually.WithinAsync(TimeSpan.FromSeconds(30), "the index of the library's KBs is built", async () =>
        {
            await Search.SearchAsync(library, "anything", 1, CancellationToken.None);
            return kbs.All(Index.Follows);
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.StopAsync(CancellationToken.None);
            _feed.Dispose();
        }
        Index.Dispose();
        await Db.DisposeAsync();
    }
}
