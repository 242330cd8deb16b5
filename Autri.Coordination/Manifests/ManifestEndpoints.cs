namespace Autri.Coordination.Manifests;

public static class ManifestEndpoints
{
    public const string ContentType = "application/jwt";

    public static void MapManifests(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/deployments/{deploymentId:guid}/manifests/{channel}", GetAsync).AddEndpointFilter<DeploymentAuthentication>();

    /// <summary>The channel's signed manifest as published (the agent verifies it; the service only stores and serves it).</summary>
    private static async Task<Results<ContentHttpResult, NotFound<string>>> GetAsync(string channel, ManifestStore store, CancellationToken ct)
    {
        if (!ReleaseChannel.IsKnown(channel)) return TypedResults.NotFound($"There is no release channel '{channel}' (stable or beta).");
        var manifest = await store.CurrentAsync(channel, ct);
        return manifest is null
            ? TypedResults.NotFound($"Nothing is published on the {channel} channel yet.")
            : TypedResults.Text(manifest.Document, ContentType);
    }
}
