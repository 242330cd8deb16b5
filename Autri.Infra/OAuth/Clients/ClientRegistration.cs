namespace Autri.Infra.OAuth.Clients;

/// <summary>An RFC 7591 registration request, as far as we read it (other members are ignored, as the RFC allows).</summary>
public sealed record ClientRegistrationRequest(
    IReadOnlyList<string>? RedirectUris,
    string? TokenEndpointAuthMethod,
    IReadOnlyList<string>? GrantTypes,
    IReadOnlyList<string>? ResponseTypes,
    string? ClientName,
    string? Scope);

/// <summary>
/// The RFC 7591 response: the client as registered. <see cref="ClientSecret"/> is shown here once and stored only hashed;
/// it does not expire (<see cref="ClientSecretExpiresAt"/> 0, sent only with a secret).
/// </summary>
public sealed record ClientRegistrationResponse(
    string ClientId,
    long ClientIdIssuedAt,
    string? ClientSecret,
    long? ClientSecretExpiresAt,
    string TokenEndpointAuthMethod,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> ResponseTypes,
    string? ClientName,
    string Scope)
{
    public override string ToString() => $"ClientRegistrationResponse {{ ClientId = {ClientId}, TokenEndpointAuthMethod = {TokenEndpointAuthMethod} }}";
}

/// <summary>An RFC 7591 error: <c>invalid_redirect_uri</c> or <c>invalid_client_metadata</c>, with a sentence for the developer.</summary>
public sealed record ClientRegistrationError(string Error, string Description);
