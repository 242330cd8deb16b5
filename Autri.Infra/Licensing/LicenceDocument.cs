namespace Autri.Infra.Licensing;

/// <summary>A licence that verified (its claims), or why it was refused.</summary>
public sealed record LicenceCheck(LicenceClaims? Claims, string? Problem)
{
    public bool IsValid => Claims is not null;
}

/// <summary>
/// A licence as the vendor issues it: a JWS (<c>typ</c> <see cref="Type"/>, ES256) with the product, customer id,
/// deployment id, issue and expiry times, grace period in days, seats and features. Signed by the coordination service's
/// <c>issue-licence</c> command; verified here by the agent and the portal with the shipped public key.
/// </summary>
public static class LicenceDocument
{
    public const string Type = "autri-licence+jwt";

    public static string Sign(LicenceClaims claims, ECDsa vendorPrivateKey) => SignedDocument.Sign(Type, new Dictionary<string, object>
    {
        ["product"] = ReleaseManifest.AutriProduct,
        ["customer_id"] = claims.CustomerId,
        ["deployment_id"] = claims.DeploymentId.ToString(),
        ["iat"] = claims.IssuedAt.ToUnixTimeSeconds(),
        ["exp"] = claims.ExpiresAt.ToUnixTimeSeconds(),
        ["grace_days"] = (int)claims.GracePeriod.TotalDays,
        ["seats"] = claims.Seats,
        ["features"] = claims.Features.ToArray(),
    }, vendorPrivateKey);

    public static async Task<LicenceCheck> VerifyAsync(string? licence, ECDsa vendorPublicKey)
    {
        var verified = await SignedDocument.VerifyAsync(licence, Type, vendorPublicKey);
        if (verified.Token is not { } token) return Refused($"The licence was refused: {verified.Problem}");
        if (SignedDocument.String(token, "product") != ReleaseManifest.AutriProduct) return Refused("The licence is for another product");
        if (SignedDocument.String(token, "customer_id") is not { Length: > 0 and <= 100 } customer) return Refused("The licence names no customer");
        if (!Guid.TryParse(SignedDocument.String(token, "deployment_id"), out var deployment) || deployment == Guid.Empty)
            return Refused("The licence names no deployment");
        if (!Seconds(token, "iat", out var issued) || !Seconds(token, "exp", out var expires) || expires <= issued)
            return Refused("The licence has no valid issue and expiry times");
        if (!token.TryGetPayloadValue<int>("seats", out var seats) || seats < 1) return Refused("The licence has no seat count");
        // A licence without grace_days gets the default; one with a value out of range is refused, not clamped.
        var grace = LicenceRule.DefaultGrace;
        if (token.TryGetPayloadValue<int>("grace_days", out var days))
        {
            if (days < 0 || TimeSpan.FromDays(days) > LicenceRule.MaxGrace) return Refused("The licence's grace period is out of range");
            grace = TimeSpan.FromDays(days);
        }
        var features = token.TryGetPayloadValue<string[]>("features", out var f) ? f : [];
        return new LicenceCheck(new LicenceClaims(customer, deployment, issued, expires, grace, seats, features), null);
    }

    private static bool Seconds(JsonWebToken token, string name, out DateTimeOffset time)
    {
        time = default;
        if (!token.TryGetPayloadValue<long>(name, out var s) || s <= 0) return false;
        time = DateTimeOffset.FromUnixTimeSeconds(s);
        return true;
    }

    private static LicenceCheck Refused(string why) => new(null, why);
}
