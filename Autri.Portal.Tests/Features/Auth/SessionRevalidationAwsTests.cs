namespace Autri.Portal.Tests.Features.Auth;

/// <summary>
/// The same re-validation in Aws mode, against Cognito (the strict fake): AdminGetUser and AdminListGroupsForUser
/// with the user pool of Connectors:UserPoolId. People sign in at the dev IdP; the fake's user is named by their sub,
/// as Cognito's would be by cognito:username.
/// </summary>
public sealed class SessionRevalidationAwsTests : IAsyncLifetime
{
    private const string Region = "eu-west-3";
    private const string Pool = Region + "_TestPool1";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly int _port = FreePort.Next();
    private readonly AwsFakeServer _aws = new(RepoPaths.AwsModels, Region);
    private NpgsqlDataSource _db = default!;
    private DevIdentityProvider _idp = default!;
    private PortalInstance _portal = default!;

    public async Task InitializeAsync()
    {
        await _aws.StartAsync();
        _aws.Cognito.AddUserPool(Pool);
        _aws.Cognito.AddGroup(Pool, "admins");
        var connection = await TestDatabase.NewAsync("revalidateaws");
        _db = NpgsqlDataSource.Create(connection);
        await new Migrator(_db).ApplyAsync();
        _idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{_port}"]);
        var settings = PortalInstance.AwsMode(Region, _aws.BaseUrl);
        settings["Identity:RevalidateInterval"] = Interval.ToString();
        settings["Aws:MaxAttempts"] = "1";
        _portal = await PortalInstance.StartAsync(_port, connection, _idp.Issuer, Path.GetTempPath(), settings, configure: PortalInstance.SignWithFakeAwsKeys);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _idp.DisposeAsync();
        await _db.DisposeAsync();
        await _aws.DisposeAsync();
    }

    /// <summary>An admin signed in, and the same person in the Cognito pool (in the admins group).</summary>
    private async Task<(HttpSignIn Browser, string Username)> SignedInAdminAsync(string email)
    {
        await SessionRevalidationTests.AllowAsync(_portal, email);
        await _idp.SetAccountAsync(email, new { groups = new[] { "admins" } });
        var browser = new HttpSignIn();
        Assert.Equal("/", await browser.SignInAsync(_portal.Url, email));
        await using var conn = await _db.OpenConnectionAsync();
        var sub = await conn.QuerySingleAsync<string>("SELECT subject FROM users WHERE email = @email", new { email });
        _aws.Cognito.AddUser(Pool, sub, new Dictionary<string, string> { ["email"] = email });
        _aws.Cognito.AddUserToGroup(Pool, sub, "admins");
        return (browser, sub);
    }

    [Fact]
    public async Task An_admin_removed_from_the_Cognito_group_loses_the_admin_pages()
    {
        var (browser, username) = await SignedInAdminAsync(PortalStack.UniqueEmail("cogadmin"));
        using var _ = browser;
        await Task.Delay(Interval);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(_portal.Url + "/admin")).StatusCode);

        _aws.Cognito.RemoveUserFromGroup(Pool, username, "admins");
        await Task.Delay(Interval);
        var admin = await browser.Client.GetAsync(_portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains(_aws.Calls, c => c.Operation == "AdminListGroupsForUser" && c.Succeeded && c.Body.GetProperty("UserPoolId").GetString() == Pool);
    }

    [Fact]
    public async Task A_user_disabled_in_Cognito_is_signed_out()
    {
        var (browser, username) = await SignedInAdminAsync(PortalStack.UniqueEmail("cogdisabled"));
        using var _ = browser;

        _aws.Cognito.SetUserEnabled(Pool, username, false);
        await Task.Delay(Interval);
        var page = await browser.Client.GetAsync(_portal.Url + "/connectors");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(_portal.Url + "/admin")).StatusCode);
    }

    [Fact]
    public async Task Cognito_throttling_during_a_check_keeps_the_session()
    {
        var (browser, _) = await SignedInAdminAsync(PortalStack.UniqueEmail("cogthrottled"));
        using var __ = browser;

        _aws.Failures.Enqueue("AWSCognitoIdentityProviderService.AdminGetUser", "TooManyRequestsException");
        await Task.Delay(Interval);
        var admin = await browser.Client.GetAsync(_portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains(_aws.Calls, c => c.ErrorCode == "TooManyRequestsException");
    }
}
