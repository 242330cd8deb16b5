namespace Autri.Infra.Aws.CognitoIdp;

public sealed class CognitoIdentityProviderClient(AwsJsonClient client) : ICognitoIdentityProviderClient
{
    public Task<CreateUserPoolClientResponse> CreateUserPoolClientAsync(CreateUserPoolClientRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.UserPoolId, nameof(request.UserPoolId));
        Require.NotEmpty(request.ClientName, nameof(request.ClientName));
        return client.InvokeAsync<CreateUserPoolClientRequest, CreateUserPoolClientResponse>("CreateUserPoolClient", request, ct);
    }

    public Task<DeleteUserPoolClientResponse> DeleteUserPoolClientAsync(DeleteUserPoolClientRequest request, CancellationToken ct = default)
    {
        RequireClient(request.UserPoolId, request.ClientId);
        return client.InvokeAsync<DeleteUserPoolClientRequest, DeleteUserPoolClientResponse>("DeleteUserPoolClient", request, ct);
    }

    public Task<DescribeUserPoolClientResponse> DescribeUserPoolClientAsync(DescribeUserPoolClientRequest request, CancellationToken ct = default)
    {
        RequireClient(request.UserPoolId, request.ClientId);
        return client.InvokeAsync<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>("DescribeUserPoolClient", request, ct);
    }

    public Task<AdminDeleteUserResponse> AdminDeleteUserAsync(AdminDeleteUserRequest request, CancellationToken ct = default)
    {
        RequireUser(request.UserPoolId, request.Username);
        return client.InvokeAsync<AdminDeleteUserRequest, AdminDeleteUserResponse>("AdminDeleteUser", request, ct);
    }

    public Task<AdminGetUserResponse> AdminGetUserAsync(AdminGetUserRequest request, CancellationToken ct = default)
    {
        RequireUser(request.UserPoolId, request.Username);
        return client.InvokeAsync<AdminGetUserRequest, AdminGetUserResponse>("AdminGetUser", request, ct);
    }

    public Task<AdminListGroupsForUserResponse> AdminListGroupsForUserAsync(AdminListGroupsForUserRequest request, CancellationToken ct = default)
    {
        RequireUser(request.UserPoolId, request.Username);
        return client.InvokeAsync<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse>("AdminListGroupsForUser", request, ct);
    }

    private static void RequireClient(string userPoolId, string clientId)
    {
        Require.NotEmpty(userPoolId, "UserPoolId");
        Require.NotEmpty(clientId, "ClientId");
    }

    private static void RequireUser(string userPoolId, string username)
    {
        Require.NotEmpty(userPoolId, "UserPoolId");
        Require.NotEmpty(username, "Username");
    }
}
