using Autri.Domain.Connectors;
using Autri.Infra.OAuth;
using static OpenIddict.Server.OpenIddictServerEvents;
using Handlers = OpenIddict.Server.OpenIddictServerHandlers;

namespace Autri.Portal.Features.OAuth;

/// <summary>
/// What the portal adds to OpenIddict's pipeline, each a small event handler: the issuer exactly as configured (no
/// trailing slash), our discovery members, signing with the ring's active key, the MCP resource check, metadata-document
/// clients, and refusing refreshes of revoked connectors or uninvited users.
/// </summary>
public static class OAuthServerHandlers
{
    public static void Register(OpenIddictServerBuilder server, string issuer, McpResource resource, bool allowLoopbackDocuments)
    {
        // OpenIddict writes an issuer as Uri.AbsoluteUri, which always ends a bare origin with "/". Clients compare the
        // issuer with the URL they derived the metadata address from (RFC 8414 §3.3), and the MCP server compares iss.
        server.AddEventHandler<HandleConfigurationRequestContext>(b => b.UseInlineHandler(context =>
        {
            context.Metadata[OpenIddictConstants.Metadata.Issuer] = issuer;
            context.Metadata["registration_endpoint"] = issuer + OAuthEndpoints.RegisterPath;
            context.Metadata["client_id_metadata_document_supported"] = true;
            context.Metadata["authorization_response_iss_parameter_supported"] = true;
            context.TokenEndpointAuthenticationMethods.Add(OpenIddictConstants.ClientAuthenticationMethods.None);
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Discovery.AttachIssuer.Descriptor.Order + 500));

        // OpenIddict's options keep "plain" so that its early parameter check lets such a request through to ours, which
        // answers the client (below); discovery must still offer S256 alone.
        server.AddEventHandler<HandleConfigurationRequestContext>(b => b.UseInlineHandler(context =>
        {
            context.CodeChallengeMethods.Remove(OpenIddictConstants.CodeChallengeMethods.Plain);
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Discovery.AttachCodeChallengeMethods.Descriptor.Order + 500));

        server.AddEventHandler<GenerateTokenContext>(b => b.UseInlineHandler(context =>
        {
            if (context.SecurityTokenDescriptor is { Issuer: not null } descriptor) descriptor.Issuer = issuer;
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 500));

        server.AddEventHandler<ApplyAuthorizationResponseContext>(b => b.UseInlineHandler(context =>
        {
            // RFC 9207: OpenIddict's AttachIssuer, which runs next, leaves an iss already set alone.
            if (!string.IsNullOrEmpty(context.RedirectUri)) context.Response.Iss = issuer;
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Authentication.AttachIssuer.Descriptor.Order - 500));

        server.AddEventHandler<GenerateTokenContext>(b => b.UseSingletonHandler<SignWithActiveKey>()
            .SetOrder(Handlers.Protection.AttachSecurityCredentials.Descriptor.Order + 500));

        // RFC 6749 §4.1.2.1: once the client and its redirect URI are validated, every further error goes back to the
        // client (with state and iss) instead of being shown here. OpenIddict shows every error of its validation stage
        // locally, so the URI it vouched for is remembered and the error response sent there.
        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (!string.IsNullOrEmpty(context.RedirectUri)) context.Transaction.SetProperty(ValidatedRedirectUri, context.RedirectUri);
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Authentication.ValidateClientRedirectUri.Descriptor.Order + 1));
        server.AddEventHandler<ApplyAuthorizationResponseContext>(b => b.UseInlineHandler(context =>
        {
            if (context.RedirectUri is null && context.Transaction.GetProperty<string>(ValidatedRedirectUri) is { } uri) context.RedirectUri = uri;
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Authentication.AttachRedirectUri.Descriptor.Order + 1));

        // After the redirect URI is vouched for, so these answer the client: the resource must be the MCP server, and
        // PKCE must be S256 (OpenIddict's own PKCE checks run before the client is known, and would answer here).
        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            RejectForeignResources(context, context.Request, resource);
            if (!context.IsRejected) RequireS256(context);
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Authentication.ValidateClientRedirectUri.Descriptor.Order + 500));
        server.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
        {
            RejectForeignResources(context, context.Request, resource);
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Exchange.ValidateScopes.Descriptor.Order + 1000));

        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            // Every grant needs the consent page; a client asking for none is told so (OIDC Core §3.1.2.6).
            if (context.Request.HasPromptValue(OpenIddictConstants.PromptValues.None))
                context.Reject(OpenIddictConstants.Errors.ConsentRequired, "This server asks the user to consent to every new grant; prompt=none cannot be honoured.");
            return ValueTask.CompletedTask;
        }).SetOrder(Handlers.Authentication.ValidateAuthorizedParty.Descriptor.Order + 1500));

        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseScopedHandler<PrepareMetadataDocumentClient>()
            .SetOrder(Handlers.Authentication.ValidateAuthentication.Descriptor.Order - 500));
        server.Services.AddSingleton(new MetadataDocumentPolicy(allowLoopbackDocuments));

        server.AddEventHandler(RefreshTokenReuse.Descriptor);
        server.AddEventHandler<ValidateTokenRequestContext>(b => b.UseScopedHandler<RefuseEndedGrants>()
            .SetOrder(Handlers.Exchange.ValidateAuthentication.Descriptor.Order + 500));
    }

    private const string ValidatedRedirectUri = "autri.validated_redirect_uri";

    /// <summary>Every client uses PKCE with S256 (OAuth 2.1); plain would let a stolen code be redeemed.</summary>
    private static void RequireS256(ValidateAuthorizationRequestContext context)
    {
        if (string.IsNullOrEmpty(context.Request.CodeChallenge))
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, "PKCE is required: send code_challenge with code_challenge_method=S256.");
        else if (context.Request.CodeChallengeMethod != OpenIddictConstants.CodeChallengeMethods.Sha256)
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, "code_challenge_method must be S256; plain is not accepted.");
    }

    private static void RejectForeignResources(BaseValidatingContext context, OpenIddictRequest request, McpResource resource)
    {
        var foreign = request.GetResources().FirstOrDefault(r => !resource.Accepts(r));
        if (foreign is not null)
            context.Reject(OpenIddictConstants.Errors.InvalidTarget, $"The resource \"{foreign}\" is not served here; this server issues tokens for {resource.Canonical} only.");
    }

    /// <summary>Signs every token with the ring's active key (loading the keys first if need be), whatever OpenIddict's options hold.</summary>
    public sealed class SignWithActiveKey(SigningKeyRing ring) : IOpenIddictServerHandler<GenerateTokenContext>
    {
        public async ValueTask HandleAsync(GenerateTokenContext context) =>
            context.SigningCredentials = await ring.ActiveCredentialsAsync(context.Transaction.GetHttpRequest()?.HttpContext.RequestAborted ?? default);
    }

    public sealed record MetadataDocumentPolicy(bool AllowLoopback);

    /// <summary>An https client_id is a metadata document: fetch and check it before OpenIddict looks the client up.</summary>
    public sealed class PrepareMetadataDocumentClient(MetadataDocumentClients clients, MetadataDocumentPolicy policy) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
    {
        public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
        {
            if (context.ClientId is not { } clientId || !ClientMetadataDocument.IsDocumentUrl(clientId, policy.AllowLoopback)) return;
            var problem = await clients.PrepareAsync(clientId, context.Request.RedirectUri, context.Transaction.GetHttpRequest()?.HttpContext.RequestAborted ?? default);
            // Not redirected: the redirect URI is not vouched for until the document is.
            if (problem is not null) context.Reject(OpenIddictConstants.Errors.InvalidClient, "The client metadata document was refused: " + problem + ".");
        }
    }

    /// <summary>
    /// A code or refresh token is refused (invalid_grant) unless its connector is live by the one liveness rule: not
    /// revoked, and its owner still invited (suspended owners, mirrored from the allowlist; admins are never suspended).
    /// A refresh of a live grant records the connector's last use. Re-inviting the owner lets the same grant refresh again.
    /// </summary>
    public sealed class RefuseEndedGrants(AppAccessGrants grants) : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public async ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            var principal = context.RefreshTokenPrincipal ?? context.AuthorizationCodePrincipal;
            if (principal is null) return;
            var ct = context.Transaction.GetHttpRequest()?.HttpContext.RequestAborted ?? default;
            var status = Guid.TryParse(principal.GetClaim(OAuthClaims.ConnectorId), out var connectorId) ? await grants.StatusForTokenAsync(connectorId, ct) : null;
            switch (status)
            {
                case ConnectorStatus.Live:
                    return;
                case ConnectorStatus.Suspended:
                    context.Reject(OpenIddictConstants.Errors.InvalidGrant,
                        "The account this grant belongs to is no longer invited to the beta: the grant is suspended until it is again.");
                    return;
                default:
                    context.Reject(OpenIddictConstants.Errors.InvalidGrant, "The connector this grant belongs to was revoked.");
                    return;
            }
        }
    }
}
