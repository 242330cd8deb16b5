using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Autri.Agent.Tests.Support;

/// <summary>One request as it went over the wire: method, path and query, every header, the body's bytes.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Everything of the request as one text, to search for what must never be in it.</summary>
    public string Everything => $"{Method} {PathAndQuery}\n{string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{BodyText}";
}

/// <summary>
/// A pass-through HTTP proxy on a loopback port in front of the coordination service: the agent is pointed at it, it
/// records every request byte for byte and forwards it, so a test can search all the agent ever sent to the vendor.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Content-Length" };
    private readonly List<RecordedRequest> _requests = [];
    private readonly HttpClient _upstream = new();
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<RecordingProxy> StartAsync(string target)
    {
        var proxy = new RecordingProxy();
        var port = FreePort.Next();
        proxy.Url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(proxy.Url);
        builder.Logging.ClearProviders();
        proxy._app = builder.Build();
        proxy._app.Run(context => proxy.ForwardAsync(context, target.TrimEnd('/')));
        await proxy._app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, string target)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = context.Request;
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList();
        lock (_requests) _requests.Add(new RecordedRequest(request.Method, request.Path + request.QueryString, headers, body.ToArray()));

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), target + request.Path + request.QueryString);
        if (body.Length > 0 || request.ContentType is not null) forward.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, value) in headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!forward.Headers.TryAddWithoutValidation(name, value)) forward.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var answer = await _upstream.SendAsync(forward);
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var h in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                context.Response.Headers[h.Key] = h.Value.ToArray();
            await answer.Content.CopyToAsync(context.Response.Body);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
