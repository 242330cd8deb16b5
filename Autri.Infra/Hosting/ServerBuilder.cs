using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Autri.Infra.Hosting;

/// <summary>How the MCP server and the coordination service begin building (the portal differs: its content root
/// holds its static files).</summary>
public static class ServerBuilder
{
    /// <summary>
    /// Settings are read beside the binary, whatever the working directory (tests, containers and systemd start it from
    /// elsewhere); <paramref name="configure"/> runs first so tests can add configuration; responses carry no Server
    /// header; the clock is the system's unless a test registered one.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
