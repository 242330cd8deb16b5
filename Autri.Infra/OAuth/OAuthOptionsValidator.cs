namespace Autri.Infra.OAuth;

/// <summary>Refuses values that would break the token contract or the key schedule, naming the key.</summary>
public sealed class OAuthOptionsValidator : IValidateOptions<OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions o)
    {
        var problems = new List<string>();
        void Check(bool ok, string key, string rule) { if (!ok) problems.Add($"OAuth:{key} {rule}"); }
        Check(o.AccessTokenLifetime > TimeSpan.Zero && o.AccessTokenLifetime <= TimeSpan.FromHours(1), nameof(o.AccessTokenLifetime), "must be more than zero and at most 01:00:00");
        Check(o.RefreshTokenLifetime > TimeSpan.Zero, nameof(o.RefreshTokenLifetime), "must be more than zero");
        Check(o.RefreshTokenReuseLeeway >= TimeSpan.Zero, nameof(o.RefreshTokenReuseLeeway), "must not be negative");
        Check(o.AuthorizationCodeLifetime > TimeSpan.Zero && o.AuthorizationCodeLifetime <= TimeSpan.FromMinutes(10), nameof(o.AuthorizationCodeLifetime), "must be more than zero and at most 00:10:00");
        Check(o.SigningKeyRefresh > TimeSpan.Zero, nameof(o.SigningKeyRefresh), "must be more than zero");
        Check(o.SigningKeyLead >= 2 * o.SigningKeyRefresh, nameof(o.SigningKeyLead), "must be at least twice OAuth:SigningKeyRefresh, so every instance publishes a key before it signs");
        Check(o.SigningKeyRotation > o.SigningKeyLead + o.SigningKeyRetention, nameof(o.SigningKeyRotation), "must be longer than OAuth:SigningKeyLead plus the access-token lifetime");
        Check(o.RegistrationPermitLimit > 0, nameof(o.RegistrationPermitLimit), "must be at least 1");
        Check(o.RegistrationWindow > TimeSpan.Zero, nameof(o.RegistrationWindow), "must be more than zero");
        Check(o.UnusedClientLifetime > TimeSpan.Zero, nameof(o.UnusedClientLifetime), "must be more than zero");
        Check(o.UnusedClientSweepInterval > TimeSpan.Zero, nameof(o.UnusedClientSweepInterval), "must be more than zero");
        Check(o.MetadataDocumentTimeout > TimeSpan.Zero && o.MetadataDocumentTimeout <= TimeSpan.FromSeconds(30), nameof(o.MetadataDocumentTimeout), "must be more than zero and at most 00:00:30");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("Configuration invalid value for: " + string.Join("; ", problems));
    }
}
