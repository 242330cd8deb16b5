namespace Autri.Coordination.Fleet;

/// <summary>
/// Fleet-page passwords, stored only as PBKDF2-SHA256 hashes (<c>pbkdf2-sha256$iterations$salt$hash</c>, OWASP's
/// 600,000 iterations) made by the <c>hash-password</c> command and put in Coordination:Admins:&lt;name&gt;.
/// </summary>
public static class AdminPassword
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 600_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool IsHash(string? text) => Parse(text) is not null;

    public static bool Verify(string password, string stored)
    {
        if (Parse(stored) is not { } p) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), p.Salt, p.Iterations, HashAlgorithmName.SHA256, p.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(actual, p.Hash);
    }

    private static (int Iterations, byte[] Salt, byte[] Hash)? Parse(string? text)
    {
        var parts = text?.Split('$');
        if (parts is not [Scheme, var n, var salt, var hash]) return null;
        try
        {
            var iterations = int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture);
            var (s, h) = (Convert.FromBase64String(salt), Convert.FromBase64String(hash));
            return iterations >= 100_000 && s.Length >= 16 && h.Length == 32 ? (iterations, s, h) : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
