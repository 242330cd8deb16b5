namespace Autri.Portal.Tests.Features.Auth;

/// <summary>
/// Where a sign-in may send someone back to. Every hostile value here is one a browser could resolve to another host
/// (or a script), given raw, percent-encoded once, or dressed in lookalike characters; each must come back as "/".
/// </summary>
public class ReturnUrlTests
{
    public static TheoryData<string> Hostile() =>
    [
        // Another host, spelled directly.
        "//evil.example", "///evil.example", "https://evil.example", "http:evil.example", "HTTPS://evil.example/",
        "//evil.example/%2F..", "\\\\evil.example", "\\/evil.example", "/\\evil.example", "/\\\\evil.example",
        // Browsers drop tab and newline inside URLs: "/\t/evil" becomes "//evil".
        "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\u0000/evil.example", "/\u007f/evil.example",
        // The same, percent-encoded (the query binder decodes once; a second decode must not reveal them).
        "/%09/evil.example", "/%0a/evil.example", "/%0D%0A/evil.example", "/%00/evil.example", "/%2509/evil.example",
        "/%5C/evil.example", "/%5c%5cevil.example", "/%2F/evil.example", "/%2f%2fevil.example", "%2F%2Fevil.example",
        // Schemes that run script or leave the site.
        "javascript:alert(1)", "JavaScript:alert(1)", "/javascript:alert(1)\n", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox",
        // Relative or virtual paths (resolved against /sign-in, or by a framework), and nothing.
        "evil.example", "~/connectors", "~//evil.example", "./connectors", "", " ", " /connectors",
        // Unicode lookalikes of / and \ (fullwidth solidus, division slash, fraction slash, small reverse solidus) and spaces.
        "/\uFF0F/evil.example", "/\u2215/evil.example", "/\u2044/evil.example", "/\uFE68/evil.example", "\uFF0F\uFF0Fevil.example",
        "/\u3000/evil.example", "/\u00A0/evil.example", "/ /evil.example",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_return_url_is_replaced_by_the_home_page(string returnUrl)
    {
        Assert.Equal("/", ReturnUrl.SafeOrHome(returnUrl));
    }

    [Fact]
    public void A_missing_return_url_is_the_home_page()
    {
        Assert.Equal("/", ReturnUrl.SafeOrHome(null));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/connectors")]
    [InlineData("/connectors?x=1")]
    [InlineData("/admin/allowlist/history?from=3&to=4")]
    [InlineData("/ops/logs/errors?range=1h")]
    // What the authorization server's sign-in return carries: the whole authorization request, encoded.
    [InlineData("/oauth/authorize?response_type=code&client_id=https%3A%2F%2Fapp.example%2Fclient.json&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&scope=mcp.invoke%20offline_access&state=xyz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&resource=http%3A%2F%2F127.0.0.1%3A8000%2Fmcp")]
    public void A_path_on_this_site_is_kept(string returnUrl)
    {
        Assert.Equal(returnUrl, ReturnUrl.SafeOrHome(returnUrl));
    }
}
