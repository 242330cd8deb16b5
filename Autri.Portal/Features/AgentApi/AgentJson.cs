namespace Autri.Portal.Features.AgentApi;

/// <summary>Bodies of the agent API in the coordination wire format (snake_case, unknown members refused).</summary>
public static class AgentJson
{
    /// <summary>The body as <typeparamref name="T"/>, or null when it is not one (the caller answers 400).</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, CoordinationJson.Options, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult Ok<T>(T value) => TypedResults.Json(value, CoordinationJson.Options);
}
