namespace Autri.Infra.Identity;

/// <summary>
/// An account's state in the Cognito user pool: AdminGetUser for Enabled and UserStatus, AdminListGroupsForUser
/// (every page) for the groups. A user that no longer exists is <see cref="AccountState.Deleted"/>; any other
/// failure (throttling, network) is thrown, for the caller to decide.
/// </summary>
public sealed class CognitoAccountStates(ICognitoIdentityProviderClient cognito, string userPoolId) : IAccountStates
{
    public async Task<AccountState> GetAsync(string username, CancellationToken ct)
    {
        try
        {
            var user = await cognito.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = userPoolId, Username = username }, ct);
            var groups = new List<string>();
            string? next = null;
            do
            {
                var page = await cognito.AdminListGroupsForUserAsync(new AdminListGroupsForUserRequest
                {
                    UserPoolId = userPoolId,
                    Username = username,
                    NextToken = next,
                }, ct);
                groups.AddRange(page.Groups?.Select(g => g.GroupName).OfType<string>() ?? []);
                next = page.NextToken;
            }
            while (next is not null);
            return new AccountState(true, user.Enabled ?? false, user.UserStatus ?? "UNKNOWN", groups);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "UserNotFoundException")
        {
            return AccountState.Deleted;
        }
    }
}
