namespace Autri.Infra.OAuth;

/// <summary>
/// What every JWT we accept must be, whoever issued it: RS256, signed, with an expiry, and within its lifetime by
/// <paramref name="clock"/> (so a test that moves the clock moves expiry too) give or take <paramref name="skew"/>.
/// Callers add the issuer, audience and keys.
/// </summary>
public sealed class StrictJwtParameters : TokenValidationParameters
{
    public StrictJwtParameters(TimeProvider clock, TimeSpan skew)
    {
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        RequireSignedTokens = true;
        RequireExpirationTime = true;
        ClockSkew = skew;
        LifetimeValidator = (nbf, exp, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (nbf is null || nbf <= now + p.ClockSkew) && exp is not null && exp > now - p.ClockSkew;
        };
    }
}
