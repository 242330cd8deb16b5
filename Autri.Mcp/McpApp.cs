using Autri.Infra.Health;
using Autri.Infra.Logging;
using Autri.Mcp.Health;
using Autri.Mcp.Transport;
using Microsoft.AspNetCore.HttpOverrides;

namespace Autri.Mcp;

/// <summary>Builds the MCP server; Program.cs runs it and tests start the same app on a real Kestrel.</summary>
public static class McpApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServerBuilder.Create(args, configure);

        var mcp = builder.AddValidatedOptions<McpOptions>(McpOptions.Section);
        var database = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        // The single-host deployment runs Mode=Local in the Production environment: there, anonymous calls must not be
        // one setting away. The benches run the server under another environment name.
        if (mcp.BenchmarkAnonymousConnectorId is not null && builder.Environment.IsProduction())
            throw new InvalidOperationException("Mcp:BenchmarkAnonymousConnectorId is refused in the Production environment (ASPNETCORE_ENVIRONMENT): benchmarks run the server as ASPNETCORE_ENVIRONMENT=Benchmark");
        var localLogs = mcp.IsLocal && !string.IsNullOrWhiteSpace(mcp.LocalLogsDirectory) ? Path.GetFullPath(mcp.LocalLogsDirectory) : null;
        builder.Logging.AddAutriJsonLogging("mcp", localLogs);
        builder.AddMcpDatabase(mcp, database);
        builder.AddCallerAuthentication(mcp);
        builder.AddDocumentTools(mcp);

        var app = builder.Build();
        if (mcp.BenchmarkAnonymousConnectorId is { } anonymous)
            app.Logger.LogWarning(new EventId(2, "benchmark_mode"),
                "Benchmark mode: requests without credentials act as connector {connector_id}. Never run this outside a benchmark.", anonymous.ToString());

        // From loopback proxies only (the framework's default KnownProxies): nginx on the same host tells the scheme and the
        // client's address (counted by FailedAuthLimiter); nobody else can set either.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedFor });
        app.UseMiddleware<OriginPolicy>();
        app.MapHealthProbes();
        app.MapVersionProbe("mcp", typeof(McpApp).Assembly);
        app.MapProtectedResourceMetadata();
        app.MapMcp();
        return app;
    }
}
