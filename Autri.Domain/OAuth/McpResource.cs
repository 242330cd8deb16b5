namespace Autri.Domain.OAuth;

/// <summary>
/// The MCP server as an OAuth resource (RFC 8707): the URL clients dial, e.g. https://mcp.example.com/mcp.
/// Clients name it in <c>resource</c> either exactly so or by its origin (some strip the path, some add a
/// trailing slash); each of those means this one resource, and tokens always carry the canonical form as
/// <c>aud</c>, which is what the MCP server checks.
/// </summary>
public sealed class McpResource
{
    private readonly Uri _canonical;

    public McpResource(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new ArgumentException($"The MCP endpoint must be an absolute http(s) URL without query or fragment (was \"{endpoint}\")", nameof(endpoint));
        _canonical = uri;
        Canonical = endpoint.TrimEnd('/');
    }

    /// <summary>The resource as clients dial it, without a trailing slash: the access token's <c>aud</c>.</summary>
    public string Canonical { get; }

    /// <summary>True when <paramref name="requested"/> names this resource: its URL or its origin, with or without a trailing slash.</summary>
    public bool Accepts(string requested)
    {
        if (!Uri.TryCreate(requested, UriKind.Absolute, out var uri)) return false;
        if (!string.Equals(uri.Scheme, _canonical.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, _canonical.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != _canonical.Port
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || requested.Contains('#')) return false;
        var path = uri.AbsolutePath.TrimEnd('/');
        return path.Length == 0 || path == _canonical.AbsolutePath.TrimEnd('/');
    }
}
