namespace Autri.Infra.Connectors;

/// <summary>A bearer token from the token endpoint, to show once. ToString leaves the token out.</summary>
public sealed record MintedToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string? Scope)
{
    public override string ToString() => $"MintedToken {{ TokenType = {TokenType}, ExpiresAt = {ExpiresAt:O}, Scope = {Scope} }}";
}
