using Autri.Infra.OAuth;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Autri.Portal.Features.OAuth;

/// <summary>
/// A refresh token presented again after it was redeemed (past <c>OAuth:RefreshTokenReuseLeeway</c>) means two parties
/// hold the grant, one of them a thief (OAuth 2.1 §4.3.1). OpenIddict would revoke the grant's tokens and leave the
/// authorization for a new flow; here the whole grant ends: the authorization, its tokens and the app-access connector,
/// with an audit row saying why, so the person sees on Connectors that the app must be connected again. Runs just
/// before OpenIddict's own check of the token entry, and answers as it does.
/// </summary>
public sealed class RefreshTokenReuse(IOpenIddictTokenManager tokens, AppAccessGrants grants, TimeProvider clock, ILogger<RefreshTokenReuse> log)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireTokenIdResolved>()
        .UseScopedHandler<RefreshTokenReuse>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not { } principal || !principal.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.RefreshToken)) return;
        if (context.TokenId is not { } tokenId || !Guid.TryParse(context.AuthorizationId, out var authorizationId)) return;
        var ct = context.Transaction.GetHttpRequest()?.HttpContext.RequestAborted ?? default;
        if (await tokens.FindByIdAsync(tokenId, ct) is not { } token || !await tokens.HasStatusAsync(token, OpenIddictConstants.Statuses.Redeemed, ct)) return;
        // Within the leeway a client may retry a refresh whose answer it lost; OpenIddict lets that through.
        var leeway = context.Options.RefreshTokenReuseLeeway ?? TimeSpan.Zero;
        if (leeway > TimeSpan.Zero && await tokens.GetRedemptionDateAsync(token, ct) is { } redeemed && redeemed + leeway >= clock.GetUtcNow()) return;

        var connectorId = await grants.RevokeAfterReuseAsync(authorizationId, principal.GetClaim(OpenIddictConstants.Claims.ClientId) ?? context.Request?.ClientId, ct);
        log.LogWarning(new EventId(61, "oauth_refresh_token_reused"),
            "A used refresh token of authorization {authorization_id} was presented again; the grant and connector {connector_id} are revoked", authorizationId, connectorId);
        context.Reject(OpenIddictConstants.Errors.InvalidToken,
            "This refresh token was already used, so it may have been copied: the whole grant is revoked. Connect the app again.");
    }
}
