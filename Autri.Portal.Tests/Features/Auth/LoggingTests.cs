namespace Autri.Portal.Tests.Features.Auth;

[Collection(PortalCollection.Name)]
public class LoggingTests(PortalStack stack)
{
    [Fact]
    public async Task Sign_in_logs_are_json_lines_with_request_ids_and_no_tokens_or_secrets()
    {
        var email = await stack.InviteNewAsync("logs");
        using var browser = new HttpSignIn();
        var callback = await browser.SignInAtIdpAsync(stack.Portal.Url, email);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
        await browser.Client.GetAsync(callback);
        var file = Path.Combine(stack.LogsDirectory, "portal.jsonl");

        string[] lines = [];
        for (var i = 0; i < 600 && !lines.Any(l => l.Contains("\"event\":\"signed_in\"") && l.Contains("signin-oidc")); i++)
        {
            await Task.Delay(100);
            lines = File.Exists(file) ? await ReadSharedAsync(file) : [];
        }

        var signedIn = lines.Select(Parse).OfType<JsonElement>().Where(e => e.TryGetProperty("event", out var ev) && ev.GetString() == "signed_in").ToList();
        Assert.NotEmpty(signedIn);
        Assert.All(signedIn, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("request_id").GetString())));
        var requests = lines.Where(l => l.Contains("\"event\":\"http_request\"")).Select(Parse).OfType<JsonElement>().ToList();
        Assert.Contains(requests, r => r.GetProperty("path").GetString() == "/signin-oidc" && r.GetProperty("status").GetInt32() == 302);
        var all = string.Join('\n', lines);
        Assert.DoesNotContain(DevIdentityProvider.PortalClientSecret, all);
        Assert.DoesNotContain(code, all);
        Assert.DoesNotContain("eyJ", all); // no JWT (id_token) anywhere
        Assert.DoesNotContain("state=", all);
    }

    // Two test instances append to one file; a line torn by the other writer is skipped, not a failure of this test.
    private static JsonElement? Parse(string line)
    {
        try { return JsonDocument.Parse(line).RootElement; } catch (JsonException) { return null; }
    }

    private static async Task<string[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
