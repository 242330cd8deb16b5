namespace Autri.Mcp.Tests.Support;

/// <summary>Raw Streamable HTTP requests to /mcp: every header under the test's control, SSE answers parsed.</summary>
public sealed class McpHttp(string endpoint)
{
    public const string BothTypes = "application/json, text/event-stream";
    private static readonly HttpClient Http = new();
    private int _id;

    public async Task<HttpResponseMessage> PostAsync(string body, string? bearer, string accept = BothTypes,
        string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        return await Http.SendAsync(request);
    }

    public string Request(string method, object? @params = null) =>
        JsonSerializer.Serialize(new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = @params ?? new { } });

    /// <summary>One JSON-RPC request; asserts 200 + SSE and returns the response object.</summary>
    public async Task<JsonElement> RpcAsync(string? bearer, string method, object? @params = null, IDictionary<string, string>? headers = null)
    {
        using var response = await PostAsync(Request(method, @params), bearer, headers: headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return SingleEvent(text);
    }

    /// <summary>tools/call; returns the result (content, structuredContent, isError).</summary>
    public async Task<JsonElement> CallToolAsync(string? bearer, string tool, object arguments)
    {
        var response = await RpcAsync(bearer, "tools/call", new { name = tool, arguments });
        Assert.True(response.TryGetProperty("result", out var result), response.GetRawText());
        return result;
    }

    /// <summary>How many tools tools/list offers the credential: the plainest proof that it is accepted.</summary>
    public async Task<int> ToolCountAsync(string bearer) =>
        (await RpcAsync(bearer, "tools/list")).GetProperty("result").GetProperty("tools").GetArrayLength();

    /// <summary>tools/list with a credential that must be refused: asserts 401 and returns the WWW-Authenticate challenge.</summary>
    public async Task<string> RefusedChallengeAsync(string? bearer)
    {
        using var response = await PostAsync(Request("tools/list"), bearer);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return response.Headers.WwwAuthenticate.ToString();
    }

    /// <summary>The one message of an SSE answer (a priming event, which has an id and no data, is not a message).</summary>
    public static JsonElement SingleEvent(string sse)
    {
        var data = sse.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).Where(d => d.Length > 0).ToList();
        Assert.True(data.Count == 1, "expected one SSE data line in: " + sse);
        return JsonDocument.Parse(data[0]).RootElement.Clone();
    }
}
