namespace Autri.Agent.Clients;

public static class ClientsSetup
{
    /// <summary>
    /// One HTTP client per outside party, each with its base address and the agent's timeout. The agent keeps them for
    /// its whole life, so pooled connections are renewed every two minutes: a load balancer whose addresses change
    /// (an ALB does) is found again through DNS.
    /// </summary>
    public static void AddAgentClients(this HostApplicationBuilder builder, AgentOptions agent)
    {
        foreach (var client in new[]
                 {
                     builder.Services.AddHttpClient<PortalClient>(c => Configure(c, agent.PortalUrl)),
                     builder.Services.AddHttpClient<McpClient>(c => Configure(c, agent.McpUrl)),
                     builder.Services.AddHttpClient<CoordinationClient>(c => Configure(c, agent.CoordinationUrl)),
                 })
        {
            client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }
    }

    private static void Configure(HttpClient client, string baseUrl)
    {
        client.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        client.Timeout = Http.Timeout;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("autri-agent/" + Autri.Infra.Health.ProductVersion.Of(typeof(ClientsSetup).Assembly).Split('+')[0]);
    }
}
