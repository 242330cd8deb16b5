namespace Autri.Portal.Web.RateLimiting;

/// <summary>Section "RateLimits" (README "Rate limits"). OAuth registration keeps its keys in section "OAuth".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in starts (/sign-in, where every OIDC challenge begins) per source address and window.</summary>
    [Range(1, int.MaxValue)] public int SignInPerAddress { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Token requests (POST /connectors/{id}/token) per source address and window.</summary>
    [Range(1, int.MaxValue)] public int TokenMintPerAddress { get; set; } = 60;

    /// <summary>Token requests per signed-in user and window.</summary>
    [Range(1, int.MaxValue)] public int TokenMintPerUser { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan TokenMintWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Connector creations and key rotations (each makes or changes an IdP app client and a credential) per source
    /// address and window.
    /// </summary>
    [Range(1, int.MaxValue)] public int ConnectorChangesPerAddress { get; set; } = 60;

    /// <summary>Connector creations and key rotations per signed-in user and window.</summary>
    [Range(1, int.MaxValue)] public int ConnectorChangesPerUser { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan ConnectorChangesWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Requests to the OAuth token endpoint (POST /oauth/token: code exchanges and refreshes) per source address and
    /// window. Generous: hosted assistants refresh for many people from a few addresses.
    /// </summary>
    [Range(1, int.MaxValue)] public int OAuthTokenPerAddress { get; set; } = 600;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan OAuthTokenWindow { get; set; } = TimeSpan.FromMinutes(1);
}
