namespace Autri.Infra.Logging;

/// <summary>
/// Emails never reach a log line in clear: a person is named there by the first 16 hex digits of the SHA-256 of the
/// normalized address (field <c>email_hash</c>), the same in the portal and the triggers. Lines about one person can
/// be found together, and an operator who knows an address computes it:
/// <c>printf %s alice@example.com | sha256sum | cut -c1-16</c>. Pseudonymous, not anonymous: a guessed address can be
/// confirmed, which is the point.
/// </summary>
public static class EmailHash
{
    public static string Of(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Normalize(email))))[..16];
}
