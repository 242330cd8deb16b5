namespace Autri.Infra.Database;

public static class DatabaseSetup
{
    /// <summary>
    /// Key of the owner's data source: registered only where the app applies migrations itself (Local mode), for the
    /// migrator and local demo data. Request paths take the unkeyed <see cref="NpgsqlDataSource"/>, the app's own role.
    /// </summary>
    public const string Owner = "autri.database.owner";

    /// <summary>
    /// The app's Postgres: one data source on the app's own login, named for the app (it shows in pg_stat_activity),
    /// and the startup loop that gets the schema current and then runs the host's <see cref="IAfterMigrations"/> work.
    /// With <paramref name="applyMigrations"/> (Local mode) the app applies migrations itself over
    /// <see cref="DatabaseOptions.OwnerConnectionString"/> (else its own login); without (Aws mode) it only waits until the
    /// migrate step has applied them. A password kept in Secrets Manager (Database:PasswordSecretArn) is read through
    /// the AWS clients, which the host registers. The migrations are the product database's unless the host has a
    /// database of its own (<paramref name="migrations"/>).
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseOptions database, string applicationName, bool applyMigrations,
        MigrationSet? migrations = null)
    {
        var set = migrations ?? MigrationSet.Product;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DatabaseDataSource.Create(database, applicationName, sp.GetRequiredService<SecretsManager>));
        services.AddSingleton(sp => new Migrator(sp.GetRequiredService<NpgsqlDataSource>(), set));
        if (applyMigrations)
        {
            services.AddKeyedSingleton(Owner, (sp, _) => database.OwnerConnectionString is { Length: > 0 } owner
                ? new NpgsqlDataSourceBuilder(owner) { Name = applicationName + "-owner" }.Build()
                : sp.GetRequiredService<NpgsqlDataSource>());
        }
        services.AddHostedService(sp => new DatabaseStartup(
            sp.GetRequiredService<Migrator>(),
            applyMigrations ? new Migrator(sp.GetRequiredKeyedService<NpgsqlDataSource>(Owner), set) : null,
            sp.GetServices<IAfterMigrations>(),
            sp.GetRequiredService<ILogger<DatabaseStartup>>()));
        return services;
    }
}
