namespace Autri.Domain.OAuth;

/// <summary>
/// Which redirect URIs a client may register (RFC 7591 with OAuth 2.1 and RFC 8252): https anywhere, or http on a
/// loopback host (127.0.0.1, [::1], localhost) with any port; never a fragment, a wildcard, user info or another scheme.
/// </summary>
public static class RedirectUriRule
{
    public const int MaxLength = 2000;

    /// <summary>Null when <paramref name="value"/> may be registered, else the reason (safe to show to the client).</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "a redirect URI is empty";
        if (value.Length > MaxLength) return $"a redirect URI is longer than {MaxLength} characters";
        if (value.Contains('*')) return $"redirect URI \"{value}\" contains a wildcard";
        if (value.Contains('#')) return $"redirect URI \"{value}\" contains a fragment";
        if (value.Any(char.IsWhiteSpace) || value.Any(char.IsControl)) return $"redirect URI \"{value}\" contains spaces or control characters";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)) return $"redirect URI \"{value}\" is not an absolute URL";
        if (uri.UserInfo.Length > 0) return $"redirect URI \"{value}\" contains user info";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp)
            return IsLoopbackHost(uri) ? null : $"redirect URI \"{value}\" uses http on a host that is not loopback (use https, or http on 127.0.0.1, [::1] or localhost)";
        return $"redirect URI \"{value}\" uses the scheme \"{uri.Scheme}\" (only https, or http on a loopback host, is allowed)";
    }

    /// <summary>127.0.0.1, [::1] or localhost: the hosts RFC 8252 lets a native app listen on with any port.</summary>
    public static bool IsLoopbackHost(Uri uri) =>
        uri.Host is "127.0.0.1" or "[::1]" or "::1" || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For a loopback http redirect URI, the same URI without its port. Registering it too lets OpenIddict's RFC 8252
    /// rule for native clients (a port-less registered loopback URI matches any port) accept the port the client
    /// picks at authorization time.
    /// </summary>
    public static string? AnyPortForm(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !IsLoopbackHost(uri) || uri.IsDefaultPort) return null;
        // OpenIddict compares the parsed path, query and host, so the normalized form is enough.
        return new UriBuilder(uri) { Port = -1 }.Uri.AbsoluteUri;
    }
}
