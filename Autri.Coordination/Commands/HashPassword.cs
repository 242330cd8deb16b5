namespace Autri.Coordination.Commands;

/// <summary>Reads a fleet-page password from standard input (one line) and prints its hash for Coordination:Admins:&lt;name&gt;.</summary>
public static class HashPassword
{
    public const string Usage = "(the password on standard input)";

    public static async Task RunAsync(CommandArgs args, TextWriter output)
    {
        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
        if (password.Length < 12) throw new CommandException("the password must be at least 12 characters");
        await output.WriteLineAsync(AdminPassword.Hash(password));
    }
}
