using System.Diagnostics.CodeAnalysis;

namespace Autri.Portal.Features.Auth;

/// <summary>
/// Where a sign-in may send someone back to: a path on this site, and nothing a browser could read as another host.
/// The framework's local-URL rule (<see cref="RedirectHttpResult.IsLocalUrl"/>: a leading "/" not followed by "/" or
/// "\", no control characters) decides, on the value as given and on every percent-decoding of it, because a browser
/// or a proxy may decode what the query binder left encoded ("/%2509/x" → "/%09/x" → "/\t/x", which browsers read as
/// "//x"). On top of it, only printable ASCII: what our own redirects produce is always escaped, so anything else
/// (a raw space, a fullwidth or division slash that looks like "/") is someone else's doing. "~/" paths are refused.
/// </summary>
public static class ReturnUrl
{
    public const string Home = "/";

    /// <summary>Longer than any authorization request the OAuth server's sign-in return carries.</summary>
    public const int MaxLength = 4096;

    public static string SafeOrHome(string? returnUrl) => IsSafe(returnUrl) ? returnUrl : Home;

    public static bool IsSafe([NotNullWhen(true)] string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxLength }
        && returnUrl[0] == '/'
        && returnUrl.All(c => c is > ' ' and < '\x7f')
        && IsLocalWhenDecoded(returnUrl);

    /// <summary>Local as given and after each decoding, until decoding changes nothing (a few rounds at most).</summary>
    private static bool IsLocalWhenDecoded(string url)
    {
        for (var round = 0; round < 4; round++)
        {
            if (!RedirectHttpResult.IsLocalUrl(url)) return false;
            var decoded = Uri.UnescapeDataString(url);
            if (decoded == url) return true;
            url = decoded;
        }
        return false; // encoded more deeply than anything we produce: refuse rather than guess
    }
}
