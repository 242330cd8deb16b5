namespace Autri.Infra.OAuth;

/// <summary>
/// Configuration section <c>OAuth</c>: the portal's authorization server for MCP clients. Every value has a default;
/// tests shorten lifetimes. Validated at start (<see cref="OAuthOptionsValidator"/>).
/// </summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>Access-token lifetime, at most one hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Refresh tokens rotate on every use; each new one lives this long (so the grant slides).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long an already-used refresh token may be used again (a client retrying after a lost response) before
    /// reuse counts as theft and revokes the whole grant. Zero: any reuse revokes.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A signing key signs for this long before the next one takes over.</summary>
    public TimeSpan SigningKeyRotation { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A new signing key is published this long before it signs; at least twice <see cref="SigningKeyRefresh"/>.</summary>
    public TimeSpan SigningKeyLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each instance re-reads the signing keys (and so rotates, publishes and forgets them).</summary>
    public TimeSpan SigningKeyRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Dynamic registrations allowed per source address and window (per portal instance).</summary>
    public int RegistrationPermitLimit { get; set; } = 20;

    public TimeSpan RegistrationWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A dynamically registered client never used for an authorization is deleted after this long.</summary>
    public TimeSpan UnusedClientLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan UnusedClientSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The whole fetch of a client metadata document (connect, headers, body).</summary>
    public TimeSpan MetadataDocumentTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Keys stay published this long after their successor starts signing: the longest-lived token they signed, plus clock skew.</summary>
    public TimeSpan SigningKeyRetention => AccessTokenLifetime + TimeSpan.FromMinutes(5);
}
