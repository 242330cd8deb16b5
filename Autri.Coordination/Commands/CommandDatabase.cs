namespace Autri.Coordination.Commands;

/// <summary>
/// The coordination database for a command, configured as the service is (appsettings.json beside the app, then
/// environment variables such as Database__ConnectionString), migrated first so a command works on a fresh database.
/// </summary>
public static class CommandDatabase
{
    public static async Task<NpgsqlDataSource> OpenAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        var options = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        if (options.PasswordSecretArn is { Length: > 0 } && string.IsNullOrWhiteSpace(options.Password))
            throw new InvalidOperationException("Commands need Database:Password or Database:ConnectionString (they do not read Secrets Manager)");
        var db = new NpgsqlDataSourceBuilder(options.ToConnectionString()) { Name = CoordinationDatabase.ApplicationName + "-command" }.Build();
        await new Migrator(db, CoordinationDatabase.Migrations).ApplyAsync();
        return db;
    }

    /// <summary>Reads a private key file the vendor keeps (never the repository).</summary>
    public static System.Security.Cryptography.ECDsa PrivateKey(CommandArgs args)
    {
        var path = args.Required("key");
        if (!File.Exists(path)) throw new CommandException($"--key {path} does not exist");
        return Autri.Infra.Signing.VendorKey.Import(File.ReadAllText(path), $"private key in {path}");
    }

    /// <summary>Writes a secret to a file only its owner can read (or prints it when no file is named).</summary>
    public static async Task WriteSecretAsync(string? path, string value, string what, TextWriter output)
    {
        if (path is null)
        {
            await output.WriteLineAsync($"{what} (shown once, not stored):\n{value}");
            return;
        }
        await File.WriteAllTextAsync(path, value + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await output.WriteLineAsync($"{what} written to {path}");
    }
}
