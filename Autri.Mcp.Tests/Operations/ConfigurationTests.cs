namespace Autri.Mcp.Tests.Operations;

[Collection(McpCollection.Name)]
public sealed class ConfigurationTests(McpStack stack)
{
    [Theory]
    [InlineData("Mcp:ResourceUrl", "http://127.0.0.1:8000/mcp", "Mcp:ResourceUrl")]
    [InlineData("Mcp:RevocationCacheSeconds", "60", "Mcp:RevocationCacheSeconds")]
    [InlineData("Mcp:AllowedOrigins:0", "http://portal.example/", "Mcp:AllowedOrigins")]
    [InlineData("Mcp:ClientCredentialsIssuer", null, "Mcp:PortalIssuer")]
    [InlineData("Mcp:ClientCredentialsScope", null, "Mcp:ClientCredentialsScope")]
    [InlineData("Mcp:PortalIssuer", "http://127.0.0.1:5080/", "Mcp:PortalIssuer")]
    public async Task A_bad_setting_stops_the_server_naming_the_key(string key, string? value, string named)
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => stack.StartAnotherAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public async Task Benchmark_mode_is_refused_outside_local_mode()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => stack.StartAnotherAsync(new Dictionary<string, string?>
        {
            ["Mcp:Mode"] = "Aws",
            ["Mcp:SeedDemoCorpus"] = "false",
            ["Mcp:BenchmarkAnonymousConnectorId"] = Guid.NewGuid().ToString(),
        }));

        Assert.Contains("Mcp:BenchmarkAnonymousConnectorId", ex.Message);
    }

    [Fact]
    public async Task Benchmark_mode_is_refused_in_the_Production_environment_even_in_local_mode()
    {
        // The test host runs in the Production environment, as the single-host deployment does with Mode=Local.
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => stack.StartAnotherAsync(new Dictionary<string, string?>
        {
            ["Mcp:BenchmarkAnonymousConnectorId"] = Guid.NewGuid().ToString(),
        }));

        Assert.Contains("Mcp:BenchmarkAnonymousConnectorId is refused in the Production environment", ex.Message);
    }
}
