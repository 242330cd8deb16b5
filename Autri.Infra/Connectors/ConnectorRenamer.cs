namespace Autri.Infra.Connectors;

/// <summary>
/// Renames a live connector of the user's org. Only our row changes: OAuth clients are named by the connector's
/// id (<see cref="ConnectorClientName"/>) and keys carry no name, so nothing at the IdP needs updating.
/// </summary>
public sealed class ConnectorRenamer(NpgsqlDataSource db)
{
    /// <returns>null when renamed (or unchanged); a problem for the name field otherwise.</returns>
    /// <exception cref="KeyNotFoundException">No such connector in the user's org.</exception>
    public async Task<FieldProblem?> RenameAsync(Actor actor, Guid connectorId, string? newName, CancellationToken ct)
    {
        var name = ConnectorName.Normalize(newName);
        if (ConnectorName.Problem(name) is { } problem) return new(ConnectorFields.Name, problem);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var c = await conn.QuerySingleOrDefaultAsync<Current>(new CommandDefinition(
            "SELECT name, revoked_at IS NOT NULL AS revoked FROM connectors WHERE id = @connectorId AND org_id = @orgId FOR UPDATE",
            new { connectorId, orgId = actor.OrgId }, tx, cancellationToken: ct));
        if (c is null) throw new KeyNotFoundException($"No connector {connectorId} in org {actor.OrgId}");
        if (c.Revoked) return new(ConnectorFields.Name, "A revoked connector cannot be renamed.");
        if (c.Name == name) return null;

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("UPDATE connectors SET name = @name WHERE id = @connectorId", new { connectorId, name }, tx, cancellationToken: ct));
        }
        catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "connectors_org_name_live" })
        {
            return new(ConnectorFields.Name, $"You already have an active connector named \"{name}\". Choose another name.");
        }
        await ConnectorAudit.WriteAsync(conn, tx, actor.Email, ConnectorAudit.Rename, connectorId, new Dictionary<string, object?>
        {
            ["connector_id"] = connectorId, ["from"] = c.Name, ["name"] = name,
        }, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private sealed class Current
    {
        public string Name { get; init; } = "";
        public bool Revoked { get; init; }
    }
}
