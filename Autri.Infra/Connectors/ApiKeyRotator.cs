using Autri.Domain.Connectors;
using Autri.Infra.Connectors.ApiKeys;
using Dapper;
using Npgsql;

namespace Autri.Infra.Connectors;

/// <summary>
/// Rotates the key of one of the user's live API-key connectors through <see cref="ApiKeyIssuer.RotateAsync"/>:
/// the new key works at once, the old ones for the chosen grace period.
/// </summary>
public sealed class ApiKeyRotator(NpgsqlDataSource db, ApiKeyIssuer issuer, ConnectorStore store)
{
    /// <returns>The new key to show once, or a problem for the form.</returns>
    /// <exception cref="KeyNotFoundException">No such connector in the user's org.</exception>
    public async Task<(NewCredential? Key, FieldProblem? Problem)> RotateAsync(Actor actor, Guid connectorId, string? graceChoice, CancellationToken ct)
    {
        var connector = await store.FindInOrgAsync(actor.OrgId, connectorId, ct) ?? throw new KeyNotFoundException($"No connector {connectorId} in org {actor.OrgId}");
        if (connector.Kind != ConnectorKind.ApiKey) return (null, new(ConnectorFields.Form, "Only API-key connectors have keys to rotate. An OAuth client's secret cannot be rotated: create a new connector and revoke this one."));
        if (connector.IsRevoked) return (null, new(ConnectorFields.Form, "This connector is revoked; its key cannot be rotated."));
        if (!RotationGrace.TryParse(graceChoice, out var grace)) return (null, new(ConnectorFields.Grace, "Choose how long the current key keeps working."));

        IssuedApiKey issued;
        try
        {
            issued = await issuer.RotateAsync(connectorId, grace, ct);
        }
        catch (InvalidOperationException)
        {
            // Revoked between our read and the issuer's locked check.
            return (null, new(ConnectorFields.Form, "This connector is revoked; its key cannot be rotated."));
        }

        // The issuer commits the rotation in its own transaction, so this audit row follows it. If writing it
        // fails the new key is not shown (the request fails) and nobody holds it; rotating again supersedes it.
        await using var conn = await db.OpenConnectionAsync(ct);
        await ConnectorAudit.WriteAsync(conn, null, actor.Email, ConnectorAudit.Rotate, connectorId, new Dictionary<string, object?>
        {
            ["connector_id"] = connectorId, ["name"] = connector.Name, ["kind"] = ConnectorKind.ApiKey.ToDb(),
            ["key_prefix"] = issued.DisplayPrefix, ["grace_seconds"] = (long)grace.TotalSeconds,
        }, CancellationToken.None);
        return (new NewCredential(connectorId, connector.Name, ConnectorKind.ApiKey, issued.Plaintext, null, issued.DisplayPrefix, Utc(connector.ExpiresAt)), null);
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
