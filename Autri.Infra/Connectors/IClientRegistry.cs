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

    /// <summary>
    /// Deletes a connector's client. A client that is already gone counts as deleted. The target names the connector row
    /// that holds the client and the org acting on it, so the adapter can refuse a client that is not a connector's
    /// (<see cref="Autri.Domain.Connectors.ConnectorClientRule"/>).
    /// </summary>
    /// <param name="handle">What <see cref="RegisterAsync"/> returned as <see cref="RegisteredClient.RegistrationHandle"/>.</param>
    /// <exception cref="ClientRegistryException">The registry refused (or the rule did), or could not be reached; the client may still exist.</exception>
    Task DeleteAsync(ConnectorClientTarget target, string? handle, CancellationToken ct);
}
