namespace Autri.Mcp.Tests.Operations;

[Collection(McpCollection.Name)]
public sealed class HealthTests(McpStack stack)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Healthz_and_readyz_answer_when_the_database_is_migrated()
    {
        Assert.Equal("ok", await Http.GetStringAsync(stack.Url + "/healthz"));
        Assert.Equal("ready", await Http.GetStringAsync(stack.Url + "/readyz"));
    }

    [Fact]
    public async Task Version_names_the_app_and_its_running_version_for_the_coordination_agent()
    {
        var version = await Http.GetFromJsonAsync<Autri.Domain.Coordination.AppVersion>(stack.Url + "/version");

        Assert.Equal(new Autri.Domain.Coordination.AppVersion("mcp", Autri.Infra.Health.ProductVersion.Of(typeof(McpApp).Assembly)), version);
    }

    [Fact]
    public async Task Readyz_says_503_when_the_database_is_unreachable_while_healthz_stays_up()
    {
        await using var server = await stack.StartAnotherAsync(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={FreePortFor()};Username=postgres;Database=none;Timeout=1",
        });

        using var ready = await Http.GetAsync(server.Url + "/readyz");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("ok", await Http.GetStringAsync(server.Url + "/healthz"));
    }

    private static int FreePortFor() => Autri.Testing.FreePort.Next();
}
