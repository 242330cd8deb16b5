using Autri.Mcp.Audit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Autri.Mcp.Transport;

/// <summary>
/// MCP Streamable HTTP, stateless: POST /mcp carries one JSON-RPC message and gets the answer as an SSE stream
/// (or 202 for a notification). Each request gets its own transport and server from ModelContextProtocol.Core,
/// so any instance can answer any request and no session state exists. The host glue the SDK leaves to us, in
/// order: origin (<see cref="OriginPolicy"/>), credentials (401/403), Accept (406), MCP-Protocol-Version (400),
/// Content-Type (415), JSON (400). Session headers are accepted and ignored; GET and DELETE answer 405.
/// </summary>
public static class McpEndpoints
{
    public const string Path = "/mcp";
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");

    public static void MapMcp(this WebApplication app)
    {
        app.MapPost(Path, HandlePostAsync);
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Delete, HttpMethods.Put, HttpMethods.Patch], (HttpContext context) =>
        {
            // No server-initiated stream and no sessions to delete in stateless mode.
            context.Response.Headers.Allow = "POST";
            return JsonRpcErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, JsonRpcErrors.ServerError,
                "Method Not Allowed: this stateless server accepts POST only.");
        });
    }

    private static async Task HandlePostAsync(HttpContext context, CallerAuthenticator authenticator, FailedAuthLimiter failedAuth, ToolCatalog tools,
        ILoggerFactory loggers, IServiceProvider services, ResourceDescription resource)
    {
        var ct = context.RequestAborted;
        var address = FailedAuthLimiter.AddressOf(context);
        if (failedAuth.IsBlocked(address, out var retryAfter))
        {
            await TooManyFailuresAsync(context, address, retryAfter, loggers);
            return;
        }
        var auth = await authenticator.AuthenticateAsync(context.Request, ct);
        if (auth.Failure is { } failure)
        {
            failedAuth.Record(address, failure);
            await RefuseAsync(context, failure, resource);
            return;
        }

        var accept = context.Request.GetTypedHeaders().Accept;
        if (!Accepts(accept, Json) || !Accepts(accept, EventStream))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, JsonRpcErrors.ServerError,
                "Not Acceptable: the client must accept both application/json and text/event-stream.");
            return;
        }
        var version = context.Request.Headers[ProtocolVersions.Header].ToString();
        if (!ProtocolVersions.IsAcceptable(version))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrors.InvalidRequest,
                $"Bad Request: unsupported MCP-Protocol-Version. Supported: {string.Join(", ", ProtocolVersions.Supported)}.");
            return;
        }
        if (!IsJson(context.Request.ContentType))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, JsonRpcErrors.InvalidRequest,
                "Unsupported Media Type: send the JSON-RPC message as application/json.");
            return;
        }

        JsonRpcMessage? message;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            message = (JsonRpcMessage?)await JsonSerializer.DeserializeAsync(context.Request.Body,
                McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)), ct);
        }
        catch (JsonException)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrors.ParseError,
                "Parse error: the body is not one well-formed JSON-RPC message.");
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await JsonRpcErrors.WriteAsync(context, ex.StatusCode, JsonRpcErrors.InvalidRequest,
                ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"Payload Too Large: at most {MaxBodyBytes} bytes." : "Bad Request.");
            return;
        }
        if (message is null)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrors.InvalidRequest,
                "Invalid Request: the body must be a JSON-RPC request or notification.");
            return;
        }
        message.Context = new JsonRpcMessageContext { ProtocolVersion = string.IsNullOrEmpty(version) ? null : version };
        SessionStartLog.Write(loggers.CreateLogger("Autri.Mcp.Sessions"), auth.Caller!, message);

        await RunServerAsync(context, message, tools.OptionsFor(auth.Caller!), loggers, services, ct);
    }

    /// <summary>
    /// The revision the answer is in: the header, or for initialize the revision the client asks for (the SDK answers
    /// with it when it speaks it, which is when priming matters).
    /// </summary>
    private static string? VersionOf(JsonRpcMessage message, string header) =>
        header.Length > 0 ? header
        : message is JsonRpcRequest { Method: RequestMethods.Initialize, Params: System.Text.Json.Nodes.JsonObject p }
          && p["protocolVersion"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var requested) ? requested
        : null;

    private static async Task RunServerAsync(HttpContext context, JsonRpcMessage message, McpServerOptions serverOptions,
        ILoggerFactory loggers, IServiceProvider services, CancellationToken ct)
    {
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies (nginx, AgentCore's front) must not hold events back
        response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        // MCP 2025-11-25: a POST stream starts with an event carrying an id and a retry hint but no data, so a client
        // that loses the connection knows it may reconnect. This server is stateless and keeps no events to replay
        // (GET answers 405), so a reconnecting client learns there is nothing to resume and sends the request again.
        if (message is JsonRpcRequest && ProtocolVersions.ExpectsPrimingEvent(VersionOf(message, context.Request.Headers[ProtocolVersions.Header].ToString())))
            await response.Body.WriteAsync(PrimingEvent(), ct);

        var transport = new StreamableHttpServerTransport(loggers) { Stateless = true };
        var server = McpServer.Create(transport, serverOptions, loggers, services);
        var run = server.RunAsync(ct);
        try
        {
            var wrote = await transport.HandlePostRequestAsync(message, response.Body, ct);
            if (!wrote && !response.HasStarted)
            {
                response.Headers.ContentType = default;
                response.Headers.ContentEncoding = default;
                response.StatusCode = StatusCodes.Status202Accepted;
            }
        }
        finally
        {
            await transport.DisposeAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
            }
            await server.DisposeAsync();
        }
    }

    public const int PrimingRetryMilliseconds = 2000;

    private static byte[] PrimingEvent() =>
        System.Text.Encoding.UTF8.GetBytes($"id: {Guid.NewGuid():N}\nretry: {PrimingRetryMilliseconds}\ndata: \n\n");

    private static Task RefuseAsync(HttpContext context, AuthFailure failure, ResourceDescription resource)
    {
        if (failure.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "5";
        else
            context.Response.Headers.WWWAuthenticate = AuthChallenge.For(failure, resource);
        return JsonRpcErrors.WriteAsync(context, failure.Status, JsonRpcErrors.Unauthorized, failure.Description);
    }

    private static Task TooManyFailuresAsync(HttpContext context, string address, int retryAfter, ILoggerFactory loggers)
    {
        loggers.CreateLogger("Autri.Mcp.RateLimiting").LogWarning(new EventId(21, "mcp_rate_limited"),
            "MCP request refused: {client_address} is over the failed-authentication limit (retry after {retry_after_s} s)", address, retryAfter);
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, JsonRpcErrors.Unauthorized,
            $"Too many refused credentials from this address. Wait {retryAfter} seconds, then try again with a valid token or API key.");
    }

    private static bool Accepts(IList<MediaTypeHeaderValue> accept, MediaTypeHeaderValue type) =>
        accept.Any(a => a.MediaType.Equals(type.MediaType, StringComparison.OrdinalIgnoreCase));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
