using Microsoft.AspNetCore.Authentication.OAuth;

namespace Autri.Portal.Features.Auth;

public enum LogoutStyle
{
    /// <summary>RP-initiated logout at the discovery document's end_session_endpoint (the local provider).</summary>
    EndSession,

    /// <summary>Cognito's hosted-UI /logout?client_id=…&amp;logout_uri=… (Cognito publishes no end_session_endpoint).</summary>
    Cognito,
}

/// <summary>
/// OpenID Connect on the framework's OAuth handler: endpoints come from discovery at run time, so the same
/// code serves Cognito and the local provider with only configuration differing (section "Identity").
/// </summary>
public sealed class OidcOptions : OAuthOptions
{
    public const string Scheme = "oidc";

    // The OAuth base class insists on endpoints at start-up; the real ones are discovered per challenge.
    internal const string DiscoveredLater = "https://discovered-at-run-time.invalid/";

    // The base class insists on a secret at start-up too; in AWS the real one is read from Cognito (CognitoClientSecret).
    internal const string ReadFromCognito = "(read from Cognito at the first sign-in)";

    public OidcOptions()
    {
        AuthorizationEndpoint = DiscoveredLater + "authorize";
        TokenEndpoint = DiscoveredLater + "token";
        CallbackPath = "/signin-oidc";
        UsePkce = true;
        Scope.Clear();
        Scope.Add("openid");
        Scope.Add("email");
        Scope.Add("profile");
        // The IdP redirects back with a top-level GET, which carries Lax cookies; None would need HTTPS.
        CorrelationCookie.SameSite = SameSiteMode.Lax;
    }

    /// <summary>The issuer, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC or http://127.0.0.1:5090.</summary>
    public string Authority { get; set; } = "";

    public string GroupsClaim { get; set; } = "cognito:groups";

    public string AdminGroup { get; set; } = "admins";

    public LogoutStyle LogoutStyle { get; set; } = LogoutStyle.EndSession;

    /// <summary>Cognito only: https://auth.example.com/logout.</summary>
    public string? LogoutEndpoint { get; set; }

    public IConfigurationManager<OpenIdConnectConfiguration>? ConfigurationManager { get; set; }
}
