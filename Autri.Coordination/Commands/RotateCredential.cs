namespace Autri.Coordination.Commands;

/// <summary>
/// A new credential for a deployment (shown or written once). The old one keeps working until the agent first uses
/// the new one, so the customer can update their secret and restart the agent without a gap.
/// </summary>
public static class RotateCredential
{
    public const string Usage = "--deployment <id> [--credential-out <file>]";

    public static async Task RunAsync(CommandArgs args, TextWriter output)
    {
        if (!Guid.TryParse(args.Required("deployment"), out var id)) throw new CommandException("--deployment must be a deployment id");
        await using var db = await CommandDatabase.OpenAsync();
        var credential = await new DeploymentRegistry(db).RotateAsync(id)
            ?? throw new CommandException($"--deployment {id} is not a registered deployment");
        await CommandDatabase.WriteSecretAsync(args.Optional("credential-out"), credential, "New deployment credential", output);
        await output.WriteLineAsync("The previous credential works until the agent first uses this one.");
    }
}
