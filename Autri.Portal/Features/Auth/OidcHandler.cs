using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace Autri.Portal.Features.Auth;

/// <summary>
/// Authorization code + PKCE (S256, from the base class) plus what OpenID Connect adds: discovery, a nonce
/// carried in the protected state, and a validated id_token as the source of the user's claims.
/// State and the correlation cookie are checked by the base class.
/// </summary>
public sealed class OidcHandler(IOptionsMonitor<OidcOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider clock)
    : OAuthHandler<OidcOptions>(options, logger, encoder)
{
    private const string NonceKey = "oidc.nonce";
    private OpenIdConnectConfiguration? _discovered;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        try
        {
            _discovered = await Options.ConfigurationManager!.GetConfigurationAsync(Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(new EventId(10, "idp_unreachable"), ex, "Sign-in could not start: discovery at {authority} failed", Options.Authority);
            Response.Redirect(SignInFailure.Path("idp_unavailable"));
            return;
        }
        properties.Items[NonceKey] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await base.HandleChallengeAsync(properties);
    }

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var url = base.BuildChallengeUrl(properties, redirectUri);
        var query = QueryHelpers.ParseQuery(new Uri(url).Query)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query["nonce"] = properties.Items[NonceKey];
        return QueryHelpers.AddQueryString(_discovered!.AuthorizationEndpoint, query);
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var discovered = await Options.ConfigurationManager!.GetConfigurationAsync(Context.RequestAborted);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            ["client_id"] = Options.ClientId,
        };
        var secret = Options.ClientSecret == OidcOptions.ReadFromCognito
            ? await Context.RequestServices.GetRequiredService<CognitoClientSecret>().GetAsync()
            : Options.ClientSecret;
        if (!string.IsNullOrEmpty(secret)) form["client_secret"] = secret;
        if (context.Properties.Items.Remove("code_verifier", out var verifier) && verifier is not null) form["code_verifier"] = verifier;

        using var request = new HttpRequestMessage(HttpMethod.Post, discovered.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        if (response.IsSuccessStatusCode) return OAuthTokenResponse.Success(JsonDocument.Parse(body));
        return OAuthTokenResponse.Failed(new AuthenticationFailureException(
            $"The token endpoint refused the code ({(int)response.StatusCode}: {OAuthError(body)})."));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var idToken = tokens.Response?.RootElement.TryGetProperty("id_token", out var t) == true ? t.GetString() : null;
        if (string.IsNullOrEmpty(idToken)) throw new AuthenticationFailureException("The identity provider returned no id_token.");

        properties.Items.Remove(NonceKey, out var nonce);
        var validator = new IdTokenVerifier(Options.ConfigurationManager!, Options.Authority, Options.ClientId, clock);
        var result = await validator.ValidateAsync(idToken, nonce, Context.RequestAborted);
        if (!result.IsValid) throw new IdTokenRejectedException(result.Problem!);

        var claims = result.Identity!;
        var sub = claims.FindFirst("sub")?.Value ?? throw new IdTokenRejectedException("the id_token has no sub");
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub));
        // Cognito's admin operations name a user by username, which for federated users is not the sub (Google_…).
        identity.AddClaim(new Claim(PortalClaims.IdpUser, claims.FindFirst("cognito:username")?.Value is { Length: > 0 } username ? username : sub));
        if (claims.FindFirst("email")?.Value is { Length: > 0 } email) identity.AddClaim(new Claim(ClaimTypes.Email, email));
        // JSON true, or the string "true" some providers send; anything else (absent included) is not verified.
        var verified = string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        identity.AddClaim(new Claim(PortalClaims.EmailVerified, verified ? "true" : "false"));
        identity.AddClaim(new Claim(ClaimTypes.Name, claims.FindFirst("name")?.Value ?? claims.FindFirst("email")?.Value ?? ""));
        foreach (var group in claims.FindAll(Options.GroupsClaim).Select(c => c.Value).Distinct())
            identity.AddClaim(new Claim(ClaimTypes.Role, group));

        // Kept for RP-initiated logout (id_token_hint); the access and refresh tokens are not kept.
        properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);

        using var user = JsonDocument.Parse("{}");
        var context = new OAuthCreatingTicketContext(new ClaimsPrincipal(identity), properties, Context, Scheme, Options, Backchannel, tokens, user.RootElement);
        await Events.CreatingTicket(context);
        return new AuthenticationTicket(context.Principal!, context.Properties, Scheme.Name);
    }

    private static string OAuthError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() ?? "error" : "error";
        }
        catch (JsonException)
        {
            return "non-JSON response";
        }
    }
}

public sealed class IdTokenRejectedException(string problem) : AuthenticationFailureException("The id_token was rejected: " + problem)
{
    public string Problem { get; } = problem;
}
