namespace Autri.Infra.Connectors;

/// <summary>One connector as the pages show it: never a secret, never a hash. Times are UTC.</summary>
public sealed record ConnectorSummary(
    Guid Id,
    Guid OrgId,
    string Name,
    ConnectorKind Kind,
    Guid LibraryId,
    string LibraryName,
    Guid CreatedBy,
    string OwnerEmail,
    string? ClientId,
    string? KeyPrefix,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt,
    bool OwnerInvited)
{
    public bool IsRevoked => RevokedAt is not null;

    public ConnectorStatus StatusAt(DateTime utcNow) => ConnectorStatuses.Of(IsRevoked,
        ExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null, OwnerInvited,
        new DateTimeOffset(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)));

    public bool IsLive(DateTime utcNow) => StatusAt(utcNow) == ConnectorStatus.Live;

    public string Status(DateTime utcNow) => StatusAt(utcNow).Label();
}

/// <summary>A library a user may grant a connector.</summary>
public sealed record LibraryChoice(Guid Id, string Name);

/// <summary>A connector's revocation as audited: the person (or <c>system</c>) who revoked it, and why when the server did.</summary>
public sealed record ConnectorRevocation(string Actor, string? Reason)
{
    /// <summary>The authorization server ended the grant because a used refresh token came back.</summary>
    public bool ForRefreshTokenReuse => Reason == Autri.Infra.OAuth.AppAccessGrants.ReuseReason;
}
