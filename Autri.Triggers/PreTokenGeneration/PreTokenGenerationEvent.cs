using System.Text.Json.Nodes;

namespace Autri.Triggers.PreTokenGeneration;

/// <summary>
/// The pre-token-generation event (V2/V3 shape, aws-samples/cognito/pre-token-v3-client-credentials*.json). Only
/// <c>TokenGeneration_ClientCredentials</c> (sent for V3_0 only) concerns connectors: <c>userName</c> is the literal
/// "ClientCredentials" there and the app client is <c>callerContext.clientId</c>.
/// </summary>
public static class PreTokenGenerationEvent
{
    public const string Trigger = "pre-token-generation";
    public const string ClientCredentials = "TokenGeneration_ClientCredentials";
    public const string ConnectorClaim = "connector_id";

    /// <summary>The trigger source, and for a client_credentials grant the app client id (else null).</summary>
    public static (string TriggerSource, string? ClientId) Read(byte[] json)
    {
        using var doc = EventJson.Parse(json, Trigger);
        var source = EventJson.RequiredString(doc.RootElement, "triggerSource", Trigger);
        return source == ClientCredentials
            ? (source, EventJson.RequiredString(doc.RootElement, "callerContext.clientId", Trigger))
            : (source, null);
    }

    /// <summary>
    /// The whole event with <c>response.claimsAndScopeOverrideDetails.accessTokenGeneration.claimsToAddOrOverride.connector_id</c>
    /// set (the documented V2/V3 response syntax); any other override already there is kept.
    /// </summary>
    public static byte[] WithConnectorClaim(byte[] json, Guid connectorId)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var claims = Child(Child(Child(Child(root, "response"), "claimsAndScopeOverrideDetails"), "accessTokenGeneration"), "claimsToAddOrOverride");
        claims[ConnectorClaim] = connectorId.ToString();
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // The input carries "claimsAndScopeOverrideDetails": null; a null (or missing) member becomes an object.
    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing) return existing;
        if (parent[name] is { } other)
            throw new TriggerEventException($"The {Trigger} event's {name} is {other.GetValueKind()}, not an object or null");
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
