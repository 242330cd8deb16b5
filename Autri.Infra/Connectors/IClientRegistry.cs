namespace Autri.Infra.Connectors;

/// <summary>
/// Where OAuth connector clients live: Cognito app clients in production, dynamic client registration at
/// the dev IdP locally. Both give a client id and a secret that works at the issuer's token endpoint with
/// client_credentials, and tokens that carry the connector's id.
/// </summary>
public interface IClientRegistry
{
    /// <summary>Registers the client of a connector, named <see cref="ConnectorClientName.For"/> (never the display name, so renames stay local).</summary>
    /// <exception cref="ClientRegistryException">The registry refused or could not be reached; nothing was created.</exception>
    Task<RegisteredClient> RegisterAsync(Guid connectorId, CancellationToken ct);

    /// <summary>Deletes the client. A client that is already gone counts as deleted.</summary>
    /// <param name="handle">What <see cref="RegisterAsync"/> returned as <see cref="RegisteredClient.RegistrationHandle"/>.</param>
    /// <exception cref="ClientRegistryException">The registry refused or could not be reached; the client may still exist.</exception>
    Task DeleteAsync(string clientId, string? handle, CancellationToken ct);
}
