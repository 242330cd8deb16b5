using Autri.Infra.Health;
using Autri.Infra.Logging;

namespace Autri.Coordination;

/// <summary>
/// Builds the vendor's coordination service: what agents call (heartbeats, manifests, diagnostics, each authenticated
/// per deployment) and the fleet page vendor staff read. Program.cs runs it; tests start it as a process or on Kestrel.
/// </summary>
public static class CoordinationApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServerBuilder.Create(args, configure);

        var coordination = builder.AddValidatedOptions<CoordinationOptions>(CoordinationOptions.Section);
        var database = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        builder.Logging.AddAutriJsonLogging("coordination", localDirectory: null);
        // No appsettings.json (its settings are defaults in code and the environment): the framework's chatter stays out.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.AddCoordinationDatabase(database);
        builder.AddDeployments();
        builder.AddFleetPage();

        var app = builder.Build();
        app.UseCoordinationForwardedHeaders(coordination);
        app.UseMiddleware<CoordinationHeaders>();
        app.UseRateLimiter();

        app.MapHealthProbes();
        app.MapHeartbeats();
        app.MapManifests();
        app.MapDiagnostics();
        app.MapFleet();
        return app;
    }
}
