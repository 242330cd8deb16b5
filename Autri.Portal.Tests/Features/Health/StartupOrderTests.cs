namespace Autri.Portal.Tests.Features.Health;

/// <summary>A first start against an empty database: the schema exists before anything reads it.</summary>
[Collection(PortalCollection.Name)]
public class StartupOrderTests(PortalStack stack)
{
    [Fact]
    public async Task On_an_empty_database_nothing_reads_a_table_before_the_migrations_create_it()
    {
        var connection = await TestDatabase.NewAsync("empty");
        var logs = Path.Combine(Path.GetTempPath(), "autri-startup-" + Guid.NewGuid().ToString("N")[..8]);
        var portal = await PortalInstance.StartAsync(FreePort.Next(), connection, stack.Idp.Issuer, logs);
        using (var client = new HttpClient()) await client.GetAsync(portal.Url + "/"); // touches the key ring (antiforgery, cookies)
        await portal.DisposeAsync();

        var lines = await File.ReadAllLinesAsync(Path.Combine(logs, "portal.jsonl"));
        Directory.Delete(logs, recursive: true);
        Assert.Contains(lines, l => l.Contains("\"event\":\"migrations_applied\""));
        Assert.DoesNotContain(lines, l => l.Contains("42P01")); // undefined_table: a relation read before it exists
        Assert.DoesNotContain(lines, l => l.Contains("\"level\":\"error\""));
    }
}
