namespace Autri.Portal.Tests.Features.Admin;

/// <summary>/admin/config: the parameters under the deployment's prefix, paginated, SecureString values never decrypted or shown.</summary>
[Collection(AllowlistCollection.Name)]
public class ConfigViewTests(AllowlistStack stack)
{
    private const string Secret = "s3cr3t-database-password";

    public static TheoryData<string> Modes => new() { "local", "aws" };

    [Theory, MemberData(nameof(Modes))]
    public async Task The_view_lists_the_prefix_ten_a_page_and_masks_secure_strings(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync(null);
        for (var i = 0; i < 11; i++)
            await t.Store.PutAsync(new PutParameter($"{t.Prefix}feature/flag-{i:00}", $"value-{i:00}", ParameterType.String, Overwrite: true));
        await t.Store.PutAsync(new PutParameter($"{t.Prefix}db-password", Secret, ParameterType.SecureString, Overwrite: true));
        await t.Store.PutAsync(new PutParameter("/elsewhere/not-listed", "outside", ParameterType.String, Overwrite: true));
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var first = await admin.GetAsync("/admin/config");
        var next = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.GetAsync(next);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(t.Prefix, first.TextOf("config-prefix"));
        var names = Rows(first).Concat(Rows(second)).ToList();
        Assert.Equal(10, Rows(first).Count);
        Assert.Equal(12, names.Count);
        Assert.Contains($"{t.Prefix}db-password", names);
        Assert.Contains($"{t.Prefix}feature/flag-10", names);
        Assert.DoesNotContain("/elsewhere/not-listed", names);
        Assert.Null(second.Document.QuerySelector("a[rel=next]"));
        Assert.Contains("Page 2", second.Text);
        var all = first.Html + second.Html;
        Assert.DoesNotContain(Secret, all);
        Assert.Contains("•••• (SecureString, not decrypted)", all);
        Assert.Contains("value-03", all);
        if (t.Aws is { } aws)
        {
            var listings = aws.Calls.Where(c => c.Operation == "GetParametersByPath").ToList();
            Assert.NotEmpty(listings);
            Assert.All(listings, c => Assert.False(c.Body.GetProperty("WithDecryption").GetBoolean()));
            Assert.DoesNotContain(aws.Calls, c => c.Operation == "GetParameter" && c.Body.GetProperty("Name").GetString() == $"{t.Prefix}db-password");
        }
    }

    [Fact]
    public async Task A_stale_page_link_says_so_and_offers_the_first_page()
    {
        using var admin = await PortalSession.SignInAsync(stack.Local.Url, DevIdentityProvider.AdminEmail);

        var page = await admin.GetAsync("/admin/config?next=bm90LWEtdG9rZW4%3D&page=2");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("This page link has expired", page.TextOf("store-error"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/admin/config']"));
    }

    private static List<string> Rows(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=config-table] tbody th").Select(th => th.TextContent.Trim()).ToList();
}
