namespace Autri.Domain.OAuth;

/// <summary>
/// What a client metadata document (an https <c>client_id</c> that is the URL of its own metadata, per the MCP
/// authorization spec's "Client ID Metadata Documents") says about its client, as far as we use it.
/// </summary>
public sealed record ClientMetadataDocument(string? ClientId, string? ClientName, IReadOnlyList<string> RedirectUris, string? TokenEndpointAuthMethod)
{
    public const int MaxBytes = 5 * 1024;

    /// <summary>OpenIddict's store holds a client_id of at most 100 characters.</summary>
    public const int MaxUrlLength = 100;

    /// <summary>
    /// True when <paramref name="clientId"/> is meant as a metadata document URL: https, or (local mode only, so tests
    /// can serve one) http on a loopback host. Anything else is an ordinary client id.
    /// </summary>
    public static bool IsDocumentUrl(string clientId, bool allowLoopbackHttp) =>
        clientId.StartsWith("https://", StringComparison.Ordinal)
        || (allowLoopbackHttp && clientId.StartsWith("http://", StringComparison.Ordinal)
            && Uri.TryCreate(clientId, UriKind.Absolute, out var uri) && RedirectUriRule.IsLoopbackHost(uri));

    /// <summary>Null when the URL may be fetched, else why not: it must have a path and no fragment, user info or dot segments.</summary>
    public static string? UrlProblem(string clientId)
    {
        if (clientId.Length > MaxUrlLength) return $"the client_id URL is longer than {MaxUrlLength} characters";
        if (!Uri.TryCreate(clientId, UriKind.Absolute, out var uri)) return "the client_id is not an absolute URL";
        if (uri.Fragment.Length > 0 || clientId.Contains('#')) return "the client_id URL has a fragment";
        if (uri.UserInfo.Length > 0) return "the client_id URL has user info";
        if (uri.AbsolutePath is "" or "/") return "the client_id URL has no path";
        if (clientId.Contains("/./", StringComparison.Ordinal) || clientId.Contains("/../", StringComparison.Ordinal)) return "the client_id URL has dot segments";
        return null;
    }

    /// <summary>Null when the document vouches for <paramref name="url"/> and <paramref name="redirectUri"/>, else why not.</summary>
    public string? Problem(string url, string? redirectUri)
    {
        if (!string.Equals(ClientId, url, StringComparison.Ordinal))
            return $"the metadata document names client_id \"{ClientId}\", not its own URL";
        if (RedirectUris.Count == 0) return "the metadata document lists no redirect_uris";
        foreach (var uri in RedirectUris)
        {
            if (RedirectUriRule.Problem(uri) is { } problem) return "the metadata document's " + problem;
        }
        if (redirectUri is not null && !RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
            return "the redirect_uri is not one of the metadata document's redirect_uris";
        if (TokenEndpointAuthMethod is not (null or "none"))
            return $"token_endpoint_auth_method \"{TokenEndpointAuthMethod}\" is not supported for metadata-document clients (only \"none\")";
        return null;
    }
}
