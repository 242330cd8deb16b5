using Autri.Coordination.Diagnostics;

namespace Autri.Coordination.Tests.Diagnostics;

/// <summary>The host under test accepts bundles of at most 4096 bytes (Coordination:MaxDiagnosticsBytes).</summary>
[Collection(CoordinationCollection.Name)]
public sealed class DiagnosticsUploadTests(CoordinationHost service)
{
    private static string Path(Guid id) => $"/v1/deployments/{id}/diagnostics";

    [Fact]
    public async Task A_bundle_within_the_limit_is_stored_and_its_reference_returned()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);

        var response = await agent.PostAsync(Path(id), new StringContent("""{"versions":{"portal":"1.4.0"}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<DiagnosticsReceipt>();
        Assert.Equal(1, await service.CountAsync("SELECT count(*) FROM diagnostics_uploads WHERE id = @Reference AND deployment_id = @id", new { receipt!.Reference, id }));
    }

    [Fact]
    public async Task A_bundle_over_the_limit_is_413_and_not_stored_whether_or_not_it_declares_its_length()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);
        var big = "{\"padding\":\"" + new string('x', 5000) + "\"}";

        var declared = await agent.PostAsync(Path(id), new StringContent(big, Encoding.UTF8, "application/json"));
        var chunked = new HttpRequestMessage(HttpMethod.Post, Path(id)) { Content = new PushStreamContent(big) };
        var chunkedResponse = await agent.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        Assert.Equal(0, await service.CountAsync("SELECT count(*) FROM diagnostics_uploads WHERE deployment_id = @id", new { id }));
    }

    [Fact]
    public async Task A_bundle_that_is_not_a_json_object_is_refused()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsync(Path(id), new StringContent("[1,2]", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsync(Path(id), new StringContent("not json", Encoding.UTF8, "application/json"))).StatusCode);
    }

    /// <summary>A body sent without Content-Length (chunked), so the size is known only by reading it.</summary>
    private sealed class PushStreamContent(string text) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
