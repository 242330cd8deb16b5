using System.Diagnostics;

namespace Autri.Portal.Web;

/// <summary>One http_request line per request (the shape the slow-requests query reads), with a request id scope.</summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> log)
{
    private static readonly EventId HttpRequest = new(1, "http_request");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = log.BeginScope(new Dictionary<string, object?> { ["request_id"] = context.TraceIdentifier });
        try
        {
            await next(context);
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var userId = PortalClaims.UserIdOf(context.User)?.ToString();
            log.LogInformation(HttpRequest, "{method} {path} -> {status} in {duration_ms} ms (user {user_id})",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, Math.Round(ms, 1), userId);
        }
    }
}
