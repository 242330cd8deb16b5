namespace Autri.Coordination.Commands;

/// <summary>
/// The vendor's commands, run as <c>dotnet Autri.Coordination.dll &lt;command&gt; --option value …</c> (or
/// <c>dotnet run --project Autri.Coordination -- &lt;command&gt; …</c>). Each says what it needs when run without it.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, (string Usage, Func<CommandArgs, TextWriter, Task> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["generate-key"] = (GenerateKey.Usage, GenerateKey.RunAsync),
        ["issue-licence"] = (IssueLicence.Usage, IssueLicence.RunAsync),
        ["rotate-credential"] = (RotateCredential.Usage, RotateCredential.RunAsync),
        ["publish-manifest"] = (PublishManifest.Usage, PublishManifest.RunAsync),
        ["hash-password"] = (HashPassword.Usage, HashPassword.RunAsync),
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help");

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args[0] is "help" or "--help")
        {
            foreach (var (name, (usage, _)) in Commands) await output.WriteLineAsync($"{name} {usage}");
            return 0;
        }
        var (usageText, run) = Commands[args[0]];
        try
        {
            await run(CommandArgs.Parse(args[1..]), output);
            return 0;
        }
        catch (CommandException ex)
        {
            await error.WriteLineAsync($"{args[0]}: {ex.Message}\nusage: {args[0]} {usageText}");
            return 2;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"{args[0]}: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>A command's <c>--name value</c> options.</summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string> _values;

    private CommandArgs(Dictionary<string, string> values) => _values = values;

    public static CommandArgs Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new CommandException($"expected --option value pairs, got '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        return new CommandArgs(values);
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new CommandException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);
}

/// <summary>The command was called wrongly: the message says how, and the usage follows.</summary>
public sealed class CommandException(string message) : Exception(message);
