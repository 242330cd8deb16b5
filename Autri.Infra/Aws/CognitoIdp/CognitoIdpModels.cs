namespace Autri.Infra.Aws.CognitoIdp;

// Requests and responses of the Cognito user-pool operations we call, named as in
// AWSSDK.CognitoIdentityProvider. Enum-valued members are strings ("client_credentials", "minutes", …).

public sealed record TokenValidityUnitsType
{
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
}

public sealed record UserPoolClientType
{
    public string? UserPoolId { get; init; }
    public string? ClientName { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public DateTime? LastModifiedDate { get; init; }
    public DateTime? CreationDate { get; init; }
    public int? AccessTokenValidity { get; init; }
    public TokenValidityUnitsType? TokenValidityUnits { get; init; }
    public List<string>? ExplicitAuthFlows { get; init; }
    public List<string>? AllowedOAuthFlows { get; init; }
    public List<string>? AllowedOAuthScopes { get; init; }
    public bool? AllowedOAuthFlowsUserPoolClient { get; init; }
}

public sealed record CreateUserPoolClientRequest
{
    public required string UserPoolId { get; init; }
    public required string ClientName { get; init; }
    public bool? GenerateSecret { get; init; }
    public string? ClientSecret { get; init; }
    public int? AccessTokenValidity { get; init; }
    public TokenValidityUnitsType? TokenValidityUnits { get; init; }
    public List<string>? ExplicitAuthFlows { get; init; }
    public List<string>? AllowedOAuthFlows { get; init; }
    public List<string>? AllowedOAuthScopes { get; init; }
    public bool? AllowedOAuthFlowsUserPoolClient { get; init; }
}

public sealed record CreateUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; init; }
}

public sealed record DescribeUserPoolClientRequest
{
    public required string UserPoolId { get; init; }
    public required string ClientId { get; init; }
}

public sealed record DescribeUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; init; }
}

public sealed record DeleteUserPoolClientRequest
{
    public required string UserPoolId { get; init; }
    public required string ClientId { get; init; }
}

public sealed record DeleteUserPoolClientResponse;

public sealed record AttributeType
{
    public required string Name { get; init; }
    public string? Value { get; init; }
}

public sealed record AdminGetUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
}

public sealed record AdminGetUserResponse
{
    public string? Username { get; init; }
    public List<AttributeType>? UserAttributes { get; init; }
    public bool? Enabled { get; init; }
    public string? UserStatus { get; init; }
}

public sealed record GroupType
{
    public string? GroupName { get; init; }
    public string? UserPoolId { get; init; }
    public string? Description { get; init; }
    public int? Precedence { get; init; }
    public DateTime? LastModifiedDate { get; init; }
    public DateTime? CreationDate { get; init; }
}

public sealed record AdminListGroupsForUserRequest
{
    public required string Username { get; init; }
    public required string UserPoolId { get; init; }
    public int? Limit { get; init; }
    public string? NextToken { get; init; }
}

public sealed record AdminListGroupsForUserResponse
{
    public List<GroupType>? Groups { get; init; }
    public string? NextToken { get; init; }
}

public sealed record AdminDeleteUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
}

public sealed record AdminDeleteUserResponse;
