using Autri.Infra.Aws;
using Autri.Infra.Connectors.ApiKeys;
using Autri.Infra.Database;
using Autri.Infra.Documents;
using Autri.Mcp.Audit;
using Autri.Mcp.Auth;
using Autri.Mcp.Health;
using Autri.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Npgsql;

namespace Autri.Mcp;

public static class McpSetup
{
    public static void AddMcpServer(this WebApplicationBuilder builder, McpOptions mcp, DatabaseOptions database)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System); // tests may bring a clock of their own
        // AgentCore cannot inject secrets: with Database:PasswordSecretArn the password is read from Secrets Manager.
        if (database.PasswordSecretArn is { Length: > 0 }) services.AddAwsClients(builder.Configuration);
        services.AddSingleton(sp => DatabaseDataSource.Create(database, "autri-mcp", sp.GetRequiredService<SecretsManager>));
        services.AddSingleton<Migrator>();
        services.AddSingleton<DemoCorpusSeeder>();
        services.AddHostedService<DatabaseStartup>();

        services.AddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(_ =>
            new ConfigurationManager<OpenIdConnectConfiguration>(
                mcp.Issuer.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = mcp.Issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase) }));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<ConnectorDirectory>();
        if (mcp.ApiKeysEnabled) services.AddApiKeys(builder.Configuration);
        services.AddSingleton(sp => new CallerAuthenticator(
            sp.GetRequiredService<AccessTokenValidator>(), sp.GetRequiredService<ConnectorDirectory>(),
            sp.GetRequiredService<IOptions<McpOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CallerAuthenticator>>(), sp.GetService<ApiKeyVerifier>()));

        services.AddSingleton<DocumentStore>();
        services.AddSingleton<DocumentTools>();
        services.AddSingleton<ToolCallAuditor>();
        services.AddHostedService(sp => sp.GetRequiredService<ToolCallAuditor>());
        services.AddSingleton<ToolCatalog>();
    }
}
