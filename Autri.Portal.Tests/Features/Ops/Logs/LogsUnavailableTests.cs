using static Autri.Portal.Tests.Features.Ops.Logs.LogsTestSupport;

namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>
/// Local mode without a logs folder: the Logs pages are registered as everywhere else, say why nothing can run,
/// and start nothing.
/// </summary>
[Collection(PortalCollection.Name)]
public class LogsUnavailableTests(PortalStack stack)
{
    [Fact]
    public async Task Without_a_logs_folder_a_runbook_link_explains_why_it_cannot_run_and_starts_nothing()
    {
        var port = FreePort.Next();
        await using var idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{port}"]);
        await using var portal = await PortalInstance.StartAsync(port, stack.ConnectionString, idp.Issuer, stack.LogsDirectory,
            new Dictionary<string, string?> { ["Portal:LocalLogsDirectory"] = null });
        using var admin = await SignInAdminAsync(portal.Url);

        var (status, page) = await GetAsync(admin.Client, portal.Url + "/ops/logs/top-errors?range=1h");
        var (missing, _) = await GetAsync(admin.Client, portal.Url + $"/ops/logs/runs/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("Portal:LocalLogsDirectory is not set", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("[data-status]"));
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}
