using Microsoft.IdentityModel.Tokens;

namespace Autri.Coordination.Deployments;

/// <summary>
/// The secret a deployment's agent proves itself with, issued with its licence: <c>autri_dc_</c> and 256 random bits.
/// Shown once by the command that makes it; the service keeps only its SHA-256 (enough for a random secret of this
/// size: there is nothing to guess and no password to stretch).
/// </summary>
public static class DeploymentCredential
{
    public static string New() => DeploymentCredentialFormat.Prefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string credential) => SHA256.HashData(Encoding.UTF8.GetBytes(credential));

    /// <summary>Constant-time comparison of a presented credential with a stored hash.</summary>
    public static bool Matches(string presented, byte[]? storedHash) =>
        storedHash is { Length: 32 } && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    public static bool LooksLikeOne(string? text) => DeploymentCredentialFormat.IsOne(text);
}
