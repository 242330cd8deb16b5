using System.Net;
using Autri.Testing.Web;

namespace Autri.Portal.Tests.Features.Connectors;

/// <summary>Connector steps on a signed-in session, as the pages do them.</summary>
internal static class ConnectorSteps
{
    /// <summary>Creates a connector through the create form and returns what the shown-once page shows.</summary>
    public static async Task<CreatedConnector> CreateConnectorAsync(this PortalSession session, string name, string kind = "oauth_client", string expiry = "never")
    {
        var form = await session.GetAsync("/connectors/new");
        var library = form.Document.QuerySelector("#f-library option")!.GetAttribute("value")!;
        var page = await session.PostAsync("/connectors/new", "create-connector", new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.LibraryId"] = library, ["Form.Kind"] = kind, ["Form.Expiry"] = expiry,
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var secret = page.Document.QuerySelector("#secret-value")?.GetAttribute("value") ?? throw new InvalidOperationException("No secret shown: " + page.TextAt("#error-summary"));
        var next = page.Document.QuerySelector("a[href$='/setup']")!.GetAttribute("href")!;
        var id = Guid.Parse(next.Split('/')[2]);
        return new CreatedConnector(id, secret, page.Document.QuerySelector("#client-id")?.GetAttribute("value"), page);
    }
}

internal sealed record CreatedConnector(Guid Id, string Secret, string? ClientId, Page Page);
