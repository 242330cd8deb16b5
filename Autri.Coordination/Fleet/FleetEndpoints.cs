using Microsoft.AspNetCore.Components.Endpoints;

namespace Autri.Coordination.Fleet;

public static class FleetEndpoints
{
    public const string RateLimitPolicy = "fleet-page";

    /// <summary>The fleet page and the diagnostics bundles it links, for vendor staff signed in with <see cref="AdminSignIn"/>.</summary>
    public static void MapFleet(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminSignIn>().RequireRateLimiting(RateLimitPolicy);
        admin.MapGet("", PageAsync);
        admin.MapGet("/deployments/{deploymentId:guid}/diagnostics/{id:guid}", BundleAsync);
    }

    private static async Task<RazorComponentResult<FleetPage>> PageAsync(HttpContext http, FleetReader fleet, IOptions<CoordinationOptions> options, CancellationToken ct)
    {
        var rows = await fleet.ReadAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<FleetPage>(new
        {
            Rows = rows,
            User = (string)http.Items[nameof(AdminSignIn)]!,
            options.Value.StaleAfter,
        });
    }

    private static async Task<Results<ContentHttpResult, NotFound>> BundleAsync(Guid deploymentId, Guid id, HttpContext http, DiagnosticsStore store, CancellationToken ct)
    {
        var bundle = await store.ReadAsync(deploymentId, id, ct);
        if (bundle is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"diagnostics-{id}.json\"";
        return TypedResults.Text(bundle, "application/json");
    }
}
