using Autri.Infra.Aws;

namespace Autri.Mcp.Health;

public static class McpDatabaseSetup
{
    /// <summary>
    /// The shared database setup on the server's own role (migrations applied at start in Local mode only), the password
    /// from Secrets Manager where AgentCore runs us, and the local demo corpus (written with the owner's login: the
    /// server's role may not write documents).
    /// </summary>
    public static void AddMcpDatabase(this WebApplicationBuilder builder, McpOptions mcp, DatabaseOptions database)
    {
        if (!mcp.IsLocal && !string.IsNullOrWhiteSpace(database.OwnerConnectionString))
            throw new InvalidOperationException("Configuration value Database:OwnerConnectionString is for Local mode only: in Aws mode the migrate step applies migrations");
        // The password secret is read with the AWS clients, which need the region; say so now, not at the first query.
        if (database.UsesParts && database.PasswordSecretArn is { Length: > 0 } && string.IsNullOrWhiteSpace(builder.Configuration["Aws:Region"]))
            throw new InvalidOperationException("Configuration missing value for: Aws:Region (Database:PasswordSecretArn is read from Secrets Manager there)");
        var services = builder.Services;
        // AgentCore cannot inject secrets: with Database:PasswordSecretArn the password is read from Secrets Manager.
        if (database.PasswordSecretArn is { Length: > 0 }) services.AddAwsClients(builder.Configuration);
        services.AddDatabase(database, "autri-mcp", applyMigrations: mcp.IsLocal && database.MigrateAtStart);
        if (mcp.SeedDemoCorpus)
        {
            services.AddSingleton(sp => new DemoCorpusSeeder(sp.GetRequiredKeyedService<NpgsqlDataSource>(DatabaseSetup.Owner),
                sp.GetRequiredService<ILogger<DemoCorpusSeeder>>()));
            services.AddSingleton<IAfterMigrations, DemoCorpusSeeding>();
        }
    }
}
