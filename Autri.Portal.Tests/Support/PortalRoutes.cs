using Microsoft.AspNetCore.StaticAssets;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;

namespace Autri.Portal.Tests.Support;

/// <summary>
/// The routes a running portal answers GET on, read from its endpoint table: every @page directive (a Razor
/// component endpoint) and every endpoint the Map… methods add. Tests that must cover every page start here, so a
/// new route cannot be forgotten.
/// </summary>
public static class PortalRoutes
{
    public sealed record Route(string Template, bool IsPage);

    public static IReadOnlyList<Route> Get(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(AnswersGet)
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null) // files under wwwroot (StaticAssetTests)
            .Select(e => new Route(e.RoutePattern.RawText ?? "", e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null))
            .Distinct()
            .OrderBy(r => r.Template, StringComparer.Ordinal)];

    private static bool AnswersGet(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(HttpMethods.Get);
}
