namespace Autri.Portal.Web;

/// <summary>
/// Every state-changing minimal-API endpoint validates the antiforgery token itself: the framework only
/// enforces it for Razor forms and for endpoints that bind forms, and our action endpoints may bind nothing.
/// </summary>
public sealed class AntiforgeryCheck(IAntiforgery antiforgery, ILogger<AntiforgeryCheck> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                log.LogWarning(new EventId(40, "antiforgery_rejected"), "Rejected {method} {path} without a valid antiforgery token", http.Request.Method, http.Request.Path.Value);
                await ErrorHandling.WriteStaleFormPageAsync(http);
                return Results.Empty;
            }
        }
        return await next(context);
    }
}

public static class AntiforgeryCheckExtensions
{
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AntiforgeryCheck>();
}
