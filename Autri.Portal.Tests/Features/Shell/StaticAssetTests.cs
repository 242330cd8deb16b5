using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Autri.Portal.Tests.Features.Shell;

/// <summary>
/// The framework's static asset pipeline: pages link fingerprinted URLs that may be cached for a year, so a second page
/// view downloads only its HTML; responses come precompressed; unfingerprinted URLs still answer, revalidated by ETag.
/// </summary>
[Collection(PortalCollection.Name)]
public partial class StaticAssetTests(PortalStack stack)
{
    [GeneratedRegex("href=\"(css/site\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex FingerprintedStylesheet();

    private async Task<string> FingerprintedStylesheetUrl(HttpClient http)
    {
        var page = await http.GetStringAsync(stack.Portal.Url + "/signed-out");
        var match = FingerprintedStylesheet().Match(page);
        Assert.True(match.Success, "the signed-out page links css/site.css by a fingerprinted URL");
        return stack.Portal.Url + "/" + match.Groups[1].Value;
    }

    [Fact]
    public async Task Pages_link_fingerprinted_assets_that_are_immutable_for_a_year_and_come_gzipped_to_anyone()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
        var url = await FingerprintedStylesheetUrl(http);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // no sign-in needed, no redirect
        Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var css = await new StreamReader(gzip).ReadToEndAsync();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "Autri.Portal", "wwwroot", "css", "site.css")), css);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single()); // the security headers still apply
    }

    [Fact]
    public async Task An_unfingerprinted_url_is_revalidated_and_a_repeat_costs_a_304()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var first = await http.GetAsync(stack.Portal.Url + "/css/site.css");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoCache);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, stack.Portal.Url + "/css/site.css");
        again.Headers.IfNoneMatch.Add(etag);
        using var repeat = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, repeat.StatusCode);
    }
}
