namespace Autri.Infra.Aws.CognitoIdp;

/// <summary>Cognito user pools, shaped like AWSSDK.CognitoIdentityProvider's IAmazonCognitoIdentityProvider.</summary>
public interface ICognitoIdentityProviderClient
{
    Task<CreateUserPoolClientResponse> CreateUserPoolClientAsync(CreateUserPoolClientRequest request, CancellationToken ct = default);
    Task<DeleteUserPoolClientResponse> DeleteUserPoolClientAsync(DeleteUserPoolClientRequest request, CancellationToken ct = default);
    Task<DescribeUserPoolClientResponse> DescribeUserPoolClientAsync(DescribeUserPoolClientRequest request, CancellationToken ct = default);
    Task<AdminDeleteUserResponse> AdminDeleteUserAsync(AdminDeleteUserRequest request, CancellationToken ct = default);
    Task<AdminGetUserResponse> AdminGetUserAsync(AdminGetUserRequest request, CancellationToken ct = default);
    Task<AdminListGroupsForUserResponse> AdminListGroupsForUserAsync(AdminListGroupsForUserRequest request, CancellationToken ct = default);
}
