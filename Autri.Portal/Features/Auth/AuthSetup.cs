using Autri.Infra.Identity;

namespace Autri.Portal.Features.Auth;

public static class AuthSetup
{
    public const string AdminPolicy = "admin";

    public static void AddPortalAuthentication(this WebApplicationBuilder builder, PortalOptions portal)
    {
        var section = builder.Configuration.GetSection("Identity");
        string Required(string key) => section[key] is { Length: > 0 } v ? v : throw new InvalidOperationException($"Configuration missing value for: Identity:{key}");
        var authority = Required("Authority").TrimEnd('/');
        var adminGroup = section["AdminGroup"] is { Length: > 0 } g ? g : "admins";
        var clientId = Required("ClientId");
        var logoutStyle = Enum.TryParse<LogoutStyle>(section["LogoutStyle"], out var style) ? style : LogoutStyle.EndSession;
        if (logoutStyle == LogoutStyle.Cognito) Required("LogoutEndpoint");
        var clientSecret = section["ClientSecret"] ?? "";
        if (clientSecret.Length == 0 && !portal.IsLocal)
        {
            // Aws mode: Cognito keeps the secret (see CognitoClientSecret); the pool is the connectors' pool.
            var userPoolId = builder.Configuration["Connectors:UserPoolId"] ?? throw new InvalidOperationException("Configuration missing value for: Connectors:UserPoolId");
            builder.Services.AddAwsClients(builder.Configuration);
            builder.Services.AddSingleton(sp => new CognitoClientSecret(sp.GetRequiredService<Autri.Infra.Aws.CognitoIdp.ICognitoIdentityProviderClient>(), userPoolId, clientId));
            clientSecret = OidcOptions.ReadFromCognito;
        }

        builder.Services.AddAuthentication(o =>
            {
                // A page that needs a session redirects to /sign-in (LoginPath), which alone challenges the IdP: one
                // rate-limited door, and one return-URL check (ReturnUrl) for every way in.
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = Web.PortalCookies.Name(portal, "autri.session");
                o.Cookie.Path = "/";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = portal.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/sign-in";
                o.ReturnUrlParameter = "returnUrl";
                // A signed-in user without the role gets 403 with a page, not a redirect to a login form.
                o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                o.Events.OnValidatePrincipal = SessionRevalidator.OnValidatePrincipal;
            })
            .AddOAuth<OidcOptions, OidcHandler>(OidcOptions.Scheme, o =>
            {
                o.Authority = authority;
                o.ClientId = clientId;
                o.ClientSecret = clientSecret;
                o.GroupsClaim = section["GroupsClaim"] is { Length: > 0 } gc ? gc : "cognito:groups";
                o.AdminGroup = adminGroup;
                o.LogoutStyle = logoutStyle;
                o.LogoutEndpoint = section["LogoutEndpoint"];
                o.CorrelationCookie.SecurePolicy = portal.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                var metadata = section["MetadataAddress"] is { Length: > 0 } m ? m : authority + "/.well-known/openid-configuration";
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(metadata, new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever { RequireHttps = metadata.StartsWith("https://", StringComparison.Ordinal) })
                {
                    AutomaticRefreshInterval = TimeSpan.FromHours(12),
                    RefreshInterval = TimeSpan.FromSeconds(30),
                };
                o.Events.OnTicketReceived = SignInFlow.OnTicketReceived;
                o.Events.OnRemoteFailure = SignInFlow.OnRemoteFailure;
            });

        builder.Services.AddSingleton<ProvisioningService>(); // first sign-in creates the user's org, library and welcome
        builder.AddSessionRevalidation(portal, authority, clientId, section["ClientSecret"] ?? "");

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(adminGroup));
        builder.Services.AddCascadingAuthenticationState();
    }

    /// <summary>
    /// Where sessions are re-validated (SessionRevalidator): Cognito's user pool (Aws mode's default), the dev IdP's
    /// account-state API (Local mode's default), or nowhere (Identity:AccountStates=None: sessions then end and sign in again).
    /// </summary>
    private static void AddSessionRevalidation(this WebApplicationBuilder builder, PortalOptions portal, string authority, string clientId, string clientSecret)
    {
        var revalidation = builder.AddValidatedOptions<SessionRevalidationOptions>("Identity");
        builder.Services.AddSingleton<SessionRevalidator>();
        switch (revalidation.AccountStates ?? (portal.IsLocal ? "DevIdp" : "Cognito"))
        {
            case "None":
                return;
            case "DevIdp":
                builder.Services.AddSingleton<IAccountStates>(new DevIdpAccountStates(authority, clientId, clientSecret));
                return;
        }
        var userPoolId = builder.Configuration["Connectors:UserPoolId"] is { Length: > 0 } pool
            ? pool
            : throw new InvalidOperationException("Configuration missing value for: Connectors:UserPoolId (the user pool sessions are re-validated against)");
        builder.Services.AddAwsClients(builder.Configuration);
        builder.Services.AddSingleton<IAccountStates>(sp => new CognitoAccountStates(sp.GetRequiredService<ICognitoIdentityProviderClient>(), userPoolId));
    }
}
