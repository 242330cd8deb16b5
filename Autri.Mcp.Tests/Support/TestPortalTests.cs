namespace Autri.Mcp.Tests.Support;

/// <summary>
/// Tests against a server of their own that trusts a <see cref="TestIssuer"/> standing in for the portal
/// (Mcp:PortalIssuer): xUnit makes an instance per test, so each test gets both fresh, stopped after it.
/// </summary>
public abstract class TestPortalTests(McpStack stack) : IAsyncLifetime
{
    protected McpStack Stack { get; } = stack;

    protected TestIssuer Portal { get; private set; } = null!;

    protected McpInstance Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = await TestIssuer.StartAsync();
        Server = await Stack.StartAnotherAsync(new Dictionary<string, string?> { ["Mcp:PortalIssuer"] = Portal.Url });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Portal.DisposeAsync();
    }
}
