namespace Autri.Domain.Connectors.ApiKeys;

/// <summary>Base62 with the alphabet in ASCII order: 0-9, A-Z, a-z.</summary>
public static class Base62
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static bool IsDigit(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    /// <summary>Writes <paramref name="value"/> into all of <paramref name="destination"/>, left-padded with '0'.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value needs more digits than the destination holds.</exception>
    public static void Encode(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
        if (value != 0) throw new ArgumentOutOfRangeException(nameof(value), $"Does not fit in {destination.Length} base62 digits.");
    }

    public static string Encode(ulong value, int width)
    {
        Span<char> chars = stackalloc char[width];
        Encode(value, chars);
        return new string(chars);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniformly random base62 digits. Each random byte is cut to
    /// 6 bits (uniform over 0..63) and values 62 and 63 are thrown away, so no digit is more likely than
    /// another (a plain <c>byte % 62</c> would favour the first 8 digits).
    /// </summary>
    /// <param name="rng">null: the shared system CSPRNG.</param>
    public static void FillRandom(Span<char> destination, RandomNumberGenerator? rng = null)
    {
        Span<byte> buffer = stackalloc byte[64];
        var used = buffer.Length;
        var filled = 0;
        while (filled < destination.Length)
        {
            if (used == buffer.Length)
            {
                if (rng is null) RandomNumberGenerator.Fill(buffer); else rng.GetBytes(buffer);
                used = 0;
            }
            var sixBits = buffer[used++] & 0x3F;
            if (sixBits < 62) destination[filled++] = Alphabet[sixBits];
        }
    }
}
