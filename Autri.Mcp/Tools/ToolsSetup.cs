using Autri.Infra.Connectors.McpAccess;
using Autri.Infra.Documents;

namespace Autri.Mcp.Tools;

public static class ToolsSetup
{
    /// <summary>The document tools over Postgres, and the audit of every call (a log line and a batched row).</summary>
    public static void AddDocumentTools(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<DocumentTools>();
        services.AddSingleton<ToolCallAuditor>();
        services.AddHostedService(sp => sp.GetRequiredService<ToolCallAuditor>());
        services.AddSingleton<ToolCatalog>();
    }
}
