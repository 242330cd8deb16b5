namespace Autri.Infra.Releases;

/// <summary>A manifest whose signature verified and whose fields parse, or why not.</summary>
public sealed record ManifestCheck(ReleaseManifest? Manifest, string? Problem)
{
    public bool IsValid => Manifest is not null;
}

/// <summary>
/// A release channel's update manifest: a JWS (<c>typ</c> <see cref="Type"/>, ES256) naming the product, channel,
/// version, publication time, release notes and upgrade command. Signed by <c>publish-manifest</c>; the agent verifies
/// it before telling the portal, and the portal verifies it again before notifying anyone, so nothing but the vendor's
/// key decides what an admin is asked to run.
/// </summary>
public static class ManifestDocument
{
    public const string Type = "autri-manifest+jwt";

    public static string Sign(ReleaseManifest manifest, ECDsa vendorPrivateKey) => SignedDocument.Sign(Type, new Dictionary<string, object>
    {
        ["product"] = manifest.Product,
        ["channel"] = manifest.Channel,
        ["version"] = manifest.Version.ToString(),
        ["published_at"] = manifest.PublishedAt.ToUnixTimeSeconds(),
        ["notes"] = manifest.Notes,
        ["upgrade_command"] = manifest.UpgradeCommand,
    }, vendorPrivateKey);

    /// <summary>Checks the signature and reads the fields; what the manifest means is <see cref="ManifestRule"/>'s business.</summary>
    public static async Task<ManifestCheck> VerifyAsync(string? manifest, ECDsa vendorPublicKey)
    {
        var verified = await SignedDocument.VerifyAsync(manifest, Type, vendorPublicKey);
        if (verified.Token is not { } token) return Refused($"the manifest was refused: {verified.Problem}");
        if (!ReleaseVersion.TryParse(SignedDocument.String(token, "version"), out var version)) return Refused("the manifest has no valid version");
        if (!token.TryGetPayloadValue<long>("published_at", out var published) || published <= 0) return Refused("the manifest has no publication time");
        var product = SignedDocument.String(token, "product") ?? "";
        var channel = SignedDocument.String(token, "channel") ?? "";
        var notes = SignedDocument.String(token, "notes") ?? "";
        var command = SignedDocument.String(token, "upgrade_command") ?? "";
        return new ManifestCheck(new ReleaseManifest(product, channel, version, DateTimeOffset.FromUnixTimeSeconds(published), notes, command), null);
    }

    private static ManifestCheck Refused(string why) => new(null, why);
}
