using Autri.Infra.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Autri.Infra.Database;

public static class DatabaseSetup
{
    /// <summary>
    /// The app's Postgres: one data source named for the app (it shows in pg_stat_activity), the migrator, and the
    /// startup loop that applies migrations and then the host's <see cref="IAfterMigrations"/> work. A password kept
    /// in Secrets Manager (Database:PasswordSecretArn) is read through the AWS clients, which the host registers.
    /// The migrations are the product database's unless the host has a database of its own (<paramref name="migrations"/>).
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseOptions database, string applicationName,
        MigrationSet? migrations = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DatabaseDataSource.Create(database, applicationName, sp.GetRequiredService<SecretsManager>));
        services.AddSingleton(sp => new Migrator(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), migrations ?? MigrationSet.Product));
        services.AddHostedService<DatabaseStartup>();
        return services;
    }
}
