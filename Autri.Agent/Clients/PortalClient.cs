namespace Autri.Agent.Clients;

/// <summary>
/// The portal, as the agent reaches it (outbound, like everything the agent does): its public probes, and its agent
/// API with the agent token. The portal never calls the agent.
/// </summary>
public sealed class PortalClient(HttpClient http, IOptions<AgentOptions> options)
{
    private const string Api = "/agent/v1";

    public Task<(AppHealth Health, string Body)> ReadinessAsync(CancellationToken ct) => AppProbes.ReadinessAsync(http, ct);

    public Task<string?> VersionAsync(CancellationToken ct) => AppProbes.VersionAsync(http, ct);

    public async Task<PortalStatus> StatusAsync(CancellationToken ct) =>
        (await SendAsync<PortalStatus>(new HttpRequestMessage(HttpMethod.Get, Api + "/status"), ct))!;

    public Task InstallLicenceAsync(string document, CancellationToken ct) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Put, Api + "/licence") { Content = new StringContent(document) }, ct);

    public Task RecordHealthAsync(HealthObservation observation, CancellationToken ct) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Post, Api + "/health") { Content = Json(observation) }, ct);

    public async Task<ReleaseAnnouncement> ReportReleaseAsync(ReleaseReport report, CancellationToken ct) =>
        (await SendAsync<ReleaseAnnouncement>(new HttpRequestMessage(HttpMethod.Post, Api + "/releases") { Content = Json(report) }, ct))!;

    public async Task<IReadOnlyList<PendingUpload>> PendingUploadsAsync(CancellationToken ct) =>
        (await SendAsync<List<PendingUpload>>(new HttpRequestMessage(HttpMethod.Get, Api + "/diagnostics/pending"), ct))!;

    public Task ReportUploadAsync(Guid id, UploadResult result, CancellationToken ct) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Post, $"{Api}/diagnostics/{id}/result") { Content = Json(result) }, ct);

    private static JsonContent Json<T>(T value) => JsonContent.Create(value, options: CoordinationJson.Options);

    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken ct) where T : class
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.PortalToken);
        using var response = await http.SendAsync(request, ct);
        await Http.EnsureAsync(response, ct);
        if (typeof(T) == typeof(object) || response.StatusCode == HttpStatusCode.NoContent) return null;
        return await response.Content.ReadFromJsonAsync<T>(CoordinationJson.Options, ct);
    }
}

/// <summary>The portal's answer to a release report (the same shape the portal writes).</summary>
public sealed record ReleaseAnnouncement(bool Newer, int Notified);
