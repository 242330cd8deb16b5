namespace Autri.Mcp.Tools;

public static class ToolsSetup
{
    /// <summary>The document tools over Postgres and the search index, and the audit of every call (a log line and a batched row).</summary>
    public static void AddDocumentTools(this WebApplicationBuilder builder, McpOptions mcp)
    {
        var services = builder.Services;
        services.AddDocumentSearch(inProcessIndex: mcp.SearchIndex == "InProcess");
        services.AddSingleton<DocumentTools>();
        services.AddSingleton<ToolCallAuditor>();
        services.AddHostedService(sp => sp.GetRequiredService<ToolCallAuditor>());
        services.AddSingleton<ToolCatalog>();
    }
}
