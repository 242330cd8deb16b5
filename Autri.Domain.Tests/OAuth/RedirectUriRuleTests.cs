namespace Autri.Domain.Tests.OAuth;

public class RedirectUriRuleTests
{
    [Theory]
    [InlineData("https://claude.ai/api/mcp/auth_callback")]
    [InlineData("http://127.0.0.1:33418/callback")]
    [InlineData("http://localhost:3334/oauth/callback")]
    [InlineData("http://[::1]:8080/cb")]
    [InlineData("http://LOCALHOST/cb")]
    public void Https_anywhere_and_http_on_a_loopback_host_may_be_registered(string uri) => Assert.Null(RedirectUriRule.Problem(uri));

    [Theory]
    [InlineData(null, "empty")]
    [InlineData(" ", "empty")]
    [InlineData("http://evil.example/cb", "not loopback")]
    [InlineData("http://127.0.0.1.evil.example/cb", "not loopback")]
    [InlineData("javascript:alert(1)", "scheme")]
    [InlineData("com.example.app:/callback", "scheme")]
    [InlineData("https://app.example/cb#x", "fragment")]
    [InlineData("https://*.example/cb", "wildcard")]
    [InlineData("https://user:pw@app.example/cb", "user info")]
    [InlineData("https://app.example/c b", "spaces")]
    [InlineData("/relative/callback", "scheme \"file\"")]   // .NET on Unix reads an absolute path as a file: URI
    [InlineData("callback", "not an absolute URL")]
    public void Anything_else_is_refused_with_its_reason(string? uri, string reason) => Assert.Contains(reason, RedirectUriRule.Problem(uri));

    [Fact]
    public void An_overlong_uri_is_refused() =>
        Assert.Contains("longer than", RedirectUriRule.Problem("https://app.example/" + new string('a', RedirectUriRule.MaxLength)));

    [Theory]
    [InlineData("http://127.0.0.1:41999/callback", "http://127.0.0.1/callback")]
    [InlineData("http://localhost:3334/oauth/callback?x=1", "http://localhost/oauth/callback?x=1")]
    [InlineData("https://localhost:8443/cb", null)]  // only http loopback URIs are native-app listeners
    [InlineData("http://127.0.0.1/callback", null)]  // already port-less
    [InlineData("http://app.example:8080/cb", null)]
    public void The_any_port_form_drops_the_port_of_an_http_loopback_uri(string uri, string? expected) =>
        Assert.Equal(expected, RedirectUriRule.AnyPortForm(uri));
}
