namespace Autri.Infra.Tests.Documents;

/// <summary>The in-process index as search_documents uses it: ranking and the query syntax, over real Postgres.</summary>
public sealed class DocumentSearchTests
{
    [Fact]
    public async Task Ranks_rarer_words_and_denser_matches_first_and_titles_above_bodies()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        await docs.Writer.AddAsync(kbs[0], [
            new NewDocument("Once", null, "The walrus rests. Plenty of other words follow here so this text is long and the walrus is diluted among many words."),
            new NewDocument("Twice", null, "Walrus walrus on ice."),
            new NewDocument("Walrus handbook", null, "All about the large animal of the north."),
            new NewDocument("Other", null, "Seals on ice."),
        ]);
        await docs.IndexBuiltAsync(library, kbs);

        Assert.Equal(["Walrus handbook", "Twice", "Once"], await docs.TitlesAsync(library, "walrus"));
    }

    [Fact]
    public async Task Words_match_in_any_form_phrases_in_order_and_minus_excludes()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        await docs.Writer.AddAsync(kbs[0], [
            new NewDocument("Adjacent", null, "Keep the grace period short when rotating keys."),
            new NewDocument("Apart", null, "A period of grace follows each rotation."),
            new NewDocument("Billing", null, "The grace period for invoices, and billing keys."),
        ]);
        await docs.IndexBuiltAsync(library, kbs);

        Assert.Equal(["Adjacent", "Billing"], (await docs.TitlesAsync(library, "\"grace period\"")).Order());
        Assert.Equal(["Adjacent", "Apart", "Billing"], (await docs.TitlesAsync(library, "grace period")).Order());
        Assert.Equal(["Adjacent", "Apart"], (await docs.TitlesAsync(library, "grace -billing")).Order());
        Assert.Equal(["Apart"], await docs.TitlesAsync(library, "grace -\"grace period\""));
        Assert.Equal(["Adjacent", "Apart"], (await docs.TitlesAsync(library, "rotate")).Order()); // rotating, rotation
        Assert.Equal(["Adjacent", "Billing"], (await docs.TitlesAsync(library, "invoice or short")).Order());
        Assert.Equal(["Apart"], await docs.TitlesAsync(library, "\"period of grace\"")); // the stop word counts as a gap
        Assert.Empty(await docs.TitlesAsync(library, "the of and")); // only stop words: nothing to look for
        await Assert.ThrowsAsync<SearchQueryException>(() => docs.TitlesAsync(library, "-billing"));
    }

    [Fact]
    public async Task A_library_of_several_KBs_is_searched_as_one_collection_and_never_beyond_it()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync(kbCount: 2);
        var (other, otherKbs) = await docs.NewLibraryAsync();
        await docs.Writer.AddAsync(kbs[0], [new NewDocument("First KB", null, "pelican notes")]);
        await docs.Writer.AddAsync(kbs[1], [new NewDocument("Second KB", null, "pelican pelican notes")]);
        await docs.Writer.AddAsync(otherKbs[0], [new NewDocument("Other library", null, "pelican pelican pelican")]);
        await docs.IndexBuiltAsync(library, kbs);
        await docs.IndexBuiltAsync(other, otherKbs);

        Assert.Equal(["Second KB", "First KB"], await docs.TitlesAsync(library, "pelican"));
        Assert.Equal(["Other library"], await docs.TitlesAsync(other, "pelican"));
    }

    [Fact]
    public async Task Hits_carry_link_score_between_0_and_1_and_a_highlighted_snippet()
    {
        await using var docs = await DocumentsDb.NewAsync();
        var (library, kbs) = await docs.NewLibraryAsync();
        var ids = await docs.Writer.AddAsync(kbs[0], [new NewDocument("Rotating keys", "https://docs.example/rotate", "Rotate the key, then revoke the old one.")]);
        await docs.IndexBuiltAsync(library, kbs);

        var hit = Assert.Single(await docs.Search.SearchAsync(library, "rotate key", 10, CancellationToken.None));

        Assert.Equal(ids[0], hit.Id);
        Assert.Equal("https://docs.example/rotate", hit.SourceUri);
        Assert.InRange(hit.Rank, 0.0001, 0.9999);
        Assert.Equal("**Rotate** the **key**, then revoke the old one.", hit.Snippet);
    }
}
