using Autri.Domain.Connectors.ApiKeys;

namespace Autri.Mcp.Auth;

/// <summary>
/// Decides who may call from the Authorization header: <c>Bearer autri_sk_…</c> is an API key (when the deployment
/// enables them), any other bearer value a JWT access token. Either way the answer is a live connector and its
/// library, or a refusal with a secret-free reason that is logged as <c>mcp_auth_failed</c>.
/// The credential itself is never logged, stored or forwarded.
/// </summary>
public sealed class CallerAuthenticator(
    AccessTokenValidator tokens,
    ConnectorDirectory connectors,
    IOptions<McpOptions> options,
    TimeProvider clock,
    ILogger<CallerAuthenticator> log,
    ApiKeyVerifier? apiKeys = null)
{
    private static readonly EventId AuthFailed = new(20, "mcp_auth_failed");

    public async Task<AuthResult> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var result = await DecideAsync(request, ct);
        if (result.Failure is { ConnectorId: { } connectorId } known)
            log.LogInformation(AuthFailed, "MCP request refused: {reason} for connector {connector_id}", known.Reason, connectorId.ToString());
        else if (result.Failure is { } unknown)
            log.LogInformation(AuthFailed, "MCP request refused: {reason}", unknown.Reason);
        return result;
    }

    private async Task<AuthResult> DecideAsync(HttpRequest request, CancellationToken ct)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 0)
        {
            return options.Value.BenchmarkAnonymousConnectorId is { } anonymous
                ? await FromConnectorAsync(() => connectors.FindByIdAsync(anonymous, ct), CredentialKind.BenchmarkAnonymous)
                : AuthResult.Refuse(AuthFailure.Missing());
        }
        if (header.Count > 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthResult.Refuse(AuthFailure.InvalidToken("not_bearer", "Send the credential as Authorization: Bearer <token or API key>."));

        var credential = value["Bearer ".Length..].Trim();
        if (credential.Length == 0) return AuthResult.Refuse(AuthFailure.Missing());
        try
        {
            return credential.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal)
                ? await FromApiKeyAsync(credential, ct)
                : await FromAccessTokenAsync(credential, ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            return AuthResult.Refuse(AuthFailure.Unavailable("database_unavailable", "The server cannot check credentials right now; try again shortly."));
        }
    }

    private async Task<AuthResult> FromApiKeyAsync(string key, CancellationToken ct)
    {
        if (apiKeys is null)
            return AuthResult.Refuse(AuthFailure.InvalidToken("api_keys_disabled", "This deployment accepts OAuth access tokens only, not API keys."));
        var verdict = await apiKeys.VerifyAsync(key, ct);
        return verdict.Outcome switch
        {
            ApiKeyOutcome.Valid => AuthResult.Allow(new Caller(verdict.ConnectorId!.Value, verdict.OrgId!.Value, verdict.LibraryId!.Value, CredentialKind.ApiKey)),
            ApiKeyOutcome.Revoked => AuthResult.Refuse(AuthFailure.InvalidToken("revoked", "This API key or its connector has been revoked.", verdict.ConnectorId)),
            ApiKeyOutcome.Expired => AuthResult.Refuse(AuthFailure.InvalidToken("expired", "This API key has expired.", verdict.ConnectorId)),
            ApiKeyOutcome.Suspended => AuthResult.Refuse(Suspended(verdict.ConnectorId)),
            ApiKeyOutcome.Malformed => AuthResult.Refuse(AuthFailure.InvalidToken("malformed_api_key", "This is not a valid Autri API key (check for a copy-paste error).")),
            _ => AuthResult.Refuse(AuthFailure.InvalidToken("unknown_api_key", "This API key is not known.")),
        };
    }

    /// <summary>The owner left the beta: the same refusal for keys and tokens; the connector is kept and works again once they are re-invited.</summary>
    private static AuthFailure Suspended(Guid? connectorId) => AuthFailure.InvalidToken("owner_suspended",
        "This connector is suspended: its owner is no longer invited to the Autri beta. It works again once they are.", connectorId);

    private async Task<AuthResult> FromAccessTokenAsync(string token, CancellationToken ct)
    {
        TokenValidation validation;
        try
        {
            validation = await tokens.ValidateAsync(token, ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            // Discovery or JWKS unreachable: not the client's fault, and not a reason to call the token bad.
            return AuthResult.Refuse(AuthFailure.Unavailable("issuer_unreachable", "The server cannot reach its token issuer right now; try again shortly."));
        }
        if (validation.Claims is not { } claims)
            return AuthResult.Refuse(AuthFailure.InvalidToken(validation.Reason!, validation.Description!));
        if (!claims.HasRequiredScope)
            return AuthResult.Refuse(AuthFailure.InsufficientScope(claims.RequiredScope, claims.ConnectorId));

        if (claims.ConnectorId is { } connectorId)
        {
            var state = await connectors.FindByIdAsync(connectorId, ct);
            // The claim, the issuer and the client must agree: a portal token speaks only for an app-access connector, a
            // client-credentials token only for an OAuth-client one, and neither for another client's connector.
            if (state is not null && (state.Kind != claims.ConnectorKind || (claims.ClientId is not null && state.ClientId != claims.ClientId)))
                return AuthResult.Refuse(AuthFailure.InvalidToken("connector_mismatch", "The token does not belong to the connector it names.", connectorId));
            return Decide(state, connectorId, CredentialKind.OAuthToken);
        }
        if (claims.ClientId is { Length: > 0 } clientId)
        {
            var state = await connectors.FindByClientIdAsync(clientId, ct);
            return Decide(state, null, CredentialKind.OAuthToken);
        }
        return AuthResult.Refuse(AuthFailure.InvalidToken("no_connector", "The token names no connector."));
    }

    private async Task<AuthResult> FromConnectorAsync(Func<Task<ConnectorAccess?>> find, CredentialKind kind)
    {
        try
        {
            return Decide(await find(), null, kind);
        }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            return AuthResult.Refuse(AuthFailure.Unavailable("database_unavailable", "The server cannot check credentials right now; try again shortly."));
        }
    }

    private AuthResult Decide(ConnectorAccess? state, Guid? claimed, CredentialKind kind)
    {
        if (state is null) return AuthResult.Refuse(AuthFailure.InvalidToken("unknown_connector", "The connector of this token no longer exists.", claimed));
        return state.StatusAt(clock.GetUtcNow()) switch
        {
            ConnectorStatus.Revoked => AuthResult.Refuse(AuthFailure.InvalidToken("revoked", "The connector of this token has been revoked.", state.Id)),
            ConnectorStatus.Expired => AuthResult.Refuse(AuthFailure.InvalidToken("expired", "The connector of this token has expired.", state.Id)),
            ConnectorStatus.Suspended => AuthResult.Refuse(Suspended(state.Id)),
            _ => AuthResult.Allow(new Caller(state.Id, state.OrgId, state.LibraryId, kind)),
        };
    }
}
