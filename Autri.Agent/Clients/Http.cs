namespace Autri.Agent.Clients;

/// <summary>How the agent tells "the other side is down" from "the other side said no".</summary>
public static class Http
{
    /// <summary>Every call the agent makes gives up after this long; an unanswered call counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>No answer at all: refused, reset, DNS, TLS, timed out.</summary>
    public static bool IsUnreachable(Exception ex) => ex is HttpRequestException { StatusCode: null } or TaskCanceledException or TimeoutException;

    /// <summary>Throws <see cref="HttpRequestException"/> with the status (and the service's short reason) when not successful.</summary>
    public static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {(text.Length > 300 ? text[..300] : text)}", null, response.StatusCode);
    }

    public static bool Is(Exception ex, HttpStatusCode status) => ex is HttpRequestException h && h.StatusCode == status;
}
