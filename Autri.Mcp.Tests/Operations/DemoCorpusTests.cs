using Microsoft.Extensions.Logging.Abstractions;

namespace Autri.Mcp.Tests.Operations;

[Collection(McpCollection.Name)]
public sealed class DemoCorpusTests(McpStack stack)
{
    [Fact]
    public async Task The_demo_corpus_goes_into_empty_personal_kbs_once_and_is_searchable()
    {
        var fresh = await stack.NewTenantAsync();
        var busy = await stack.NewTenantAsync();
        await busy.AddDocumentsAsync(new NewDocument("My own notes", null, "mine"));
        var seeder = new DemoCorpusSeeder(stack.Db, NullLogger<DemoCorpusSeeder>.Instance);

        await seeder.SeedEmptyPersonalKbsAsync();
        await seeder.SeedEmptyPersonalKbsAsync();

        Assert.Equal(DemoCorpus.Documents.Count, await stack.Db.ScalarAsync<long>("SELECT count(*) FROM documents WHERE kb_id = $1", fresh.KbId));
        Assert.Equal(1, await stack.Db.ScalarAsync<long>("SELECT count(*) FROM documents WHERE kb_id = $1", busy.KbId));
        var token = await (await fresh.NewOAuthConnectorAsync()).MintTokenAsync();
        var hits = (await new McpHttp(stack.Endpoint).CallToolAsync(token, "search_documents", new { query = "revoke connector" }))
            .GetProperty("structuredContent").GetProperty("results");
        Assert.Equal("Revoking a connector", hits[0].GetProperty("title").GetString());
    }
}
