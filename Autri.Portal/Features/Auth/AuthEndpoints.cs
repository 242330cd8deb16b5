namespace Autri.Portal.Features.Auth;

public static class AuthEndpoints
{
    public static void MapAuth(this WebApplication app)
    {
        // The only place an OIDC challenge starts (pages that need a session redirect here), so its limit covers them all.
        app.MapGet("/sign-in", (string? returnUrl) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl.SafeOrHome(returnUrl) }, [OidcOptions.Scheme]))
            .WithMetadata(new RateLimitedAttribute(PortalRateLimits.SignIn));

        app.MapPost("/sign-out", SignOut).RequireAuthorization().RequireAntiforgery().DisableAntiforgery();
    }

    /// <summary>Ends the portal session, then the IdP's, so the next sign-in asks for credentials again.</summary>
    private static async Task<RedirectHttpResult> SignOut(HttpContext http, IOptionsMonitor<OidcOptions> oidc, IOptions<PortalOptions> portal, ILoggerFactory logs)
    {
        var o = oidc.Get(OidcOptions.Scheme);
        var idToken = await http.GetTokenAsync("id_token");
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var back = portal.Value.PublicUrl.TrimEnd('/') + "/signed-out";

        if (o.LogoutStyle == LogoutStyle.Cognito && !string.IsNullOrEmpty(o.LogoutEndpoint))
            return TypedResults.Redirect(QueryHelpers.AddQueryString(o.LogoutEndpoint, new Dictionary<string, string?> { ["client_id"] = o.ClientId, ["logout_uri"] = back }));

        try
        {
            var config = await o.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (!string.IsNullOrEmpty(config.EndSessionEndpoint))
            {
                return TypedResults.Redirect(QueryHelpers.AddQueryString(config.EndSessionEndpoint, new Dictionary<string, string?>
                {
                    ["id_token_hint"] = idToken,
                    ["client_id"] = o.ClientId,
                    ["post_logout_redirect_uri"] = back,
                }));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logs.CreateLogger("Autri.Portal.SignIn").LogWarning(new EventId(24, "idp_unreachable"), ex, "Signed out locally; the identity provider was unreachable for its logout");
            return TypedResults.Redirect("/signed-out?idp=unreachable");
        }
        return TypedResults.Redirect("/signed-out");
    }
}
