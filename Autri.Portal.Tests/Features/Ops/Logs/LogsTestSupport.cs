namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>Signing in as the admin, reading pages, waiting for runs, and writing log lines for the local engine.</summary>
public static class LogsTestSupport
{
    public const string Admin = "admin@autri.test";

    private static readonly string[] FinalStatuses = ["Complete", "Failed", "Cancelled", "Timeout"];

    public static async Task<HttpSignIn> SignInAdminAsync(string portalUrl)
    {
        var admin = new HttpSignIn();
        Assert.Equal("/", await admin.SignInAsync(portalUrl, Admin));
        return admin;
    }

    public static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, new HtmlParser().ParseDocument(html));
    }

    /// <summary>
    /// What an admin does with an ad hoc link: opens it (a GET, which only checks the query and estimates its cost)
    /// and presses Run query (a form post with the page's antiforgery token). Returns the run's page the post redirects
    /// to, or the editor itself when the query is refused.
    /// </summary>
    public static async Task<(HttpStatusCode Status, IDocument Page)> RunAdHocAsync(HttpClient client, string portalUrl, string link)
    {
        var (_, editor) = await GetAsync(client, portalUrl + link);
        var form = editor.QuerySelector("form[data-run-form]") ?? throw new InvalidOperationException("No ad hoc form at " + link);
        var fields = FormFields.Of(form).Set("Draft.Intent", "run");
        var response = await client.PostAsync(portalUrl + form.GetAttribute("action"), new FormUrlEncodedContent(fields.Pairs));
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            return await GetAsync(client, new Uri(new Uri(portalUrl), response.Headers.Location!).ToString());
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public static Guid RunIdOf(IDocument page) =>
        Guid.Parse(page.QuerySelector("[data-run-id]")?.GetAttribute("data-run-id")
            ?? throw new InvalidOperationException("No run on the page; its alerts: " + string.Join(" | ", page.QuerySelectorAll("[role=alert], .alert").Select(a => a.TextContent.Trim()))));

    /// <summary>Polls the status region as htmx would until the run is final; returns that last fragment.</summary>
    public static async Task<IDocument> WaitForFinalAsync(HttpClient client, string portalUrl, Guid runId, string view = "")
        => await WaitForStatusAsync(client, portalUrl, runId, doc => FinalStatuses.Contains(doc.QuerySelector("[data-status]")?.GetAttribute("data-status")), view);

    public static async Task<IDocument> WaitForStatusAsync(HttpClient client, string portalUrl, Guid runId, Func<IDocument, bool> until, string view = "")
    {
        IDocument? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var (status, doc) = await GetAsync(client, $"{portalUrl}/ops/logs/runs/{runId}/status{view}");
            Assert.Equal(HttpStatusCode.OK, status);
            last = doc;
            if (until(doc)) return doc;
        }
        throw new TimeoutException("The run never reached the expected state; last status region: " + last?.Body?.InnerHtml);
    }

    public static string Status(IDocument doc) => doc.QuerySelector("[data-status]")!.GetAttribute("data-status")!;

    /// <summary>Letters only: the top-errors query folds everything from the first digit on.</summary>
    public static string Token() => new(Guid.NewGuid().ToString("N").Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))).ToArray());

    /// <summary>
    /// Writes JSON log lines to <c>&lt;file&gt;.jsonl</c>. Not to a live file a portal writes (portal.jsonl): its logger
    /// keeps its own write position, so lines another writer appends there get overwritten. Tests write a rotated
    /// file of the group instead (<c>portal.&lt;token&gt;.jsonl</c>), which the local engine reads as part of "portal".
    /// </summary>
    public static void Append(string directory, string file, IEnumerable<object> events)
    {
        Directory.CreateDirectory(directory);
        var text = new StringBuilder();
        foreach (var e in events) text.Append(JsonSerializer.Serialize(e)).Append('\n');
        using var stream = new FileStream(Path.Combine(directory, file + ".jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    public static string AntiforgeryToken(IDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token on the page");

    public static string Url(string query) => Uri.EscapeDataString(query);
}
