using Autri.Domain.Connectors;

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
    DateTime? LastUsedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTime utcNow) => ExpiresAt is { } e && e <= utcNow;

    public bool IsLive(DateTime utcNow) => !IsRevoked && !IsExpired(utcNow);

    public string Status(DateTime utcNow) => IsRevoked ? "Revoked" : IsExpired(utcNow) ? "Expired" : "Active";
}

/// <summary>A library a user may grant a connector.</summary>
public sealed record LibraryChoice(Guid Id, string Name);
