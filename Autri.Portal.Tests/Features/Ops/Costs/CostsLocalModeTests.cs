namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>Local mode has no AWS account: the page explains how to connect one and never calls AWS.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class CostsLocalModeTests(PortalStack stack)
{
    [Fact]
    public async Task The_admin_sees_how_to_connect_an_account_and_no_numbers()
    {
        using var admin = new HttpSignIn();
        await admin.SignInAsync(stack.Portal.Url, "admin@autri.test");

        var response = await admin.Client.GetAsync(stack.Portal.Url + "/ops/costs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No AWS account is connected", html);
        Assert.Contains("ce:GetCostForecast", html);
        Assert.DoesNotMatch(Money(), html);
        Assert.Null(stack.Portal.Services.GetService<AwsCostReader>());
    }

    [Fact]
    public async Task A_refresh_in_local_mode_just_returns_to_the_page()
    {
        using var admin = new HttpSignIn();
        await admin.SignInAsync(stack.Portal.Url, "admin@autri.test");
        var page = await admin.Client.GetStringAsync(stack.Portal.Url + "/ops/costs");
        var token = TokenIn().Match(page).Groups[1].Value;

        var response = await admin.Client.PostAsync(stack.Portal.Url + "/ops/costs/refresh",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/costs", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_beta_user_is_refused_the_costs_page_and_its_refresh()
    {
        var email = await stack.InviteNewAsync("costs");
        using var user = new HttpSignIn();
        await user.SignInAsync(stack.Portal.Url, email);

        var page = await user.Client.GetAsync(stack.Portal.Url + "/ops/costs");
        var refresh = await user.Client.PostAsync(stack.Portal.Url + "/ops/costs/refresh", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        // The gate answers 403; the shell's status-page re-execution of a POST then fails antiforgery, hence 400.
        Assert.Contains(refresh.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.BadRequest });
        Assert.Null(refresh.Headers.Location);
    }

    [GeneratedRegex(@"\d+\.\d\d ?USD|USD ?\d|\$ ?\d")]
    private static partial Regex Money();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenIn();
}
