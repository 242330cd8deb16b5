using Autri.Infra.Releases;

namespace Autri.Agent.Releases;

/// <summary>
/// Fetches the release manifest of the deployment's channel, verifies its signature with the vendor key, and applies
/// <see cref="ManifestRule"/>: a manifest that is tampered with, signed by anyone else, for another product or
/// channel, or older than what runs is refused and logged; a newer release is reported to the portal, which checks it
/// again and notifies the admins. Applying it stays the customer's own deploy.
/// </summary>
public sealed class ReleaseWatch(CoordinationClient coordination, PortalClient portal, VendorPublicKey vendor, IOptions<AgentOptions> options,
    ILogger<ReleaseWatch> log)
{
    public async Task CheckAsync(string runningVersion, CancellationToken ct)
    {
        var o = options.Value;
        try
        {
            var document = await coordination.ManifestAsync(o.Channel, ct);
            if (document is null) return;
            var check = await ManifestDocument.VerifyAsync(document, vendor.Key);
            var running = ReleaseVersion.TryParse(runningVersion, out var v) ? v : null;
            var refusal = check.Manifest is not { } manifest ? check.Problem
                : running is null ? "the portal's running version is unknown"
                : ManifestRule.Judge(manifest, o.Channel, running).Refusal;
            if (refusal is not null)
            {
                log.LogWarning(new EventId(30, "manifest_refused"), "Refused the {channel} release manifest: {problem}", o.Channel, refusal);
                return;
            }
            if (check.Manifest!.Version <= running!) return;
            var announced = await portal.ReportReleaseAsync(new ReleaseReport(document, o.Channel, o.Environment), ct);
            log.LogInformation(new EventId(31, "release_available"), "Release {version} is available on {channel}; {notified} admin(s) notified now",
                check.Manifest.Version.ToString(), o.Channel, announced.Notified);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(new EventId(32, "manifest_check_failed"), "Could not check for a release ({reason})", ex.Message);
        }
    }
}
