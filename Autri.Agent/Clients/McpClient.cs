namespace Autri.Agent.Clients;

/// <summary>The MCP server's health and version, as <see cref="AgentOptions.McpProbe"/> says they can be had.</summary>
public sealed class McpClient(HttpClient http, IOptions<AgentOptions> options)
{
    public async Task<AppReport> ProbeAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.McpProbe == McpProbe.Readyz)
        {
            var (health, _) = await AppProbes.ReadinessAsync(http, ct);
            return new AppReport(health, HeartbeatRules.NormalizeVersion(await AppProbes.VersionAsync(http, ct)));
        }
        return new AppReport(await EndpointHealthAsync(ct), HeartbeatRules.NormalizeVersion(o.McpVersion));
    }

    /// <summary>
    /// Behind AgentCore only /mcp is reachable: an initialize without credentials must be refused with 401 and a
    /// Bearer challenge, which proves the runtime and the server in it answer (and says nothing about anyone's data).
    /// </summary>
    private async Task<AppHealth> EndpointHealthAsync(CancellationToken ct)
    {
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"autri-agent","version":"1"}}}""";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(initialize, Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")
                ? AppHealth.Ready : AppHealth.NotReady;
        }
        catch (Exception ex) when (Http.IsUnreachable(ex) && !ct.IsCancellationRequested)
        {
            return AppHealth.Unreachable;
        }
    }
}
