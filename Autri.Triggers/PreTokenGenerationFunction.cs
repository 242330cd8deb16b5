using Autri.Triggers.PreTokenGeneration;

namespace Autri.Triggers;

/// <summary>
/// Cognito pre-token-generation trigger, event version V3_0 (Lambda handler
/// <c>Autri.Triggers::Autri.Triggers.PreTokenGenerationFunction::HandleAsync</c>).
/// For a client_credentials grant by a connector's app client it adds <c>connector_id</c> to the access token, so
/// the MCP server knows which connector (and so which library) is calling. Decisions:
/// <list type="bullet">
/// <item>live connector: claim added;</item>
/// <item>revoked or expired connector: the token is refused (the trigger throws, Cognito mints nothing), because a
/// token for a connector its owner turned off must not exist even if deleting its app client failed or lags;</item>
/// <item>suspended connector (its owner is no longer invited to the beta): refused the same way, with its own message,
/// until the owner is invited again;</item>
/// <item>unknown client (not a connector, e.g. an operator's own client): no claim, a warning line; the MCP server
/// finds no connector for it either (by claim or by client_id) and refuses its calls, so letting the token through
/// opens nothing;</item>
/// <item>user tokens (hosted UI, refresh, …): returned unchanged.</item>
/// </list>
/// </summary>
public sealed class PreTokenGenerationFunction : TriggerFunction
{
    public const string RefusedMessage = "This connector is no longer valid. Create a new connector in the Autri portal.";
    public const string SuspendedMessage = "The owner of this connector is no longer invited to the Autri beta; it works again once they are.";
    public const string FailureMessage = "Autri could not issue a token right now. Try again in a few minutes.";

    /// <summary>What the Lambda runtime calls, once per container: the host is shared by every invocation.</summary>
    public PreTokenGenerationFunction() : this(TriggerHost.Shared)
    {
    }

    internal PreTokenGenerationFunction(TriggerHost host) : base(host, "Autri.Triggers.PreTokenGeneration")
    {
    }

    /// <summary>Stream in, stream out (no serializer needed): the event, with the claim added when it applies.</summary>
    public async Task<Stream> HandleAsync(Stream input)
    {
        string? clientId = null;
        return await RunAsync<ConnectorRefusedException>(PreTokenGenerationEvent.Trigger, TriggerSettings.PreTokenGenerationRequires, FailureMessage, input,
            async (json, ct) =>
            {
                (var source, clientId) = PreTokenGenerationEvent.Read(json);
                if (source != PreTokenGenerationEvent.ClientCredentials) return new MemoryStream(json, writable: false);

                var db = await Host.Database.GetAsync(ct);
                var connector = await ConnectorLookup.FindAsync(db, clientId!, Host.Clock.GetUtcNow(), ct);
                switch (connector)
                {
                    case null:
                        Log.LogWarning(TriggerEvents.UnknownClient,
                            "Client credentials token for app client {client_id}, which is no connector: no {claim} claim added", clientId, PreTokenGenerationEvent.ConnectorClaim);
                        return new MemoryStream(json, writable: false);
                    case { Status: ConnectorStatus.Live }:
                        Log.LogInformation(TriggerEvents.ConnectorClaimAdded, "Token for connector {connector_id} (app client {client_id})", connector.Id, clientId);
                        return new MemoryStream(PreTokenGenerationEvent.WithConnectorClaim(json, connector.Id), writable: false);
                    default:
                        var state = connector.Status.ToString().ToLowerInvariant();
                        Log.LogWarning(TriggerEvents.ConnectorRefused,
                            "Token refused for connector {connector_id} (app client {client_id}): the connector is {reason}", connector.Id, clientId, state);
                        throw new ConnectorRefusedException(connector.Id, connector.Status,
                            connector.Status == ConnectorStatus.Suspended ? SuspendedMessage : RefusedMessage);
                }
            },
            (ex, reason) => Log.LogError(TriggerEvents.TriggerFailed, ex, "Trigger {trigger} failed for app client {client_id}: {reason}",
                PreTokenGenerationEvent.Trigger, clientId, reason));
    }
}

/// <summary>Thrown so Cognito refuses the token of a revoked, expired or suspended connector. A decision, not a failure.</summary>
public sealed class ConnectorRefusedException(Guid connectorId, ConnectorStatus status, string message) : Exception(message)
{
    public Guid ConnectorId { get; } = connectorId;
    public ConnectorStatus Status { get; } = status;
}
