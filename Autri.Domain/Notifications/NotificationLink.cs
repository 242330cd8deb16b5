namespace Autri.Domain.Notifications;

/// <summary>A checked link: the value to store (null when there is none), or why the input was refused.</summary>
public sealed record LinkCheck(string? Link, string? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Which links a notification may carry. Notifications are shown to every user, so a link must never run
/// script (javascript:, data:) nor send people to a site we do not control (//evil.com, /\evil.com, other hosts):
/// either a path on the portal itself, or an https:// address on a host the deployment names.
/// </summary>
public static class NotificationLink
{
    public const int MaxLength = 2000;

    /// <param name="input">What the admin typed; blank means "no link".</param>
    /// <param name="allowedHosts">Host names (no scheme, no port) that absolute links may point to.</param>
    public static LinkCheck Check(string? input, IReadOnlyCollection<string> allowedHosts)
    {
        var link = input?.Trim() ?? "";
        if (link.Length == 0) return new(null, null);
        if (link.Length > MaxLength) return Refused($"is longer than {MaxLength} characters");
        // Browsers drop tabs and newlines inside URLs, so "java\tscript:" would still be a script link.
        if (link.Any(char.IsControl)) return Refused("contains control characters (tabs, line breaks)");
        if (link.Any(char.IsWhiteSpace)) return Refused("contains spaces; encode them as %20");
        // Browsers read a backslash as a slash: "/\evil.com" is "//evil.com", another site.
        if (link.Contains('\\')) return Refused("contains a backslash, which browsers read as a slash");

        if (link[0] == '/')
        {
            return link.Length > 1 && link[1] == '/'
                ? Refused("starts with //, which browsers open as another site; a portal page starts with a single /")
                : new(link, null);
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || !link.Contains(':'))
            return Refused("must be a portal path starting with / (like /help/connect) or an https:// address");
        if (uri.Scheme == Uri.UriSchemeHttp)
            return Refused("must use https://, not http://");
        if (uri.Scheme != Uri.UriSchemeHttps)
            return Refused($"uses the {uri.Scheme}: scheme; only portal paths starting with / and https:// addresses are allowed");
        if (uri.UserInfo.Length > 0)
            return Refused("must not contain a user name or password before the host");
        if (!allowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            return Refused($"points to {uri.Host}, which is not an allowed link host (allowed: {string.Join(", ", allowedHosts)})");
        // Store the form we checked, not the raw text, so what browsers get is exactly what was validated.
        return new(uri.AbsoluteUri, null);
    }

    private static LinkCheck Refused(string problem) => new(null, "The link " + problem + ".");
}
