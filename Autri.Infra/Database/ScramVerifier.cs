namespace Autri.Infra.Database;

/// <summary>
/// The SCRAM-SHA-256 verifier Postgres stores for a password (RFC 5802/7677, in Postgres's
/// <c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c> form). <c>ALTER ROLE … PASSWORD</c> with a
/// verifier stores it as given, so the password itself never reaches the server, its statement log or
/// pg_stat_statements (what psql's \password does too).
/// </summary>
public static class ScramVerifier
{
    /// <summary>Postgres's defaults (SCRAM_DEFAULT_SALT_LEN, scram_iterations).</summary>
    private const int SaltBytes = 16;
    private const int Iterations = 4096;

    /// <summary>
    /// Printable ASCII only: Postgres normalizes other passwords with SASLprep before hashing, which this does not
    /// implement; the secrets infra-cdk generates are letters and digits.
    /// </summary>
    public static string For(string password)
    {
        if (password.Length == 0 || password.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException("A database role password must be printable ASCII and not empty", nameof(password));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
