namespace Autri.Portal.Tests.Web;

/// <summary>
/// Portal:TrustForwardedHeaders with Portal:KnownProxies (one server: nginx on 127.0.0.1) trusts X-Forwarded-Proto
/// from those addresses alone. The scheme shows in the OIDC redirect_uri the portal builds from the request.
/// </summary>
[Collection(PortalCollection.Name)]
public class ForwardedHeadersTests(PortalStack stack)
{
    private static async Task<string> RedirectUriAsync(PortalInstance portal)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, portal.Url + "/sign-in");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var challenge = await http.SendAsync(request);
        return System.Web.HttpUtility.ParseQueryString(challenge.Headers.Location!.Query)["redirect_uri"]!;
    }

    [Fact]
    public async Task Forwarded_headers_from_a_known_proxy_are_trusted()
    {
        await using var portal = await stack.StartSpareAsync(new Dictionary<string, string?>
        {
            ["Portal:TrustForwardedHeaders"] = "true", ["Portal:KnownProxies:0"] = "127.0.0.1",
        });

        Assert.Equal($"https://127.0.0.1:{portal.Port}/signin-oidc", await RedirectUriAsync(portal));
    }

    [Fact]
    public async Task Forwarded_headers_from_any_other_sender_are_ignored()
    {
        await using var portal = await stack.StartSpareAsync(new Dictionary<string, string?>
        {
            ["Portal:TrustForwardedHeaders"] = "true", ["Portal:KnownProxies:0"] = "192.0.2.10",
        });

        Assert.Equal($"http://127.0.0.1:{portal.Port}/signin-oidc", await RedirectUriAsync(portal));
    }
}
