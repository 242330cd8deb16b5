using Microsoft.AspNetCore.Hosting.Server;

namespace Autri.Agent.Tests.Hosting;

/// <summary>The agent opens no port: nothing in it can accept a connection.</summary>
[Collection(AgentCollection.Name)]
public sealed class OutboundOnlyTests(AgentWorld world)
{
    [Fact]
    public async Task The_running_agent_process_listens_on_no_port()
    {
        var deployment = await world.IssueAsync();
        var agent = world.StartAgent(world.AgentSettings(deployment));
        await agent.WaitForLineAsync(AgentWait.Event("heartbeat_sent"), AgentWait.Deadline, "a heartbeat");

        var agentPorts = ListeningSockets.PortsOf(agent.Pid);
        var servicePorts = ListeningSockets.PortsOf(world.Coordination.Process.Pid);

        Assert.Empty(agentPorts);
        Assert.True(ListeningSockets.SocketCount(agent.Pid) > 0, "the agent holds sockets (its outbound connections), so the check could see them");
        Assert.Contains(world.Coordination.Port, servicePorts); // the same reading finds a server's port
    }

    [Fact]
    public void The_agent_host_has_no_server_registered()
    {
        using var host = AgentHost.Create([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:Mode"] = "Local",
            ["Agent:CoordinationUrl"] = "http://127.0.0.1:1",
            ["Agent:Licence"] = world.IssueAsync().GetAwaiter().GetResult().Licence,
            ["Agent:DeploymentCredential"] = "autri_dc_" + new string('a', 43),
            ["Agent:Environment"] = "acme",
            ["Agent:PortalUrl"] = "http://127.0.0.1:1",
            ["Agent:PortalToken"] = AgentWorld.PortalToken,
            ["Agent:McpUrl"] = "http://127.0.0.1:1",
            ["Vendor:PublicKeyFile"] = world.Vendor.PublicKeyFile,
        }));

        Assert.Null(host.Services.GetService<IServer>());
    }
}
