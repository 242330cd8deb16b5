namespace Autri.Portal.Tests.Features.AgentApi;

/// <summary>A portal without AgentApi:Token (a deployment Autri runs, or a local one): the agent API does not exist.</summary>
[Collection(PortalCollection.Name)]
public sealed class AgentApiAbsentTests(PortalStack stack)
{
    [Fact]
    public async Task Without_a_token_configured_there_is_no_agent_api_at_all()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "anything-anything-anything-anything-0");

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(stack.Portal.Url + "/agent/v1/status")).StatusCode);
    }
}
