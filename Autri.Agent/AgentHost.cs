using Autri.Agent.Heartbeats;
using Autri.Infra.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Autri.Agent;

/// <summary>
/// Builds the coordination agent: a generic host with no server (nothing in it listens), the licence verified at start,
/// one HTTP client per outside party, and the heartbeat loop. Program.cs runs it; tests run the built agent as a process.
/// </summary>
public static class AgentHost
{
    public static IHost Create(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var agent = builder.AddValidatedOptions<AgentOptions>(AgentOptions.Section);
        builder.Logging.AddAutriJsonLogging("agent", agent.IsLocal ? agent.LocalLogsDirectory : null);
        // The HTTP client factory logs every request at Information; the agent says what matters itself.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.AddAgentLicence(agent);
        builder.AddAgentClients(agent);
        builder.Services.AddSingleton<HeartbeatComposer>();
        builder.Services.AddSingleton<ReleaseWatch>();
        builder.Services.AddSingleton<DiagnosticsRelay>();
        builder.Services.AddHostedService<HeartbeatLoop>();
        return builder.Build();
    }
}
