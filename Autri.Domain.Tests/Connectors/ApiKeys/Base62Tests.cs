using System.Security.Cryptography;

namespace Autri.Domain.Tests.Connectors.ApiKeys;

public class Base62Tests
{
    [Theory]
    [InlineData(0ul, 6, "000000")]
    [InlineData(61ul, 1, "z")]
    [InlineData(62ul, 2, "10")]
    [InlineData(0x380542FFul, 6, "11baqF")]
    [InlineData(0xFFFFFFFFul, 6, "4gfFC3")] // the largest CRC-32 still fits in 6 digits
    public void Encodes_left_padded_to_the_width(ulong value, int width, string expected)
    {
        Assert.Equal(expected, Base62.Encode(value, width));
    }

    [Fact]
    public void A_value_too_large_for_the_width_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Base62.Encode(62ul * 62, 2));
    }

    [Fact]
    public void Random_digits_drop_bytes_whose_low_six_bits_are_62_or_63()
    {
        // Low six bits: 62 and 63 are rejected; 0, 1, 61 map to '0', '1', 'z'; 64 wraps to 0, 255 is 63.
        var rng = new ScriptedRandom([62, 0, 63, 1, 255, 125, 64]);
        Span<char> digits = stackalloc char[4];

        Base62.FillRandom(digits, rng);

        Assert.Equal("01z0", new string(digits));
    }

    [Fact]
    public void Random_digits_cover_the_whole_alphabet_evenly()
    {
        var counts = new int[62];
        var chars = new char[62 * 2000];
        Base62.FillRandom(chars);
        foreach (var c in chars) counts[Base62.Alphabet.IndexOf(c)]++;

        // 2000 expected per digit; a modulo-biased generator would give the first 8 digits ~25% more.
        Assert.All(counts, n => Assert.InRange(n, 1700, 2300));
    }

    /// <summary>Hands out the given bytes in order, then zeros.</summary>
    private sealed class ScriptedRandom(byte[] script) : RandomNumberGenerator
    {
        private int _next;

        public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

        public override void GetBytes(Span<byte> data)
        {
            for (var i = 0; i < data.Length; i++) data[i] = _next < script.Length ? script[_next++] : (byte)0;
        }
    }
}
