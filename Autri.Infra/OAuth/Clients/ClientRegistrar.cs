using Microsoft.AspNetCore.WebUtilities;

namespace Autri.Infra.OAuth.Clients;

/// <summary>
/// Dynamic Client Registration (RFC 7591), open to anyone (rate-limited by the endpoint): public clients
/// (<c>none</c>) and clients that ask for a secret (<c>client_secret_post</c> or <c>client_secret_basic</c>, e.g.
/// mcp-remote). Every bad member is refused with the RFC's error and nothing is stored.
/// </summary>
public sealed class ClientRegistrar(IOpenIddictApplicationManager applications, TimeProvider clock, ILogger<ClientRegistrar> log)
{
    public const int MaxRedirectUris = 10;
    public const int MaxClientNameLength = 200;
    private static readonly string[] AuthMethods = ["none", "client_secret_post", "client_secret_basic"];
    private static readonly string[] SupportedGrants = ["authorization_code", "refresh_token"];
    private static readonly string[] SupportedScopes = [OAuthClaims.McpScope, "offline_access"];

    public async Task<(ClientRegistrationResponse? Client, ClientRegistrationError? Error)> RegisterAsync(ClientRegistrationRequest request, CancellationToken ct)
    {
        if (Check(request) is { } error) return (null, error);
        var method = request.TokenEndpointAuthMethod ?? "client_secret_basic"; // RFC 7591 §2: the default when omitted
        var grants = request.GrantTypes is { Count: > 0 } g ? g.Distinct().ToList() : ["authorization_code"];
        var secret = method == "none" ? null : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var clientId = "autri-" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));
        var now = clock.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(request.ClientName) ? null : request.ClientName.Trim();

        await applications.CreateAsync(OAuthClientDescriptor.Create(clientId, secret, name, request.RedirectUris!, grants.Contains("refresh_token"), ClientSource.Registered, now), ct);
        log.LogInformation(new EventId(40, "oauth_client_registered"), "Registered OAuth client {client_id} ({auth_method}, {redirect_count} redirect URIs)",
            clientId, method, request.RedirectUris!.Count);
        return (new ClientRegistrationResponse(clientId, now.ToUnixTimeSeconds(), secret, secret is null ? null : 0, method, request.RedirectUris!, grants, ["code"], name,
            string.Join(' ', SupportedScopes)), null);
    }

    private static ClientRegistrationError? Check(ClientRegistrationRequest r)
    {
        if (r.RedirectUris is not { Count: > 0 }) return new("invalid_redirect_uri", "redirect_uris is required and must list at least one URI");
        if (r.RedirectUris.Count > MaxRedirectUris) return new("invalid_redirect_uri", $"register at most {MaxRedirectUris} redirect URIs");
        foreach (var uri in r.RedirectUris)
        {
            if (RedirectUriRule.Problem(uri) is { } problem) return new("invalid_redirect_uri", problem);
        }
        if (r.TokenEndpointAuthMethod is { } m && !AuthMethods.Contains(m))
            return new("invalid_client_metadata", $"token_endpoint_auth_method \"{m}\" is not supported (use none, client_secret_post or client_secret_basic)");
        if (r.GrantTypes?.FirstOrDefault(g => !SupportedGrants.Contains(g)) is { } grant)
            return new("invalid_client_metadata", $"grant type \"{grant}\" is not supported (only authorization_code and refresh_token)");
        if (r.GrantTypes is { Count: > 0 } grants && !grants.Contains("authorization_code"))
            return new("invalid_client_metadata", "grant_types must include authorization_code");
        if (r.ResponseTypes?.FirstOrDefault(t => t != "code") is { } type)
            return new("invalid_client_metadata", $"response type \"{type}\" is not supported (only code)");
        if (r.ClientName is { Length: > MaxClientNameLength }) return new("invalid_client_metadata", $"client_name is longer than {MaxClientNameLength} characters");
        if (r.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => !SupportedScopes.Contains(s)) is { } scope)
            return new("invalid_client_metadata", $"scope \"{scope}\" is not offered (only {string.Join(" and ", SupportedScopes)})");
        return null;
    }
}
