namespace Autri.Infra.Connectors;

/// <summary>The token endpoint refused or failed. <see cref="Exception.Message"/> is safe to show the user.</summary>
public sealed class TokenMintException(string message, string? oauthError = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The OAuth error code (RFC 6749 §5.2), e.g. invalid_client; null when the endpoint was not reached.</summary>
    public string? OAuthError { get; } = oauthError;
}
