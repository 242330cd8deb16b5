using Autri.Infra.Releases;

namespace Autri.Coordination.Commands;

/// <summary>
/// Signs a release's manifest and makes it the channel's current one. The upgrade command is what admins are told to
/// run; <c>{env}</c> in it becomes each deployment's environment name.
/// </summary>
public static class PublishManifest
{
    public const string Usage = "--key <vendor-private.pem> --channel stable|beta --version <x.y.z> --notes-file <file> --command \"<upgrade command, {env} for the environment>\"";

    public static async Task RunAsync(CommandArgs args, TextWriter output)
    {
        using var key = CommandDatabase.PrivateKey(args);
        var channel = args.Required("channel");
        if (!ReleaseChannel.IsKnown(channel)) throw new CommandException("--channel must be stable or beta");
        if (!ReleaseVersion.TryParse(args.Required("version"), out var version)) throw new CommandException("--version must be a release version (1.4.0, 1.5.0-beta.1)");
        var notesPath = args.Required("notes-file");
        if (!File.Exists(notesPath)) throw new CommandException($"--notes-file {notesPath} does not exist");
        var manifest = new ReleaseManifest(ReleaseManifest.AutriProduct, channel, version, DateTimeOffset.UtcNow,
            (await File.ReadAllTextAsync(notesPath)).Trim(), args.Required("command").Trim());
        // The same rule the agents apply, against version 0.0.0: what they would refuse is never published.
        if (ManifestRule.Judge(manifest, channel, new ReleaseVersion(0, 0, 0, "")).Refusal is { } refusal)
            throw new CommandException("the manifest would be refused: " + refusal);

        var document = ManifestDocument.Sign(manifest, key);
        await using var db = await CommandDatabase.OpenAsync();
        await new ManifestStore(db).PublishAsync(channel, version.ToString(), document);
        await output.WriteLineAsync($"Published {version} on the {channel} channel.");
    }
}
