namespace Autri.Portal.Features.Auth;

/// <summary>Section "Identity": how often a session's groups and account state are checked again at the IdP.</summary>
public sealed class SessionRevalidationOptions
{
    /// <summary>A session last confirmed longer ago than this is checked at its next request: at most 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")] public TimeSpan RevalidateInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// While the IdP cannot answer, a session keeps the roles last confirmed for this long past the interval, then ends:
    /// a blip does not sign everyone out, and a long outage cannot stretch a revoked admin's access without bound.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan RevalidateGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest one check may hold up a request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")] public TimeSpan RevalidateTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
