using Autri.Portal.Features.Diagnostics;

namespace Autri.Portal.Tests.Features.Diagnostics;

/// <summary>
/// Diagnostics bundles made through the admin page of a real portal: what they hold, and that nothing people stored,
/// typed or were logged with ever gets into one.
/// </summary>
public sealed class DiagnosticsBundleTests(AgentPortalStack stack) : IClassFixture<AgentPortalStack>
{
    private static async Task<(Guid Id, string Json)> GenerateAsync(PortalSession admin)
    {
        var page = await admin.GetAsync(DiagnosticsPaths.Page);
        var done = await admin.FollowAsync(await admin.SubmitAsync(page, "generate-diagnostics"));
        Assert.Contains("The bundle was generated", done.Text);
        var id = Guid.Parse(done.Document.QuerySelector("tr[data-bundle]")!.GetAttribute("data-bundle")!);
        var download = await admin.Client.GetAsync(admin.PortalUrl + DiagnosticsPaths.Download(id));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", download.Content.Headers.ContentDisposition!.ToString());
        return (id, await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bundle_never_holds_what_people_stored_typed_or_were_logged_with()
    {
        var marker = ContentMarker.New();
        await ContentMarker.SeedAsync(stack.Db, marker);
        // A log line whose values (and exception message) carry the marker, as a failing request about a document would.
        var logger = stack.Portal.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Portal.Test");
        logger.LogError(new EventId(999, "document_failed"), new InvalidOperationException("while reading " + marker),
            "Could not index document {title} for {email}", "About " + marker, marker + "@customer.example.test");
        using var admin = await stack.SignInAdminAsync();

        var (_, json) = await GenerateAsync(admin);

        Assert.False(ContentMarker.IsIn(marker, json), "the bundle holds the marker");
        using var bundle = JsonDocument.Parse(json);
        var errors = bundle.RootElement.GetProperty("recent_errors").EnumerateArray().ToList();
        var logged = Assert.Single(errors, e => e.GetProperty("event").GetString() == "document_failed");
        Assert.Equal("Could not index document {title} for {email}", logged.GetProperty("template").GetString());
        Assert.Equal("System.InvalidOperationException", logged.GetProperty("exception_type").GetString());
    }

    [Fact]
    public async Task A_bundle_holds_versions_dependencies_masked_configuration_and_the_agents_health_history()
    {
        using (var agent = stack.AgentClient())
        {
            var observed = new HealthObservation(DateTimeOffset.UtcNow.AddMinutes(-5), AppHealth.Ready, AppHealth.NotReady, AppHealth.Ready, Delivered: true);
            Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync("/agent/v1/health", JsonContent.Create(observed, options: CoordinationJson.Options))).StatusCode);
        }
        using var admin = await stack.SignInAdminAsync();

        var (_, json) = await GenerateAsync(admin);

        using var bundle = JsonDocument.Parse(json);
        var root = bundle.RootElement;
        Assert.Equal(DiagnosticsBundleBuilder.Format, root.GetProperty("format").GetString());
        Assert.Equal(Autri.Portal.Features.Admin.HealthReport.Version, root.GetProperty("versions").GetProperty("portal").GetString());
        Assert.Contains(root.GetProperty("dependencies").EnumerateArray(), d => d.GetProperty("name").GetString() == "Database");
        Assert.Equal(Autri.Infra.Database.Migrator.Embedded[^1].Name, root.GetProperty("database").GetProperty("last_migration").GetString());
        Assert.Contains(root.GetProperty("health_history").EnumerateArray(), h => h.GetProperty("mcp").GetString() == "notready");
        var configuration = root.GetProperty("configuration").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray())
            .ToDictionary(v => v.GetProperty("key").GetString()!, v => v.GetProperty("value").GetString()!);
        Assert.Equal("http://127.0.0.1:" + stack.Portal.Port, configuration["Portal:PublicUrl"]);
        Assert.StartsWith("••••", configuration["ApiKeys:Peppers:1"]);
        Assert.DoesNotContain(PortalInstance.TestPepper, json);
        Assert.DoesNotContain(AgentPortalStack.AgentToken, json);
    }

    [Fact]
    public async Task An_admin_sends_a_bundle_and_sees_the_reference_the_agent_reports()
    {
        using var admin = await stack.SignInAdminAsync();
        var (id, json) = await GenerateAsync(admin);
        using var agent = stack.AgentClient();

        var page = await admin.GetAsync(DiagnosticsPaths.Page);
        var sending = await admin.FollowAsync(await admin.SubmitAsync(page, "send-diagnostics", f => f.Set("Send.Bundle", id.ToString())));
        var pending = await agent.GetFromJsonAsync<List<PendingUpload>>("/agent/v1/diagnostics/pending", CoordinationJson.Options);
        var reported = await agent.PostAsync($"/agent/v1/diagnostics/{id}/result", JsonContent.Create(new UploadResult("ref-123", null), options: CoordinationJson.Options));
        var after = await admin.GetAsync(DiagnosticsPaths.Page);

        Assert.Contains("will send the bundle", sending.Text);
        Assert.Equal(json, Assert.Single(pending!, p => p.Id == id).BundleJson);
        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
        Assert.Contains("support reference ref-123", after.Document.QuerySelector($"tr[data-bundle='{id}']")!.TextContent);
        Assert.DoesNotContain((await agent.GetFromJsonAsync<List<PendingUpload>>("/agent/v1/diagnostics/pending", CoordinationJson.Options))!, p => p.Id == id);
    }
}
