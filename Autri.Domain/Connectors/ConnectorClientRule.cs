namespace Autri.Domain.Connectors;

/// <summary>
/// An identity-provider app client as a connector row holds it, and the org on whose behalf it is being acted on
/// (null: an administrator, who may act on any org's connector).
/// </summary>
public sealed record ConnectorClientTarget(Guid ConnectorId, Guid ConnectorOrgId, ConnectorKind Kind, string ClientId, Guid? ActingOrgId);

/// <summary>
/// IAM cannot scope Cognito's app-client operations below the user pool, so the portal's role may describe, rotate or
/// delete any client of the pool: its own, the public MCP client, any org's connector's. This rule is the check IAM
/// cannot make, applied before every such operation on an existing client: the client must be an OAuth connector's,
/// of the acting org, and none of the deployment's own clients (which no connector row can ever legitimately name).
/// </summary>
public static class ConnectorClientRule
{
    /// <summary>The client id an OAuth connector row holds between its insert and its registration (ConnectorCreator).</summary>
    public const string PendingPrefix = "pending:";

    /// <summary>Null when the operation may go ahead; otherwise why not, for the log (never shown to the user).</summary>
    /// <param name="reservedClientIds">The portal's own client and the public MCP client.</param>
    public static string? RefusalFor(ConnectorClientTarget target, IReadOnlyCollection<string> reservedClientIds)
    {
        if (target.Kind != ConnectorKind.OAuthClient)
            return $"connector {target.ConnectorId} is a {target.Kind.ToDb()} connector, which has no app client";
        if (string.IsNullOrWhiteSpace(target.ClientId) || target.ClientId.StartsWith(PendingPrefix, StringComparison.Ordinal))
            return $"connector {target.ConnectorId} holds no registered client id";
        if (reservedClientIds.Contains(target.ClientId, StringComparer.Ordinal))
            return $"client {target.ClientId} is one of the deployment's own app clients (the portal's or the MCP client), not a connector's";
        if (target.ActingOrgId is { } acting && acting != target.ConnectorOrgId)
            return $"connector {target.ConnectorId} belongs to another org";
        return null;
    }
}
