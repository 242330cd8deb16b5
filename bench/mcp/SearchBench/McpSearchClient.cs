using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Autri.Bench.Search;

/// <summary>One hit of search_documents as the bench reads it.</summary>
public sealed record Hit(Guid Id, string Title);

/// <summary>search_documents over Streamable HTTP (benchmark mode: no credentials), timed per call.</summary>
public sealed class McpSearchClient(string endpoint)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task<(List<Hit> Hits, double Ms)> SearchAsync(string query)
    {
        var body = JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0", id = 1, method = "tools/call", @params = new { name = "search_documents", arguments = new { query, limit = 10 } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        var started = Stopwatch.GetTimestamp();
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var data = text.Split('\n').First(l => l.StartsWith("data:", StringComparison.Ordinal))[5..];
        using var json = JsonDocument.Parse(data);
        var result = json.RootElement.GetProperty("result");
        if (result.TryGetProperty("isError", out var isError) && isError.GetBoolean())
            throw new InvalidOperationException($"search_documents refused '{query}': {result.GetProperty("content")[0].GetProperty("text").GetString()}");
        var hits = result.GetProperty("structuredContent").GetProperty("results").EnumerateArray()
            .Select(h => new Hit(Guid.Parse(h.GetProperty("id").GetString()!), h.GetProperty("title").GetString()!)).ToList();
        return (hits, ms);
    }
}
