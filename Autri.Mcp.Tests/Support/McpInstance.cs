namespace Autri.Mcp.Tests.Support;

/// <summary>Another server on the stack's database, with settings of its own: disposing it stops it.</summary>
public sealed class McpInstance(WebApplication app, string url) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public string Url { get; } = url;

    public McpHttp Mcp { get; } = new(url + "/mcp");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
