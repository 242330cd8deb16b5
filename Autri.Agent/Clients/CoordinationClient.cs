namespace Autri.Agent.Clients;

/// <summary>
/// The vendor's coordination service: every call names the licence's deployment and presents the deployment
/// credential. What goes out is a <see cref="Heartbeat"/> (the allow-list) or a diagnostics bundle an admin chose to send.
/// </summary>
public sealed class CoordinationClient(HttpClient http, AgentLicence licence, IOptions<AgentOptions> options)
{
    private string Base => $"/v1/deployments/{licence.Claims.DeploymentId}";

    public async Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "/heartbeats");
        request.Content = JsonContent.Create(heartbeat, options: CoordinationJson.Options);
        using var response = await http.SendAsync(request, ct);
        await Http.EnsureAsync(response, ct);
    }

    /// <summary>The channel's signed manifest as served, or null when nothing is published on it.</summary>
    public async Task<string?> ManifestAsync(string channel, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, "/manifests/" + channel);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await Http.EnsureAsync(response, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Sends a bundle as the portal generated it; returns the reference support files it under.</summary>
    public async Task<string> UploadDiagnosticsAsync(string bundleJson, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "/diagnostics");
        request.Content = new StringContent(bundleJson, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, ct);
        await Http.EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<Receipt>(ct))!.Reference.ToString();
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, Base + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.DeploymentCredential);
        return request;
    }

    private sealed record Receipt(Guid Reference);
}
