namespace Autri.Domain.Tests.OAuth;

public class ClientMetadataDocumentTests
{
    private const string Url = "https://claude.ai/oauth/mcp-oauth-client-metadata";
    private const string Redirect = "https://claude.ai/api/mcp/auth_callback";

    private static ClientMetadataDocument Document(string? clientId = Url, string? method = "none", params string[] redirects) =>
        new(clientId, "Claude", redirects.Length > 0 ? redirects : [Redirect], method);

    [Theory]
    [InlineData("https://claude.ai/oauth/client.json", false, true)]
    [InlineData("http://127.0.0.1:5000/client.json", true, true)]    // local mode: tests serve documents on loopback
    [InlineData("http://127.0.0.1:5000/client.json", false, false)]
    [InlineData("http://app.example/client.json", true, false)]
    [InlineData("autri-abc123", true, false)]                        // an ordinary registered client id
    public void Only_https_urls_and_in_local_mode_loopback_http_are_documents(string clientId, bool local, bool expected) =>
        Assert.Equal(expected, ClientMetadataDocument.IsDocumentUrl(clientId, local));

    [Theory]
    [InlineData("https://claude.ai/", "no path")]
    [InlineData("https://claude.ai/a#b", "fragment")]
    [InlineData("https://u@claude.ai/a", "user info")]
    [InlineData("https://claude.ai/a/../b", "dot segments")]
    public void A_url_that_cannot_name_a_document_is_refused(string url, string reason) => Assert.Contains(reason, ClientMetadataDocument.UrlProblem(url));

    [Fact]
    public void A_url_longer_than_the_store_holds_is_refused() =>
        Assert.Contains("longer than", ClientMetadataDocument.UrlProblem("https://claude.ai/" + new string('a', ClientMetadataDocument.MaxUrlLength)));

    [Fact]
    public void A_document_naming_its_own_url_and_the_requested_redirect_vouches_for_the_client() =>
        Assert.Null(Document().Problem(Url, Redirect));

    [Fact]
    public void A_document_naming_another_client_id_is_refused() =>
        Assert.Contains("not its own URL", Document(clientId: "https://claude.ai/other").Problem(Url, Redirect));

    [Fact]
    public void A_redirect_not_listed_exactly_is_refused() =>
        Assert.Contains("not one of", Document().Problem(Url, Redirect + "/"));

    [Fact]
    public void A_document_listing_a_redirect_no_client_may_register_is_refused() =>
        Assert.Contains("not loopback", Document(redirects: [Redirect, "http://evil.example/cb"]).Problem(Url, Redirect));

    [Fact]
    public void A_document_without_redirects_is_refused() =>
        Assert.Contains("no redirect_uris", new ClientMetadataDocument(Url, null, [], null).Problem(Url, Redirect));

    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    public void Public_clients_only(string? method) => Assert.Null(Document(method: method).Problem(Url, Redirect));

    [Fact]
    public void A_document_asking_for_a_secret_is_refused() =>
        Assert.Contains("only \"none\"", Document(method: "client_secret_basic").Problem(Url, Redirect));
}
