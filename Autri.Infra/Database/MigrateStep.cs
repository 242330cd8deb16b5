namespace Autri.Infra.Database;

/// <summary>
/// The deployment's migrate step (<c>dotnet Autri.Portal.dll migrate</c>: in AWS the portal task's init container, which
/// the portal container waits for). It alone holds the owner login (the RDS master secret): it applies the migrations
/// (which create the app roles and their grants) and then sets each app role's password from that role's secret, so a
/// secret changed with put-secret-value takes effect at the next portal deployment. The apps never apply migrations in
/// Aws mode and never see the owner's password. Configuration is deploy/contract/migrate.json. Any problem throws, so
/// the container exits non-zero and ECS does not start the portal.
/// </summary>
public static class MigrateStep
{
    public const string Command = "migrate";
    public const string RolePasswordsSection = "RolePasswords";

    /// <summary>How long an unreachable database is waited for (RDS restarting, say) before the step fails.</summary>
    public static readonly TimeSpan OutagePatience = TimeSpan.FromMinutes(2);

    /// <param name="configure">Runs before the configuration is read (tests add their settings here).</param>
    public static async Task RunAsync(string[] args, Action<HostApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        configure?.Invoke(builder);
        builder.Logging.AddAutriJsonLogging("migrate", null);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var passwords = RolePasswords(builder.Configuration, database);
        using var host = builder.Build();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Migrate");

        await using var owner = new NpgsqlDataSourceBuilder(database.ToConnectionString()) { Name = "autri-migrate" }.Build();
        var applied = await UntilReachableAsync(() => new Migrator(owner).ApplyAsync(ct), log, ct);
        log.LogInformation(new EventId(30, "migrations_applied"), "Applied {count} migration(s): {names}", applied.Count, string.Join(", ", applied));

        await using var conn = await owner.OpenConnectionAsync(ct);
        foreach (var (role, password) in passwords)
        {
            await using var cmd = new NpgsqlCommand($"ALTER ROLE \"{role}\" PASSWORD '{ScramVerifier.For(password)}'", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        log.LogInformation(new EventId(33, "role_passwords_set"), "Set the passwords of {roles} from their secrets", string.Join(", ", passwords.Keys));
    }

    /// <summary>
    /// Every app role's password, after checking the whole configuration at once: the owner's login (a connection string,
    /// or the parts a deployment supplies, the password among them) and a password for each role, nothing else.
    /// </summary>
    private static Dictionary<string, string> RolePasswords(IConfiguration configuration, DatabaseOptions database)
    {
        var problems = new List<string>();
        var missing = new List<string>();
        if (database.UsesParts)
        {
            foreach (var (name, value) in new[] { ("Host", database.Host), ("Name", database.Name), ("Username", database.Username), ("Password", database.Password) })
                if (string.IsNullOrWhiteSpace(value)) missing.Add($"{DatabaseOptions.Section}:{name}");
        }
        missing.AddRange(AppRoles.All.Where(r => string.IsNullOrWhiteSpace(configuration[$"{RolePasswordsSection}:{r}"])).Select(r => $"{RolePasswordsSection}:{r}"));
        if (missing.Count > 0) problems.Add("Configuration missing value for: " + string.Join(", ", missing));
        var unknown = configuration.GetSection(RolePasswordsSection).GetChildren().Select(c => c.Key).Except(AppRoles.All, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) problems.Add($"{RolePasswordsSection} names no such app role: {string.Join(", ", unknown)} (the roles are {string.Join(", ", AppRoles.All)})");
        if (!string.IsNullOrWhiteSpace(database.OwnerConnectionString))
            problems.Add($"{DatabaseOptions.Section}:OwnerConnectionString is not read by the migrate step: its {DatabaseOptions.Section} login is the owner");
        if (problems.Count > 0) throw new InvalidOperationException("Migrate step: " + string.Join("; ", problems));
        return AppRoles.All.ToDictionary(r => r, r => configuration[$"{RolePasswordsSection}:{r}"]!, StringComparer.Ordinal);
    }

    private static async Task<T> UntilReachableAsync<T>(Func<Task<T>> work, ILogger log, CancellationToken ct)
    {
        var giveUpAt = DateTimeOffset.UtcNow + OutagePatience;
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (DatabaseErrors.IsOutage(ex) && DateTimeOffset.UtcNow + delay < giveUpAt)
            {
                log.LogWarning(new EventId(31, "database_unavailable"), ex, "Database not reachable; retrying in {delay_s} s", delay.TotalSeconds);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
            }
        }
    }
}
