using Autri.Domain.Coordination;
using Autri.Domain.Releases;
using Autri.Infra.Releases;

namespace Autri.Portal.Features.AgentApi;

/// <summary>
/// What the coordination agent calls (the agent opens no port: the portal never calls it). Counts and versions out;
/// the licence, health observations, release manifests and upload results in. Licences and manifests are verified
/// here again with the vendor key, so a leaked agent token cannot put words in the vendor's mouth.
/// </summary>
public static class AgentApiEndpoints
{
    public const string Prefix = "/agent/v1";

    public static void MapAgentApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<AgentApiOptions>>().Value.Enabled) return;
        var api = app.MapGroup(Prefix).AddEndpointFilter<AgentTokenCheck>().DisableAntiforgery();
        api.MapGet("/status", StatusAsync);
        api.MapPut("/licence", InstallLicenceAsync);
        api.MapPost("/health", RecordHealthAsync);
        api.MapPost("/releases", AnnounceReleaseAsync);
        api.MapGet("/diagnostics/pending", PendingUploadsAsync);
        api.MapPost("/diagnostics/{id:guid}/result", UploadResultAsync);
    }

    private static async Task<IResult> StatusAsync(DeploymentCounts counts, CancellationToken ct) =>
        AgentJson.Ok(await counts.ReadAsync(HealthReport.Version, ct));

    private static async Task<IResult> InstallLicenceAsync(HttpRequest request, InstalledLicence licence, ILoggerFactory logs, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var document = await reader.ReadToEndAsync(ct);
        var check = await licence.InstallAsync(document, ct);
        if (check.IsValid) return TypedResults.NoContent();
        logs.CreateLogger("Autri.Portal.AgentApi").LogWarning(new EventId(80, "licence_refused"), "Refused the licence the agent sent: {problem}", check.Problem);
        return TypedResults.UnprocessableEntity(new { problem = check.Problem });
    }

    private static async Task<IResult> RecordHealthAsync(HttpRequest request, HealthHistory history, CancellationToken ct)
    {
        if (await AgentJson.ReadAsync<HealthObservation>(request, ct) is not { } observation) return TypedResults.BadRequest();
        await history.RecordAsync(observation, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AnnounceReleaseAsync(HttpRequest request, VendorPublicKey vendor, ReleaseNotices notices, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("Autri.Portal.AgentApi");
        if (await AgentJson.ReadAsync<ReleaseReport>(request, ct) is not { } report) return TypedResults.BadRequest();
        if (!ReleaseChannel.IsKnown(report.Channel) || !ManifestRule.IsEnvironmentName(report.Environment))
            return TypedResults.UnprocessableEntity(new { problem = "unknown channel or environment name" });
        var check = await ManifestDocument.VerifyAsync(report.Manifest, vendor.Key);
        var running = ReleaseVersion.TryParse(HealthReport.Version, out var v) ? v : new ReleaseVersion(0, 0, 0, "");
        var refusal = check.Manifest is { } m ? ManifestRule.Judge(m, report.Channel, running).Refusal : check.Problem;
        if (refusal is not null)
        {
            log.LogWarning(new EventId(81, "release_refused"), "Refused the release manifest the agent sent: {problem}", refusal);
            return TypedResults.UnprocessableEntity(new { problem = refusal });
        }
        var manifest = check.Manifest!;
        if (manifest.Version <= running) return AgentJson.Ok(new ReleaseAnnouncement(false, 0));
        var notified = await notices.AnnounceAsync(manifest, report.Environment, ct);
        if (notified > 0)
            log.LogInformation(new EventId(82, "release_announced"), "Release {version} ({channel}) announced to {count} admin(s)", manifest.Version.ToString(), manifest.Channel, notified);
        return AgentJson.Ok(new ReleaseAnnouncement(true, notified));
    }

    private static async Task<IResult> PendingUploadsAsync(DiagnosticsBundles bundles, CancellationToken ct) =>
        AgentJson.Ok(await bundles.PendingAsync(5, ct));

    private static async Task<IResult> UploadResultAsync(Guid id, HttpRequest request, DiagnosticsBundles bundles, CancellationToken ct)
    {
        if (await AgentJson.ReadAsync<UploadResult>(request, ct) is not { } result || (result.Reference is null) == (result.Error is null))
            return TypedResults.BadRequest();
        return await bundles.RecordResultAsync(id, result with { Error = result.Error?[..Math.Min(result.Error.Length, 500)] }, ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}

/// <summary>The portal's answer to a release report: whether it is newer than what runs, and how many admins were told now.</summary>
public sealed record ReleaseAnnouncement(bool Newer, int Notified);
