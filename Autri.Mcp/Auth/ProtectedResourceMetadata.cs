using Microsoft.AspNetCore.Http.HttpResults;

namespace Autri.Mcp.Auth;

/// <summary>
/// RFC 9728 protected-resource metadata, at the root well-known path (what WWW-Authenticate points to) and at the
/// path-suffixed variant for the /mcp endpoint, whose <c>resource</c> is the endpoint URL as the RFC requires.
/// Public and cacheable; any origin may read it, and browsers may read WWW-Authenticate from our responses.
/// </summary>
public static class ProtectedResourceMetadata
{
    public const string Path = "/.well-known/oauth-protected-resource";

    public static void MapProtectedResourceMetadata(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<McpOptions>>().Value;
        var resource = options.ResourceUrl.TrimEnd('/');
        app.MapGet(Path, (HttpContext context) => Document(context, resource, options));
        app.MapGet(Path + "/mcp", (HttpContext context) => Document(context, resource + "/mcp", options));
        app.MapMethods(Path, ["OPTIONS"], (HttpContext context) => Preflight(context));
        app.MapMethods(Path + "/mcp", ["OPTIONS"], (HttpContext context) => Preflight(context));
    }

    private static JsonHttpResult<Dictionary<string, object>> Document(HttpContext context, string resource, McpOptions options)
    {
        AllowAnyOrigin(context.Response);
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["resource"] = resource,
            ["authorization_servers"] = options.EffectiveAuthorizationServers,
            ["scopes_supported"] = new[] { options.RequiredScope },
            ["bearer_methods_supported"] = new[] { "header" },
            ["resource_name"] = "Autri documents",
        });
    }

    private static NoContent Preflight(HttpContext context)
    {
        AllowAnyOrigin(context.Response);
        context.Response.Headers.AccessControlAllowMethods = "GET, OPTIONS";
        context.Response.Headers.AccessControlMaxAge = "600";
        return TypedResults.NoContent();
    }

    private static void AllowAnyOrigin(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "WWW-Authenticate";
    }
}
