namespace Autri.Infra.Connectors;

/// <summary>
/// The name an OAuth connector's client has at the IdP: the connector's id, which never changes, rather
/// than its display name, which may. A rename is then a change to our row only, with no IdP call to fail
/// half-way and no Cognito UpdateUserPoolClient (which resets every setting a request leaves out).
/// The form also fits Cognito's client-name pattern <c>[\w\s+=,.@-]+</c> and length limit.
/// </summary>
public static class ConnectorClientName
{
    public static string For(Guid connectorId) => $"autri-connector-{connectorId}";
}
