namespace Autri.Portal.Features.Connectors;

/// <summary>
/// The connector pages are Razor components with their own static-SSR forms (a POST must be able to
/// answer with a page that shows a secret once, which a redirect could not). What the feature adds to the
/// pipeline is the org check in front of every /connectors/{id} URL.
/// </summary>
public static class ConnectorsPipeline
{
    public static void UseConnectorAccessGate(this WebApplication app) => app.UseMiddleware<ConnectorAccessGate>();
}
