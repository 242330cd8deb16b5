namespace Autri.Infra.Connectors;

/// <summary>
/// Audit rows for connector changes (connector.create, .rename, .revoke, .rotate), written in the same
/// transaction as the change. Details name the connector and kind, never a secret.
/// </summary>
internal static class ConnectorAudit
{
    public const string Create = "connector.create";
    public const string Rename = "connector.rename";
    public const string Revoke = "connector.revoke";
    public const string Rotate = "connector.rotate";

    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string actor, string action, Guid connectorId,
        IReadOnlyDictionary<string, object?> details, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_events (actor, action, target, details) VALUES (@actor, @action, @target, @details::jsonb)",
            new { actor, action, target = "connector:" + connectorId, details = JsonSerializer.Serialize(details) }, tx, cancellationToken: ct));
}
