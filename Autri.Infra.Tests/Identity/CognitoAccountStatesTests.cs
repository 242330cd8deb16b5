using Autri.Domain.Identity;
using Autri.Infra.Identity;

namespace Autri.Infra.Tests.Identity;

/// <summary>The portal's session re-validation in AWS: AdminGetUser and AdminListGroupsForUser against the strict fake.</summary>
public sealed class CognitoAccountStatesTests : IAsyncLifetime
{
    private const string Pool = "eu-west-3_AbCdEf123";
    private FakeAws _aws = default!;
    private CognitoAccountStates _states = default!;

    public async Task InitializeAsync()
    {
        _aws = await FakeAws.StartAsync();
        _aws.Server.Cognito.AddUserPool(Pool);
        _aws.Server.Cognito.AddGroup(Pool, "admins", precedence: 1);
        _aws.Server.Cognito.AddGroup(Pool, "beta");
        _states = new CognitoAccountStates(new CognitoIdentityProviderClient(_aws.Client(AwsService.CognitoIdp, maxAttempts: 1)), Pool);
    }

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private void AddUser(string name, params string[] groups)
    {
        _aws.Server.Cognito.AddUser(Pool, name);
        foreach (var group in groups) _aws.Server.Cognito.AddUserToGroup(Pool, name, group);
    }

    [Fact]
    public async Task An_enabled_confirmed_user_is_active_with_its_groups()
    {
        AddUser("alice", "admins", "beta");

        var state = await _states.GetAsync("alice", default);

        Assert.True(state.IsActive);
        Assert.Equal(["admins", "beta"], state.Groups);
        Assert.Equal(["AWSCognitoIdentityProviderService.AdminGetUser", "AWSCognitoIdentityProviderService.AdminListGroupsForUser"],
            _aws.Server.Calls.Select(c => c.Target));
    }

    [Fact]
    public async Task A_user_removed_from_a_group_no_longer_has_it()
    {
        AddUser("bob", "admins");
        _aws.Server.Cognito.RemoveUserFromGroup(Pool, "bob", "admins");

        var state = await _states.GetAsync("bob", default);

        Assert.True(state.IsActive);
        Assert.Empty(state.Groups);
    }

    [Fact]
    public async Task A_federated_user_is_active_and_disabled_or_reset_users_are_not()
    {
        _aws.Server.Cognito.AddUser(Pool, "Google_1234", status: "EXTERNAL_PROVIDER");
        _aws.Server.Cognito.AddUser(Pool, "carol");
        _aws.Server.Cognito.SetUserEnabled(Pool, "carol", false);
        _aws.Server.Cognito.AddUser(Pool, "dave", status: "RESET_REQUIRED");

        Assert.True((await _states.GetAsync("Google_1234", default)).IsActive);
        Assert.Equal("disabled", (await _states.GetAsync("carol", default)).EndReason);
        Assert.Equal("status_reset_required", (await _states.GetAsync("dave", default)).EndReason);
    }

    [Fact]
    public async Task A_deleted_user_reads_as_deleted()
    {
        var state = await _states.GetAsync("nobody", default);

        Assert.Same(AccountState.Deleted, state);
        Assert.Equal("deleted", state.EndReason);
    }

    [Fact]
    public async Task Every_page_of_groups_is_read()
    {
        _aws.Server.Cognito.AddUser(Pool, "erin");
        for (var i = 0; i < 75; i++)
        {
            _aws.Server.Cognito.AddGroup(Pool, $"g{i:D2}");
            _aws.Server.Cognito.AddUserToGroup(Pool, "erin", $"g{i:D2}");
        }

        var state = await _states.GetAsync("erin", default);

        Assert.Equal(75, state.Groups.Count);
        Assert.Equal(2, _aws.Server.Calls.Count(c => c.Operation == "AdminListGroupsForUser"));
    }

    [Fact]
    public async Task Throttling_is_an_error_for_the_caller_to_decide_on_not_a_state()
    {
        _aws.Server.Cognito.AddUser(Pool, "frank");
        _aws.Server.Failures.Enqueue("AWSCognitoIdentityProviderService.AdminGetUser", "TooManyRequestsException");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _states.GetAsync("frank", default));

        Assert.Equal("TooManyRequestsException", error.ErrorCode);
    }
}
