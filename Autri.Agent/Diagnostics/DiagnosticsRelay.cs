namespace Autri.Agent.Diagnostics;

/// <summary>
/// Carries the diagnostics bundles admins chose to send from the portal to the coordination service, as the portal made
/// them, and reports the reference (or a refusal) back. A bundle the service cannot be reached for stays pending.
/// </summary>
public sealed class DiagnosticsRelay(PortalClient portal, CoordinationClient coordination, ILogger<DiagnosticsRelay> log)
{
    public async Task RelayAsync(CancellationToken ct)
    {
        IReadOnlyList<PendingUpload> pending;
        try
        {
            pending = await portal.PendingUploadsAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(new EventId(40, "diagnostics_pending_failed"), "Could not ask the portal for bundles to send ({reason})", ex.Message);
            return;
        }
        foreach (var upload in pending)
        {
            UploadResult result;
            try
            {
                result = new UploadResult(await coordination.UploadDiagnosticsAsync(upload.BundleJson, ct), null);
                log.LogInformation(new EventId(41, "diagnostics_uploaded"), "Sent diagnostics bundle {bundle_id} to support as {reference}", upload.Id, result.Reference);
            }
            catch (HttpRequestException ex) when (ex.StatusCode is { } status && status != HttpStatusCode.Unauthorized && (int)status < 500)
            {
                result = new UploadResult(null, status == HttpStatusCode.RequestEntityTooLarge ? "the bundle is larger than the service accepts" : ex.Message);
                log.LogWarning(new EventId(42, "diagnostics_refused"), "Support refused diagnostics bundle {bundle_id}: {reason}", upload.Id, result.Error);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                log.LogWarning(new EventId(43, "diagnostics_upload_failed"), "Could not send diagnostics bundle {bundle_id} yet ({reason})", upload.Id, ex.Message);
                continue;
            }
            try
            {
                await portal.ReportUploadAsync(upload.Id, result, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                log.LogWarning(new EventId(44, "diagnostics_report_failed"), "Could not tell the portal about bundle {bundle_id} ({reason})", upload.Id, ex.Message);
            }
        }
    }
}
