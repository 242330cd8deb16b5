namespace Autri.Domain.Tests.Notifications;

public class NotificationLinkTests
{
    private static readonly string[] Hosts = ["allowed.host", "docs.autri.test"];

    [Theory]
    [InlineData("javascript:alert(1)", "javascript: scheme")]
    [InlineData("JavaScript:alert(document.cookie)", "javascript: scheme")]
    [InlineData("java\tscript:alert(1)", "control characters")]
    [InlineData("data:text/html,<script>alert(1)</script>", "data: scheme")]
    [InlineData("vbscript:msgbox", "vbscript: scheme")]
    [InlineData("mailto:someone@example.com", "mailto: scheme")]
    [InlineData("//evil.com", "starts with //")]
    [InlineData("//evil.com/help", "starts with //")]
    [InlineData("/\\evil.com", "backslash")]
    [InlineData("\\\\evil.com", "backslash")]
    [InlineData("https://other.host/x", "other.host, which is not an allowed link host")]
    [InlineData("https://allowed.host.evil.com/x", "not an allowed link host")]
    [InlineData("https://allowed.host@evil.com/x", "user name or password")]
    [InlineData("http://allowed.host/x", "must use https://")]
    [InlineData("help/x", "must be a portal path starting with /")]
    [InlineData("allowed.host/x", "must be a portal path starting with /")]
    [InlineData("/help/\nx", "control characters")]
    [InlineData("/help x", "contains spaces")]
    public void Refuses_links_that_could_run_script_or_leave_the_allowed_hosts(string link, string reason)
    {
        var check = NotificationLink.Check(link, Hosts);

        Assert.False(check.IsValid);
        Assert.Null(check.Link);
        Assert.Contains(reason, check.Problem);
        Assert.StartsWith("The link ", check.Problem);
    }

    [Theory]
    [InlineData("/help/x", "/help/x")]
    [InlineData("/", "/")]
    [InlineData("/notifications?page=2#top", "/notifications?page=2#top")]
    [InlineData("  /help/x  ", "/help/x")]
    [InlineData("https://allowed.host/x", "https://allowed.host/x")]
    [InlineData("HTTPS://Allowed.Host/x?y=1", "https://allowed.host/x?y=1")]
    [InlineData("https://docs.autri.test", "https://docs.autri.test/")]
    public void Accepts_portal_paths_and_https_links_on_allowed_hosts(string link, string stored)
    {
        var check = NotificationLink.Check(link, Hosts);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(stored, check.Link);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_link_means_no_link(string? link)
    {
        var check = NotificationLink.Check(link, Hosts);

        Assert.True(check.IsValid);
        Assert.Null(check.Link);
    }

    [Fact]
    public void Refuses_overlong_links() =>
        Assert.Contains("longer than 2000", NotificationLink.Check("/" + new string('a', 2000), Hosts).Problem);
}
