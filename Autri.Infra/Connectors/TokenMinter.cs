namespace Autri.Infra.Connectors;

/// <summary>
/// Gets a bearer token for an OAuth connector: client_credentials at the token endpoint named by the
/// issuer's discovery document, client authentication by HTTP Basic (client_secret_basic, which both
/// Cognito and the dev IdP accept), scope from <c>Connectors:Scope</c>. Neither the secret nor the token
/// is logged or kept.
/// </summary>
public sealed class TokenMinter(HttpClient http, IssuerMetadata issuer, ConnectorOptions options, TimeProvider clock)
{
    private const string What = "mint a token";

    public async Task<MintedToken> MintAsync(string clientId, string clientSecret, CancellationToken ct)
    {
        string endpoint;
        try
        {
            endpoint = (await issuer.GetAsync(What, ct)).TokenEndpoint;
        }
        catch (ClientRegistryException ex)
        {
            throw new TokenMintException(ex.Message, inner: ex);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = options.Scope,
            }),
        };
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new TokenMintException("The token endpoint could not be reached. Please try again in a minute.", inner: ex);
        }

        using (response)
        {
            TokenResponse? body = null;
            try { body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct); }
            catch (JsonException) { }

            if (response.IsSuccessStatusCode && body is { AccessToken.Length: > 0 })
            {
                var expiresAt = clock.GetUtcNow().AddSeconds(body.ExpiresIn ?? 3600);
                return new MintedToken(body.AccessToken, body.TokenType ?? "Bearer", expiresAt, body.Scope);
            }
            throw Refusal(body?.Error, (int)response.StatusCode);
        }
    }

    private static TokenMintException Refusal(string? error, int status) => error switch
    {
        "invalid_client" => new TokenMintException(
            "The token endpoint refused the client: the secret is wrong, or the connector has been revoked.", error),
        "invalid_scope" or "unauthorized_client" => new TokenMintException(
            $"The token endpoint refused the request ({error}): this connector's client is not allowed the MCP scope. An administrator should check the configuration.", error),
        "slow_down" or "too_many_requests" => new TokenMintException("The token endpoint asked us to slow down. Please try again in a minute.", error),
        { Length: > 0 } => new TokenMintException($"The token endpoint refused the request ({error}).", error),
        _ when status is 429 => new TokenMintException("The token endpoint asked us to slow down. Please try again in a minute."),
        _ => new TokenMintException($"The token endpoint failed (HTTP {status}). Please try again in a minute."),
    };

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("error")] string? Error);
}
