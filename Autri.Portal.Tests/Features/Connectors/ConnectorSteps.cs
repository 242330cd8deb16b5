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

    /// <summary>Mints an access token with the connector's secret on its token page, as a person does.</summary>
    public static async Task<string> MintTokenAsync(this PortalSession session, CreatedConnector created)
    {
        var minted = await session.PostAsync($"/connectors/{created.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = created.Secret });
        return minted.Document.QuerySelector("#access-token")?.TextContent.Trim()
            ?? throw new InvalidOperationException($"No token minted ({(int)minted.Status}): " + minted.TextAt("#error-summary"));
    }
}

internal sealed record CreatedConnector(Guid Id, string Secret, string? ClientId, Page Page);
