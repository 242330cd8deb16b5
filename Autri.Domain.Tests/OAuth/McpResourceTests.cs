namespace Autri.Domain.Tests.OAuth;

public class McpResourceTests
{
    private readonly McpResource _resource = new("https://mcp.example.com/mcp");

    [Theory]
    [InlineData("https://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp/")]
    [InlineData("https://mcp.example.com")]
    [InlineData("https://mcp.example.com/")]
    [InlineData("HTTPS://MCP.EXAMPLE.COM/mcp")]
    [InlineData("https://mcp.example.com:443/mcp")]
    public void The_endpoint_or_its_origin_name_the_resource(string requested) => Assert.True(_resource.Accepts(requested));

    [Theory]
    [InlineData("https://mcp.example.com/other")]
    [InlineData("https://mcp.example.com/mcp/more")]
    [InlineData("http://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com:8443/mcp")]
    [InlineData("https://other.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp?x=1")]
    [InlineData("https://mcp.example.com/mcp#f")]
    [InlineData("https://user@mcp.example.com/mcp")]
    [InlineData("mcp.example.com/mcp")]
    public void Anything_else_is_another_resource(string requested) => Assert.False(_resource.Accepts(requested));

    [Fact]
    public void The_canonical_form_is_the_endpoint_without_a_trailing_slash() =>
        Assert.Equal("https://mcp.example.com/mcp", new McpResource("https://mcp.example.com/mcp/").Canonical);

    [Theory]
    [InlineData("ftp://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp?x=1")]
    [InlineData("/mcp")]
    public void A_bad_endpoint_is_refused_at_configuration(string endpoint) => Assert.Throws<ArgumentException>(() => new McpResource(endpoint));
}
