namespace Autri.Domain.Connectors.ApiKeys;

/// <summary>
/// The API key format, after GitHub's token format: a fixed prefix so secret scanners can find leaked
/// keys, 22 base62 characters from a CSPRNG (22 × log2(62) ≈ 131 bits), and a 6-character checksum so a
/// typo is caught offline, before any database lookup.
/// <para>
/// Checksum: CRC-32 (IEEE, as zlib's <c>crc32</c>) of the ASCII bytes of <c>autri_sk_&lt;random&gt;</c>,
/// written in base62 (<see cref="Base62.Alphabet"/>) and left-padded with '0' to 6 characters
/// (62^6 &gt; 2^32, so every CRC fits). Example: <c>autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz</c>.
/// </para>
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "autri_sk_";
    public const int RandomLength = 22;
    public const int ChecksumLength = 6;
    public const int Length = 37; // "autri_sk_".Length + RandomLength + ChecksumLength

    /// <summary>For secret scanners and docs; the checksum makes a match near-certain to be a real key.</summary>
    public const string Pattern = "^autri_sk_[0-9A-Za-z]{22}[0-9A-Za-z]{6}$";

    public static bool IsWellFormed(ReadOnlySpan<char> text) => Check(text) == ApiKeyProblem.None;

    public static ApiKeyProblem Check(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return ApiKeyProblem.NotAnAutriKey;
        if (text.Length != Length) return ApiKeyProblem.Malformed;
        foreach (var c in text[Prefix.Length..])
        {
            if (!Base62.IsDigit(c)) return ApiKeyProblem.Malformed;
        }
        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(text[..^ChecksumLength], expected);
        return expected.SequenceEqual(text[^ChecksumLength..]) ? ApiKeyProblem.None : ApiKeyProblem.ChecksumMismatch;
    }

    /// <summary>The 6-character checksum of <paramref name="body"/> (prefix + random part, ASCII).</summary>
    public static string Checksum(ReadOnlySpan<char> body)
    {
        Span<char> chars = stackalloc char[ChecksumLength];
        WriteChecksum(body, chars);
        return new string(chars);
    }

    private static void WriteChecksum(ReadOnlySpan<char> body, Span<char> destination)
    {
        Span<byte> ascii = stackalloc byte[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] > 0x7F) throw new ArgumentException("The key body must be ASCII.", nameof(body));
            ascii[i] = (byte)body[i];
        }
        Base62.Encode(Crc32.Compute(ascii), destination);
    }
}
