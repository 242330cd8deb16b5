namespace Autri.Infra.Connectors;

/// <summary>
/// A credential just made: the client secret (OAuth) or the API key, to show its owner once. Nothing else
/// keeps it. ToString leaves the secret out so it cannot reach a log by accident.
/// </summary>
public sealed record NewCredential(Guid ConnectorId, string Name, ConnectorKind Kind, string Secret, string? ClientId, string? KeyPrefix, DateTimeOffset? ExpiresAt)
{
    public override string ToString() =>
        $"NewCredential {{ ConnectorId = {ConnectorId}, Kind = {Kind}, ClientId = {ClientId}, KeyPrefix = {KeyPrefix} }}";
}

/// <summary>Either the new credential or the problems that stopped it (then nothing was created).</summary>
public sealed record CreateResult(NewCredential? Credential, IReadOnlyList<FieldProblem> Problems)
{
    public static CreateResult Failed(FieldProblem problem) => new(null, [problem]);

    public static CreateResult Created(NewCredential credential) => new(credential, []);
}
