namespace Autri.Infra.Tests.Documents;

/// <summary>
/// The index follows Postgres: writes, updates and deletes by anyone (here straight SQL and <see cref="DocumentWriter"/>)
/// show in search within seconds, including those of transactions still open while the index was built or caught up.
/// </summary>
public sealed class DocumentIndexFeedTests
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Added_changed_and_deleted_documents_are_searchable_or_gone_within_seconds()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        await docs.IndexBuiltAsync(library, kbs);

        var id = (await docs.Writer.AddAsync(kbs[0], [new NewDocument("Narwhal notes", null, "The narwhal migrates.")]))[0];
        await Eventually.WithinAsync(Promise, "the added document is found", async () => await docs.TitlesAsync(library, "narwhal") is ["Narwhal notes"]);

        Assert.True(await docs.Writer.UpdateAsync(id, new NewDocument("Walrus notes", null, "The walrus rests.")));
        await Eventually.WithinAsync(Promise, "the changed document is found by its new words only", async () =>
            await docs.TitlesAsync(library, "walrus") is ["Walrus notes"] && await docs.TitlesAsync(library, "narwhal") is []);

        Assert.True(await docs.Writer.DeleteAsync(id));
        await Eventually.WithinAsync(Promise, "the deleted document is gone", async () => await docs.TitlesAsync(library, "walrus") is []);
        Assert.False(await docs.Writer.DeleteAsync(id));
        Assert.False(await docs.Writer.UpdateAsync(id, new NewDocument("Again", null, "text")));
    }

    [Fact]
    public async Task A_transaction_open_while_the_index_was_built_shows_once_it_commits()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        await docs.Writer.AddAsync(kbs[0], [new NewDocument("Before", null, "otter")]);
        await using var open = await docs.Db.OpenConnectionAsync();
        await using var tx = await open.BeginTransactionAsync();
        await open.ExecuteAsync("INSERT INTO documents (id, kb_id, title, content) VALUES (@id, @kb, 'Late', 'otter')",
            new { id = Guid.CreateVersion7(), kb = kbs[0] }, tx);

        await docs.IndexBuiltAsync(library, kbs); // built while "Late" is not committed
        Assert.Equal(["Before"], await docs.TitlesAsync(library, "otter"));
        await tx.CommitAsync();

        await Eventually.WithinAsync(Promise, "the late commit is found", async () => (await docs.TitlesAsync(library, "otter")).Count == 2);
    }

    [Fact]
    public async Task A_transaction_open_across_catch_ups_shows_once_it_commits_while_later_ones_show_at_once()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        await docs.IndexBuiltAsync(library, kbs);
        await using var open = await docs.Db.OpenConnectionAsync();
        await using var tx = await open.BeginTransactionAsync();
        await open.ExecuteAsync("INSERT INTO documents (id, kb_id, title, content) VALUES (@id, @kb, 'Slow', 'beaver')",
            new { id = Guid.CreateVersion7(), kb = kbs[0] }, tx);

        // A transaction that started later commits first; the feed catches up past it while "Slow" is still open.
        await docs.Writer.AddAsync(kbs[0], [new NewDocument("Quick", null, "beaver")]);
        await Eventually.WithinAsync(Promise, "the quick commit is found", async () => await docs.TitlesAsync(library, "beaver") is ["Quick"]);
        await tx.CommitAsync();

        await Eventually.WithinAsync(Promise, "the slow commit is found too", async () => (await docs.TitlesAsync(library, "beaver")).Count == 2);
    }

    [Fact]
    public async Task Deleting_a_KB_removes_its_documents_from_search()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        await docs.Writer.AddAsync(kbs[0], [new NewDocument("Heron", null, "heron")]);
        await docs.IndexBuiltAsync(library, kbs);
        Assert.Equal(["Heron"], await docs.TitlesAsync(library, "heron"));

        await using (var conn = await docs.Db.OpenConnectionAsync())
            await conn.ExecuteAsync("DELETE FROM library_kbs WHERE kb_id = @kb; DELETE FROM kbs WHERE id = @kb", new { kb = kbs[0] });

        await Eventually.WithinAsync(Promise, "the KB's documents are gone", async () => await docs.TitlesAsync(library, "heron") is []);
    }
}
