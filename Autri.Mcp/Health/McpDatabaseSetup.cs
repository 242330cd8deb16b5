using Autri.Infra.Aws;
using Autri.Infra.Database;
using Autri.Infra.Documents;

namespace Autri.Mcp.Health;

public static class McpDatabaseSetup
{
    /// <summary>The shared database setup, the password from Secrets Manager where AgentCore runs us, and the local demo corpus.</summary>
    public static void AddMcpDatabase(this WebApplicationBuilder builder, McpOptions mcp, DatabaseOptions database)
    {
        // The password secret is read with the AWS clients, which need the region; say so now, not at the first query.
        if (database.UsesParts && database.PasswordSecretArn is { Length: > 0 } && string.IsNullOrWhiteSpace(builder.Configuration["Aws:Region"]))
            throw new InvalidOperationException("Configuration missing value for: Aws:Region (Database:PasswordSecretArn is read from Secrets Manager there)");
        var services = builder.Services;
        // AgentCore cannot inject secrets: with Database:PasswordSecretArn the password is read from Secrets Manager.
        if (database.PasswordSecretArn is { Length: > 0 }) services.AddAwsClients(builder.Configuration);
        services.AddDatabase(database, "autri-mcp");
        services.AddSingleton<DemoCorpusSeeder>();
        if (mcp.SeedDemoCorpus) services.AddSingleton<IAfterMigrations, DemoCorpusSeeding>();
    }
}
