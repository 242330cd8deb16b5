namespace Autri.Portal.Features.Notifications;

/// <summary>Section "Notifications".</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// Comma-separated host names that https:// links in notifications may point to (e.g. "docs.autri.com,status.autri.com").
    /// Empty: only the portal's own host (from Portal:PublicUrl). Portal paths ("/help/…") are always allowed.
    /// </summary>
    public string? AllowedLinkHosts { get; set; }
}

/// <summary>The hosts absolute notification links may name, resolved and checked once at start.</summary>
public sealed record NotificationLinkHosts(IReadOnlyList<string> Hosts)
{
    public static NotificationLinkHosts From(NotificationOptions options, PortalOptions portal)
    {
        var hosts = string.IsNullOrWhiteSpace(options.AllowedLinkHosts)
            ? [new Uri(portal.PublicUrl).Host]
            : options.AllowedLinkHosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var bad = hosts.Where(h => Uri.CheckHostName(h) == UriHostNameType.Unknown).ToList();
        if (bad.Count > 0)
            throw new InvalidOperationException($"Configuration invalid value for: {NotificationOptions.Section}:AllowedLinkHosts " +
                $"(host names only, without scheme, port or path; not: {string.Join(", ", bad)})");
        return new NotificationLinkHosts(hosts.Select(h => h.ToLowerInvariant()).Distinct().ToList());
    }
}
