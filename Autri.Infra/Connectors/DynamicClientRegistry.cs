namespace Autri.Infra.Connectors;

/// <summary>
/// Local adapter: OAuth clients through dynamic client registration (RFC 7591) at the dev IdP, deleted
/// through its client configuration endpoint (RFC 7592). The handle it returns holds the
/// registration_client_uri and registration_access_token; the caller stores it encrypted.
/// </summary>
public sealed class DynamicClientRegistry(HttpClient http, IssuerMetadata issuer, ConnectorOptions options, ILogger<DynamicClientRegistry> log)
    : IClientRegistry
{
    private const string RegisterWhat = "register the OAuth client";
    private const string DeleteWhat = "delete the OAuth client";

    public async Task<RegisteredClient> RegisterAsync(Guid connectorId, CancellationToken ct)
    {
        var endpoint = options.RegistrationEndpoint is { Length: > 0 } configured ? configured
            : (await issuer.GetAsync(RegisterWhat, ct)).RegistrationEndpoint is { Length: > 0 } discovered ? discovered
            : throw ClientRegistryException.Refused(RegisterWhat, new InvalidOperationException(
                "The issuer's discovery document has no registration_endpoint; set Connectors:RegistrationEndpoint"));

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new RegistrationRequest(ConnectorClientName.For(connectorId), ["client_credentials"], [], "client_secret_basic", options.Scope, connectorId.ToString())),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.RegistrationToken);
        using var response = await SendAsync(request, RegisterWhat, ct);
        if (response.StatusCode != HttpStatusCode.Created) throw await FailureAsync(response, RegisterWhat, ct);

        var body = await response.Content.ReadFromJsonAsync<RegistrationResponse>(ct);
        if (body is not { ClientId.Length: > 0, ClientSecret.Length: > 0, RegistrationClientUri.Length: > 0, RegistrationAccessToken.Length: > 0 })
            throw ClientRegistryException.Refused(RegisterWhat, new InvalidOperationException("The registration response lacks client_id, client_secret or the RFC 7592 fields"));
        var handle = JsonSerializer.Serialize(new Handle(body.RegistrationClientUri, body.RegistrationAccessToken));
        return new RegisteredClient(body.ClientId, body.ClientSecret, handle);
    }

    /// <summary>RFC 7592 with the client's own registration token: it can only ever delete the client it was issued for.</summary>
    public async Task DeleteAsync(ConnectorClientTarget target, string? handle, CancellationToken ct)
    {
        var clientId = target.ClientId;
        var h = handle is null ? null : JsonSerializer.Deserialize<Handle>(handle);
        if (h is not { Uri.Length: > 0, Token.Length: > 0 })
            throw ClientRegistryException.Refused(DeleteWhat, new InvalidOperationException($"No registration handle stored for client {clientId}"));

        using var request = new HttpRequestMessage(HttpMethod.Delete, h.Uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Token);
        using var response = await SendAsync(request, DeleteWhat, ct);
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK) return;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            log.LogInformation(new EventId(1, "oauth_client_already_deleted"), "OAuth client {client_id} was already deleted at the IdP", clientId);
            return;
        }
        throw await FailureAsync(response, DeleteWhat, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw ClientRegistryException.Unavailable(what, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw ClientRegistryException.Unavailable(what, ex);
        }
    }

    private static async Task<ClientRegistryException> FailureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        // The error body of RFC 7591/7592 is {error, error_description}: codes, never secrets.
        var error = "";
        try
        {
            if (await response.Content.ReadFromJsonAsync<ErrorResponse>(ct) is { } e) error = $"{e.Error}: {e.ErrorDescription}";
        }
        catch (JsonException) { }
        var inner = new InvalidOperationException($"HTTP {(int)response.StatusCode} from the registration endpoint {error}".TrimEnd());
        return (int)response.StatusCode switch
        {
            429 => ClientRegistryException.Throttled(inner),
            >= 500 => ClientRegistryException.Unavailable(what, inner),
            _ => ClientRegistryException.Refused(what, inner),
        };
    }

    private sealed record RegistrationRequest(
        [property: JsonPropertyName("client_name")] string ClientName,
        [property: JsonPropertyName("grant_types")] string[] GrantTypes,
        [property: JsonPropertyName("response_types")] string[] ResponseTypes,
        [property: JsonPropertyName("token_endpoint_auth_method")] string TokenEndpointAuthMethod,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("connector_id")] string ConnectorId);

    private sealed record RegistrationResponse(
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret,
        [property: JsonPropertyName("registration_client_uri")] string? RegistrationClientUri,
        [property: JsonPropertyName("registration_access_token")] string? RegistrationAccessToken);

    private sealed record ErrorResponse(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);

    private sealed record Handle(
        [property: JsonPropertyName("registration_client_uri")] string? Uri,
        [property: JsonPropertyName("registration_access_token")] string? Token);
}
