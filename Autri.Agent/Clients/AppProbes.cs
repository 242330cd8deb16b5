namespace Autri.Agent.Clients;

/// <summary>An app's public probes: <c>/readyz</c> (health) and <c>/version</c>.</summary>
public static class AppProbes
{
    /// <summary>200 ready; any other answer not ready (with its text, e.g. "database unreachable"); no answer unreachable.</summary>
    public static async Task<(AppHealth Health, string Body)> ReadinessAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("/readyz", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode == HttpStatusCode.OK ? AppHealth.Ready : AppHealth.NotReady, body);
        }
        catch (Exception ex) when (Http.IsUnreachable(ex) && !ct.IsCancellationRequested)
        {
            return (AppHealth.Unreachable, "");
        }
    }

    /// <summary>The version <c>/version</c> reports, or null when it cannot be had.</summary>
    public static async Task<string?> VersionAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            return (await http.GetFromJsonAsync<AppVersion>("/version", ct))?.Version;
        }
        catch (Exception ex) when ((Http.IsUnreachable(ex) || ex is HttpRequestException or System.Text.Json.JsonException) && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
