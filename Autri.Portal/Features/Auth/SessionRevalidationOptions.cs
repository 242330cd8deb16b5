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

    /// <summary>
    /// Where account state is read: <c>DevIdp</c> (its account-state API; Local mode's default), <c>Cognito</c> (the pool
    /// Connectors:UserPoolId; Aws mode's default) or <c>None</c>, for an OIDC provider without such an API (the single-host
    /// deployment with any provider): nothing is asked, and a session ends once its roles are RevalidateInterval +
    /// RevalidateGrace old, so the person signs in again (usually without a prompt at the IdP) and the new id_token's
    /// groups count. A revocation is then seen within that time, as during an outage of the other sources.
    /// </summary>
    [AllowedValues(null, "DevIdp", "Cognito", "None")] public string? AccountStates { get; set; }
}
