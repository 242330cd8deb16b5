namespace Autri.Infra.Connectors.ApiKeys;

public enum ApiKeyOutcome { Valid, Malformed, Unknown, Revoked, Expired, Suspended }

/// <summary>
/// What <see cref="ApiKeyVerifier.VerifyAsync"/> decided. <see cref="OrgId"/> and <see cref="LibraryId"/> are
/// set only when <see cref="Outcome"/> is Valid; <see cref="ConnectorId"/> also for Revoked, Expired and Suspended so the
/// refusal can be audited against the connector. <see cref="Problem"/> says why a key is Malformed
/// (not ours, bad shape, checksum mismatch: a typo).
/// </summary>
public sealed record ApiKeyVerification(
    ApiKeyOutcome Outcome,
    Guid? ConnectorId = null,
    Guid? OrgId = null,
    Guid? LibraryId = null,
    ApiKeyProblem Problem = ApiKeyProblem.None)
{
    public static readonly ApiKeyVerification Unknown = new(ApiKeyOutcome.Unknown);

    public bool IsValid => Outcome == ApiKeyOutcome.Valid;

    public static ApiKeyVerification Valid(Guid connectorId, Guid orgId, Guid libraryId) =>
        new(ApiKeyOutcome.Valid, connectorId, orgId, libraryId);

    public static ApiKeyVerification Malformed(ApiKeyProblem problem) => new(ApiKeyOutcome.Malformed, Problem: problem);

    public static ApiKeyVerification Revoked(Guid connectorId) => new(ApiKeyOutcome.Revoked, connectorId);

    public static ApiKeyVerification Expired(Guid connectorId) => new(ApiKeyOutcome.Expired, connectorId);

    /// <summary>The connector's owner is no longer invited to the beta: refused until they are again.</summary>
    public static ApiKeyVerification Suspended(Guid connectorId) => new(ApiKeyOutcome.Suspended, connectorId);
}
