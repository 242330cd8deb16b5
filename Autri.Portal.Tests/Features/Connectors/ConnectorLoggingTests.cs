namespace Autri.Portal.Tests.Features.Connectors;

[Collection(PortalCollection.Name)]
public class ConnectorLoggingTests(PortalStack stack)
{
    [Fact]
    public async Task Secrets_keys_and_minted_tokens_never_reach_the_logs()
    {
        using var me = await stack.SignInAsync();
        var oauth = await me.CreateConnectorAsync("Logged OAuth");
        var key = await me.CreateConnectorAsync("Logged key", kind: "api_key");
        var minted = await me.PostAsync($"/connectors/{oauth.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = oauth.Secret });
        var token = minted.Document.QuerySelector("#access-token")!.TextContent.Trim();
        var rotated = await me.PostAsync($"/connectors/{key.Id}/rotate", "rotate-key", new Dictionary<string, string> { ["Form.Grace"] = "1h" });
        var newKey = rotated.Document.QuerySelector("#secret-value")!.GetAttribute("value")!;
        var file = Path.Combine(stack.LogsDirectory, "portal.jsonl");

        var all = "";
        for (var i = 0; i < 100 && !all.Contains("connector_token_minted"); i++)
        {
            await Task.Delay(100);
            all = File.Exists(file) ? await ReadSharedAsync(file) : "";
        }

        Assert.Contains(oauth.Id.ToString(), all); // the events are there, naming the connector
        Assert.Contains("connector_token_minted", all);
        foreach (var secret in new[] { oauth.Secret, key.Secret, newKey, token }) Assert.DoesNotContain(secret, all);
        // Only display prefixes (autri_sk_ + 4 characters) may appear; the log file is shared with other tests' keys.
        Assert.Contains(key.Secret[..13], all);
        Assert.DoesNotMatch(@"autri_sk_[A-Za-z0-9]{5,}", all);
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
