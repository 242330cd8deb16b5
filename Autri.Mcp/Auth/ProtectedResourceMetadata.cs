using Microsoft.AspNetCore.Http.HttpResults;

namespace Autri.Mcp.Auth;

/// <summary>
/// RFC 9728 protected-resource metadata for the endpoint at the path-specific location the 401 challenge names
/// (<c>/.well-known/oauth-protected-resource/mcp</c>, resource = the endpoint URL exactly as clients dial it: RFC 9728
/// §3.3 has clients discard a document whose resource differs), and for the origin at the root well-known path.
/// Public and cacheable; any origin may read it, and browsers may read WWW-Authenticate from our responses.
/// </summary>
public static class ProtectedResourceMetadata
{
    public static void MapProtectedResourceMetadata(this WebApplication app)
    {
        var resource = app.Services.GetRequiredService<ResourceDescription>();
        const string path = ResourceDescription.MetadataPath;
        app.MapGet(path + Transport.McpEndpoints.Path, (HttpContext context) => Document(context, resource.Endpoint.Canonical, resource));
        app.MapGet(path, (HttpContext context) => Document(context, resource.BaseUrl, resource));
        app.MapMethods(path + Transport.McpEndpoints.Path, ["OPTIONS"], (HttpContext context) => Preflight(context));
        app.MapMethods(path, ["OPTIONS"], (HttpContext context) => Preflight(context));
    }

    private static JsonHttpResult<Dictionary<string, object>> Document(HttpContext context, string resourceUrl, ResourceDescription resource)
    {
        AllowAnyOrigin(context.Response);
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["resource"] = resourceUrl,
            ["authorization_servers"] = resource.AuthorizationServers,
            ["scopes_supported"] = resource.ScopesSupported,
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
