namespace Autri.Mcp.Transport;

/// <summary>
/// DNS-rebinding protection for /mcp, which the SDK does not give: a request carrying an Origin header that is not
/// on <c>Mcp:AllowedOrigins</c> gets 403 before anything else happens. Non-browser clients send no Origin and pass.
/// In Local mode a loopback origin (http or https on localhost, 127.0.0.1 or [::1], any port) is allowed too: the
/// server itself listens there, so such a page cannot be a rebinding attack, and local tools (the MCP Inspector, the
/// conformance suite) call from it. Allowed browser origins get CORS headers (and preflight answers) so browser-based
/// MCP clients work, including reading WWW-Authenticate and the protocol headers.
/// </summary>
public sealed class OriginPolicy(RequestDelegate next, IOptions<McpOptions> options)
{
    private readonly HashSet<string> _allowed = new(options.Value.AllowedOrigins, StringComparer.OrdinalIgnoreCase);
    private readonly bool _allowLoopback = options.Value.IsLocal;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(McpEndpoints.Path))
        {
            await next(context);
            return;
        }
        var origin = context.Request.Headers.Origin;
        if (origin.Count == 0)
        {
            await next(context);
            return;
        }
        if (origin.Count > 1 || !IsAllowed(origin[0]!))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrors.ServerError, "Forbidden: this Origin may not call the MCP endpoint.");
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin[0];
        headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "WWW-Authenticate, Mcp-Session-Id, MCP-Protocol-Version";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = "POST, OPTIONS";
            headers.AccessControlAllowHeaders = "Authorization, Content-Type, Accept, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID";
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await next(context);
    }

    private bool IsAllowed(string origin) => _allowed.Contains(origin) || (_allowLoopback && IsLoopbackOrigin(origin));

    /// <summary>scheme://host[:port] and nothing more, with a loopback host (the rule redirect URIs use, RFC 8252).</summary>
    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && !origin.EndsWith('/') && uri.Query.Length == 0 && uri.UserInfo.Length == 0
        && Autri.Domain.OAuth.RedirectUriRule.IsLoopbackHost(uri);
}
