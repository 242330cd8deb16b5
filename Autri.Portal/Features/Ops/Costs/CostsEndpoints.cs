namespace Autri.Portal.Features.Ops.Costs;

public static class CostsEndpoints
{
    public static void MapCosts(this WebApplication app)
    {
        app.MapPost("/ops/costs/refresh", Refresh)
            .RequireAuthorization(AuthSetup.AdminPolicy).RequireAntiforgery().DisableAntiforgery();
    }

    /// <summary>An admin's refresh: each view at most once per Costs:MinRefreshMinutes; the page says what happened.</summary>
    private static async Task<RedirectHttpResult> Refresh(HttpContext http, IOptions<PortalOptions> portal)
    {
        if (portal.Value.IsLocal) return TypedResults.Redirect("/ops/costs");
        var summary = await http.RequestServices.GetRequiredService<AwsCostReader>().RefreshAsync(http.RequestAborted);
        var outcome = summary.Failed > 0 ? "failed" : summary.NothingRefreshed ? "too-soon" : "done";
        return TypedResults.Redirect("/ops/costs?refresh=" + outcome);
    }
}
