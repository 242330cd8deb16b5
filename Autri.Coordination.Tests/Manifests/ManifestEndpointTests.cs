using Autri.Coordination.Manifests;

namespace Autri.Coordination.Tests.Manifests;

[Collection(CoordinationCollection.Name)]
public sealed class ManifestEndpointTests(CoordinationHost service)
{
    [Fact]
    public async Task A_channel_serves_exactly_the_document_last_published_on_it()
    {
        var (id, credential) = await service.RegisterAsync();
        var store = service.Services.GetRequiredService<ManifestStore>();
        await store.PublishAsync("beta", "1.5.0-beta.1", "first.signed.document");
        await store.PublishAsync("beta", "1.5.0-beta.2", "second.signed.document");
        using var agent = service.AgentClient(credential);

        var response = await agent.GetAsync($"/v1/deployments/{id}/manifests/beta");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ManifestEndpoints.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("second.signed.document", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_channel_is_404_and_manifests_need_the_deployment_credential()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.Url) };

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/v1/deployments/{id}/manifests/nightly")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/deployments/{id}/manifests/stable")).StatusCode);
    }
}
