namespace Autri.Agent.Tests.Hosting;

/// <summary>
/// deploy/contract/agent.json against the agent, in Aws mode as infra-cdk runs it: each required key's absence stops the
/// agent at start naming the key, and with every key given the only objection left is the licence, which in Aws mode
/// must verify with the vendor key shipped in the image (a test cannot sign one; AgentLicenceTests covers licences).
/// </summary>
public sealed class AgentContractTests
{
    /// <summary>What infra-cdk gives the agent (coordination-agent.ts), with plausible values.</summary>
    private static Dictionary<string, string?> Production() => new()
    {
        ["Agent:Mode"] = "Aws",
        ["Agent:CoordinationUrl"] = "https://coordination.vendor.example",
        ["Agent:Channel"] = "beta",
        ["Agent:Environment"] = "acme",
        ["Agent:PortalUrl"] = "https://app.acme.example",
        ["Agent:McpUrl"] = "https://mcp.acme.example",
        ["Agent:McpProbe"] = "Endpoint",
        ["Agent:McpVersion"] = "1.4.0",
        ["Agent:SendCounts"] = "false",
        ["Agent:Licence"] = "eyJhbGciOiJFUzI1NiJ9.eyJub3QiOiJzaWduZWQifQ.c2lnbmF0dXJl",
        ["Agent:DeploymentCredential"] = "autri_dc_" + new string('a', 43),
        ["Agent:PortalToken"] = new string('t', 64),
    };

    private static InvalidOperationException Refusal(Dictionary<string, string?> settings) =>
        Assert.Throws<InvalidOperationException>(() => AgentHost.Create([], b => b.Configuration.AddInMemoryCollection(settings)).Dispose());

    public static TheoryData<string> RequiredKeys() => new(DeployContract.Keys("agent").Where(k => k.Required).Select(k => k.Key));

    [Fact]
    public void The_test_supplies_exactly_the_contract_s_keys()
    {
        Assert.Equal(DeployContract.Keys("agent").Select(k => k.Key).Order(), Production().Keys.Order());
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public void Without_a_required_key_the_agent_refuses_to_start_naming_it(string key)
    {
        var settings = Production();
        settings.Remove(key);

        Assert.Contains(key, Refusal(settings).Message);
    }

    [Fact]
    public void With_every_key_only_the_licence_is_left_to_verify()
    {
        var refused = Refusal(Production());

        Assert.StartsWith("Configuration missing or invalid value for: Agent:Licence", refused.Message);
        foreach (var other in DeployContract.Keys("agent").Select(k => k.Key).Where(k => k != "Agent:Licence"))
            Assert.DoesNotContain(other, refused.Message);
    }
}
