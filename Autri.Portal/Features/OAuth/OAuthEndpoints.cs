using System.Text.Json.Serialization;
using Autri.Infra.OAuth;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Autri.Portal.Features.OAuth;

/// <summary>
/// The authorization server's own endpoints. OpenIddict answers discovery, JWKS, token and revocation itself and
/// validates every authorization request before passing it through: GET /oauth/authorize is the consent page
/// (<see cref="ConsentPage"/>), and its form posts the decision to /oauth/authorize/decide, which OpenIddict
/// validates again as an authorization request before <see cref="DecideAsync"/> runs.
/// </summary>
public static class OAuthEndpoints
{
    public const string AuthorizePath = "/oauth/authorize";
    public const string DecidePath = "/oauth/authorize/decide";
    public const string RegisterPath = "/oauth/register";
    public const string TokenPath = "/oauth/token";

    /// <summary>Set on the "Return to the app" link of the not-invited page: answer the client with access_denied.</summary>
    public const string NotInvitedRefusal = "not_invited";

    public static void MapOAuthEndpoints(this WebApplication app)
    {
        app.MapGet(DecidePath, RefuseUninvitedAsync);
        app.MapPost(DecidePath, DecideAsync).RequireAuthorization().RequireAntiforgery().DisableAntiforgery();
        app.MapPost(RegisterPath, RegisterAsync).DisableAntiforgery().WithMetadata(new RateLimitedAttribute(PortalRateLimits.Registration));
    }

    /// <summary>
    /// The not-invited page's way back to the client: the person could not sign in, so the client gets access_denied
    /// at its (validated) redirect URI. Anyone may send a client this refusal; it grants nothing.
    /// </summary>
    private static IResult RefuseUninvitedAsync(HttpContext http, string? refusal) =>
        refusal == NotInvitedRefusal
            ? Deny(Errors.AccessDenied, "The account used to sign in is not invited to the Autri beta.")
            : Results.Redirect(AuthorizePath + http.Request.QueryString);

    private static async Task<IResult> DecideAsync(HttpContext http, AppAccessGrants grants, IOpenIddictApplicationManager applications,
        IOptions<PortalOptions> portal, McpResource resource, ILogger<ConsentPage> log)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no authorization request through");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["decision"] != "allow") return Deny(Errors.AccessDenied, "The user declined to give this app access.");

        var actor = ConnectorActor.From(http.User) ?? throw new InvalidOperationException("A signed-in user without portal claims reached the consent");
        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict validated a client that does not exist");
        var scopes = request.GetScopes().Intersect([OAuthClaims.McpScope, Scopes.OfflineAccess]).Append(OAuthClaims.McpScope).Distinct().ToList();

        AppAccessGrant grant;
        if (Guid.TryParse(form["reuse"], out var reuseId))
        {
            grant = await grants.FindLiveAsync(actor.UserId, request.ClientId!, reuseId, http.RequestAborted)
                ?? throw new BadHttpRequestException("That connector is no longer active; reload the consent page.");
        }
        else
        {
            if (!Guid.TryParse(form["library"], out var libraryId)) return Results.Redirect(AuthorizePath + "?" + ConsentQuery(form, "choose_library"));
            var name = await applications.GetDisplayNameAsync(application, http.RequestAborted) ?? ConsentDetails.Host(request.RedirectUri) ?? "App access";
            var created = await grants.CreateAsync(actor, new NewAppAccess(request.ClientId!, (await applications.GetIdAsync(application, http.RequestAborted))!,
                name, libraryId, scopes), http.RequestAborted);
            if (created.Grant is null) return Results.Redirect(AuthorizePath + "?" + ConsentQuery(form, created.Problem!.Field == ConnectorFields.Library ? "choose_library" : "limit"));
            grant = created.Grant;
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, actor.UserId.ToString())
            .SetClaim(OAuthClaims.ConnectorId, grant.ConnectorId.ToString());
        identity.SetScopes(scopes);
        identity.SetResources(resource.Canonical);
        identity.SetAuthorizationId(grant.AuthorizationId.ToString());
        // Only the connector id reaches the access token. Whether the owner is still in the beta is decided at each
        // refresh by the connector's status (RefuseEndedGrants), not by anything frozen in the grant.
        identity.SetDestinations(claim => claim.Type == OAuthClaims.ConnectorId ? [Destinations.AccessToken] : []);
        log.LogInformation(new EventId(60, "oauth_consent_given"), "User {user_id} gave client {client_id} access through connector {connector_id}",
            actor.UserId, request.ClientId, grant.ConnectorId);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Deny(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>The authorization request's own parameters (not our form fields), to show the consent page again with a message.</summary>
    private static string ConsentQuery(IFormCollection form, string problem) =>
        string.Join('&', form.Where(f => !ConsentPage.FormFields.Contains(f.Key)).SelectMany(f => f.Value.Select(v => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(v ?? ""))))
        + "&consent_problem=" + problem;

    private static async Task<IResult> RegisterAsync(HttpContext http, ClientRegistrar registrar)
    {
        // Client metadata is small; a huge body is refused before it is read.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = 64 * 1024;
        ClientRegistrationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<ClientRegistrationRequest>(http.Request.Body, RegistrationJson.Options, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RegistrationError("invalid_client_metadata", "The client metadata is larger than 64 KB");
        }
        catch (JsonException ex)
        {
            return RegistrationError("invalid_client_metadata", "The body is not a JSON client metadata object (" + ex.Message + ")");
        }
        if (request is null) return RegistrationError("invalid_client_metadata", "The body is not a JSON client metadata object");
        var (client, error) = await registrar.RegisterAsync(request, http.RequestAborted);
        if (error is not null) return RegistrationError(error.Error, error.Description);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(client, RegistrationJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult RegistrationError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    private static class RegistrationJson
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
