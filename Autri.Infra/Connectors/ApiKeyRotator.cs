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

        // The rotation and its audit row commit together: if the row cannot be written, the old keys are
        // untouched and the new key never existed.
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        IssuedApiKey issued;
        try
        {
            issued = await issuer.RotateAsync(connectorId, grace, tx, ct);
        }
        catch (InvalidOperationException)
        {
            // Revoked between our read and the issuer's locked check.
            return (null, new(ConnectorFields.Form, "This connector is revoked; its key cannot be rotated."));
        }
        await ConnectorAudit.WriteAsync(conn, tx, actor.Email, ConnectorAudit.Rotate, connectorId, new Dictionary<string, object?>
        {
            ["connector_id"] = connectorId, ["name"] = connector.Name, ["kind"] = ConnectorKind.ApiKey.ToDb(),
            ["key_prefix"] = issued.DisplayPrefix, ["grace_seconds"] = (long)grace.TotalSeconds,
        }, ct);
        // Cancellable up to the commit: a person who closed the tab before it never sees the new key, so the
        // old ones must not be retired for it.
        await tx.CommitAsync(ct);
        issuer.ForgetCached(connectorId);
        return (new NewCredential(connectorId, connector.Name, ConnectorKind.ApiKey, issued.Plaintext, null, issued.DisplayPrefix, Utc(connector.ExpiresAt)), null);
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
