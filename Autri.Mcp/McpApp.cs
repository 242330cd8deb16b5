using Autri.Infra.Health;
using Autri.Infra.Database;
using Autri.Infra.Logging;
using Autri.Mcp.Auth;
using Autri.Mcp.Transport;
using Microsoft.AspNetCore.HttpOverrides;

namespace Autri.Mcp;

/// <summary>Builds the MCP server; Program.cs runs it and tests start the same app on a real Kestrel.</summary>
public static class McpApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var mcp = builder.AddValidatedOptions<McpOptions>(McpOptions.Section);
        var database = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        // The password secret is read with the AWS clients, which need the region; say so now, not at the first query.
        if (database.UsesParts && database.PasswordSecretArn is { Length: > 0 } && string.IsNullOrWhiteSpace(builder.Configuration["Aws:Region"]))
            throw new InvalidOperationException("Configuration missing value for: Aws:Region (Database:PasswordSecretArn is read from Secrets Manager there)");
        var localLogs = mcp.IsLocal && !string.IsNullOrWhiteSpace(mcp.LocalLogsDirectory) ? Path.GetFullPath(mcp.LocalLogsDirectory) : null;
        builder.Logging.AddAutriJsonLogging("mcp", localLogs);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        builder.AddMcpServer(mcp, database);

        var app = builder.Build();
        if (mcp.BenchmarkAnonymousConnectorId is { } anonymous)
            app.Logger.LogWarning(new EventId(2, "benchmark_mode"),
                "Benchmark mode: requests without credentials act as connector {connector_id}. Never run this outside a benchmark.", anonymous.ToString());

        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
        app.UseMiddleware<OriginPolicy>();
        app.MapHealthProbes();
        app.MapProtectedResourceMetadata();
        app.MapMcp();
        return app;
    }
}
