namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// What the database says about one key and its connector, as cached. Revocation and expiry of the key
/// and of its connector are folded together: either one refuses the key. So does an owner no longer invited
/// (suspended until re-invited), as of the lookup: a cached entry sees a suspension within the cache's lifetime.
/// </summary>
internal sealed class ApiKeyRecord(Guid keyId, Guid connectorId, Guid orgId, Guid libraryId, bool revoked, DateTimeOffset? expiresAt, bool ownerInvited)
{
    public Guid KeyId { get; } = keyId;

    public Guid ConnectorId { get; } = connectorId;

    public bool Revoked { get; } = revoked;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public bool OwnerInvited { get; } = ownerInvited;

    /// <summary>Built once so a cached hit allocates nothing.</summary>
    public ApiKeyVerification ValidResult { get; } = ApiKeyVerification.Valid(connectorId, orgId, libraryId);

    /// <summary>Expiry is judged on every call against the clock, so a cached entry never outlives its key.</summary>
    public ApiKeyVerification Decide(DateTimeOffset now) => Decide(now, OwnerInvited);

    /// <param name="ownerInvited">Whether the owner is invited now, where that is known apart from the record (<see cref="ApiKeyReplica"/>).</param>
    public ApiKeyVerification Decide(DateTimeOffset now, bool ownerInvited) => ConnectorStatuses.Of(Revoked, ExpiresAt, ownerInvited, now) switch
    {
        ConnectorStatus.Revoked => ApiKeyVerification.Revoked(ConnectorId),
        ConnectorStatus.Expired => ApiKeyVerification.Expired(ConnectorId),
        ConnectorStatus.Suspended => ApiKeyVerification.Suspended(ConnectorId),
        _ => ValidResult,
    };
}
