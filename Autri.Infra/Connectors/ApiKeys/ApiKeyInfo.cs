namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>One key of a connector as a page may show it: never the key, never its hash.</summary>
public sealed record ApiKeyInfo(
    Guid KeyId,
    string DisplayPrefix,
    int PepperVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);
