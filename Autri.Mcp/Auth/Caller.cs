namespace Autri.Mcp.Auth;

public enum CredentialKind { OAuthToken, ApiKey, BenchmarkAnonymous }

/// <summary>Who is calling: a live connector, and through it the one library its tools may read.</summary>
public sealed record Caller(Guid ConnectorId, Guid OrgId, Guid LibraryId, CredentialKind Kind);
