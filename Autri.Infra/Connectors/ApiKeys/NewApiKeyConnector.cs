namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>The fields of a new API-key connector. <paramref name="ExpiresAt"/> null: until revoked.</summary>
public sealed record NewApiKeyConnector(Guid OrgId, Guid CreatedBy, Guid LibraryId, string Name, DateTimeOffset? ExpiresAt = null);
