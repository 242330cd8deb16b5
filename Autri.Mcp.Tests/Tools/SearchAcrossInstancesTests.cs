using Autri.Infra.Documents.Search;

namespace Autri.Mcp.Tests.Tools;

/// <summary>
/// Two MCP server instances on Kestrel over one Postgres, each with its own in-process index: a document added,
/// changed or deleted is searchable (or gone) on both within 5 seconds, whoever wrote it.
/// </summary>
[Collection(McpCollection.Name)]
public sealed class SearchAcrossInstancesTests(McpStack stack)
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_document_added_changed_or_deleted_is_searchable_or_gone_on_every_instance_within_5_seconds()
    {
        var tenant = await stack.NewTenantAsync();
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();
        await using var second = await stack.StartAnotherAsync([]);
        var instances = new[]
        {
            (Mcp: new McpHttp(stack.Endpoint), Index: stack.Services.GetRequiredService<DocumentIndex>()),
            (second.Mcp, Index: second.App.Services.GetRequiredService<DocumentIndex>()),
        };
        async Task<List<string?>> Titles(McpHttp mcp, string query) =>
            (await mcp.CallToolAsync(token, "search_documents", new { query })).GetProperty("structuredContent").GetProperty("results")
                .EnumerateArray().Select(h => h.GetProperty("title").GetString()).ToList();
        async Task OnEvery(string what, Func<McpHttp, Task<bool>> condition)
        {
            foreach (var (mcp, _) in instances) await Eventually.WithinAsync(Promise, what, () => condition(mcp));
        }

        // Each instance builds its index of the KB on its first search; from then on answers come from that index.
        foreach (var (mcp, index) in instances)
            await Eventually.WithinAsync(TimeSpan.FromSeconds(30), "the KB's index is built", async () => await Titles(mcp, "anything") is [] && index.Follows(tenant.KbId));

        var writer = new DocumentWriter(stack.Db);
        var id = (await tenant.AddDocumentsAsync(new NewDocument("Narwhal notes", null, "The narwhal migrates north.")))[0];
        await OnEvery("the added document is found", async mcp => await Titles(mcp, "narwhal") is ["Narwhal notes"]);

        Assert.True(await writer.UpdateAsync(id, new NewDocument("Walrus notes", null, "The walrus rests on the ice.")));
        await OnEvery("the changed document is found by its new words, not its old ones", async mcp =>
            await Titles(mcp, "walrus") is ["Walrus notes"] && await Titles(mcp, "narwhal") is []);

        Assert.True(await writer.DeleteAsync(id));
        await OnEvery("the deleted document is gone", async mcp => await Titles(mcp, "walrus") is []);
        Assert.All(instances, i => Assert.True(i.Index.Follows(tenant.KbId))); // answered by the indexes, not by Postgres
    }
}
