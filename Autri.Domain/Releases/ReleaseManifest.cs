namespace Autri.Domain.Releases;

/// <summary>
/// The latest release on one channel, as the vendor signs it: which product it is for, its version, the release
/// notes and the upgrade command (with <c>{env}</c> where the deployment's environment name goes).
/// </summary>
public sealed record ReleaseManifest(string Product, string Channel, ReleaseVersion Version, DateTimeOffset PublishedAt, string Notes, string UpgradeCommand)
{
    /// <summary>The product name every manifest and licence of Autri carries; a manifest naming another is refused.</summary>
    public const string AutriProduct = "autri";

    public const int MaxNotesLength = 4000;
    public const int MaxCommandLength = 500;

    /// <summary>The command with the deployment's environment name put in.</summary>
    public string UpgradeCommandFor(string environment) => UpgradeCommand.Replace("{env}", environment, StringComparison.Ordinal);
}
