namespace Autri.Portal.Features.Diagnostics;

public static class DiagnosticsSetup
{
    /// <summary>Diagnostics bundles: the in-memory log of recent warnings and errors (templates only), the builder, the store.</summary>
    public static void AddDiagnostics(this WebApplicationBuilder builder)
    {
        var errors = new RecentErrorLog(TimeProvider.System);
        builder.Services.AddSingleton(errors);
        builder.Logging.AddProvider(errors);
        builder.Services.AddScoped<DiagnosticsBundleBuilder>();
        builder.Services.AddSingleton<DiagnosticsBundles>();
    }

    /// <summary>The download of one bundle (the page itself is a Razor component).</summary>
    public static void MapDiagnostics(this IEndpointRouteBuilder app) =>
        app.MapGet(DiagnosticsPaths.Page + "/{id:guid}.json", async Task<IResult> (Guid id, DiagnosticsBundles bundles, HttpContext http, CancellationToken ct) =>
        {
            if (await bundles.ContentAsync(id, ct) is not { } content) return TypedResults.NotFound();
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"autri-diagnostics-{id}.json\"";
            return TypedResults.Text(content, "application/json");
        }).RequireAuthorization(Auth.AuthSetup.AdminPolicy);
}
