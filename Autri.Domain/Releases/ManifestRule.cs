namespace Autri.Domain.Releases;

/// <summary>What to do with a manifest whose signature verified.</summary>
public sealed record ManifestVerdict(bool IsNewer, string? Refusal)
{
    public bool Refused => Refusal is not null;
}

/// <summary>
/// The one rule for a verified manifest (the agent and the portal both ask it): it must name this product and the
/// channel the deployment follows, and say something an admin can act on; a version above the running one is news,
/// the same version is nothing, an older one is a downgrade and refused.
/// </summary>
public static partial class ManifestRule
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex EnvironmentName();

    public static ManifestVerdict Judge(ReleaseManifest manifest, string channel, ReleaseVersion running)
    {
        if (manifest.Product != ReleaseManifest.AutriProduct)
            return Refuse($"it is for the product '{Shorten(manifest.Product)}', not '{ReleaseManifest.AutriProduct}'");
        if (manifest.Channel != channel)
            return Refuse($"it is for the channel '{Shorten(manifest.Channel)}', and this deployment follows '{channel}'");
        if (manifest.Notes.Length > ReleaseManifest.MaxNotesLength || manifest.UpgradeCommand.Length is 0 or > ReleaseManifest.MaxCommandLength
            || manifest.UpgradeCommand.Any(char.IsControl))
            return Refuse("its notes or upgrade command are empty, too long or contain control characters");
        var c = manifest.Version.CompareTo(running);
        if (c < 0) return Refuse($"its version {manifest.Version} is older than the running {running} (a downgrade)");
        return new ManifestVerdict(c > 0, null);
    }

    /// <summary>An environment name safe to put into a command an admin pastes into a shell.</summary>
    public static bool IsEnvironmentName(string? environment) => environment is not null && EnvironmentName().IsMatch(environment);

    private static ManifestVerdict Refuse(string why) => new(false, why);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
