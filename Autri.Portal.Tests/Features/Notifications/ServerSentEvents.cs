namespace Autri.Portal.Tests.Features.Notifications;

public sealed record ServerSentEvent(string? Id, string? Name, string Data);

/// <summary>Reads an open text/event-stream response the way EventSource does: comments skipped, data lines joined.</summary>
public sealed class ServerSentEvents : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private ServerSentEvents(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response => _response;

    public string? Retry { get; private set; }

    public int Comments { get; private set; }

    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Stream {url} answered {(int)response.StatusCode}");
        return new ServerSentEvents(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event, waiting up to a generous bound (no timing is asserted, only that it comes) unless told how long.</summary>
    public async Task<ServerSentEvent> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Generous);
        string? id = null, name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended");
            if (line.Length == 0)
            {
                if (data.Count > 0 || name is not null) return new ServerSentEvent(id, name, string.Join('\n', data));
                continue;
            }
            if (line.StartsWith(':')) { Comments++; continue; }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
                case "retry": Retry = value; break;
            }
        }
    }

    /// <summary>Events until one satisfies <paramref name="match"/> (a broadcast by another test may come first).</summary>
    public async Task<ServerSentEvent> NextMatchingAsync(Func<ServerSentEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            var e = await NextAsync();
            if (match(e)) return e;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
