using System.Text.RegularExpressions;

namespace Autri.Domain.Tests.Connectors.ApiKeys;

public class ApiKeyTests
{
    [Fact]
    public void Generated_keys_match_the_documented_pattern_and_checksum()
    {
        for (var i = 0; i < 1000; i++)
        {
            var key = ApiKey.Generate();

            Assert.Matches(new Regex(ApiKeyFormat.Pattern), key);
            Assert.Equal(ApiKeyFormat.Length, key.Length);
            Assert.True(ApiKey.TryParse(key, out var problem), problem.ToString());
        }
    }

    [Fact]
    public void Generated_keys_are_unique()
    {
        var keys = Enumerable.Range(0, 10_000).Select(_ => ApiKey.Generate()).ToHashSet();

        Assert.Equal(10_000, keys.Count);
    }

    [Fact]
    public void The_length_constant_adds_up()
    {
        Assert.Equal(ApiKeyFormat.Length, ApiKeyFormat.Prefix.Length + ApiKeyFormat.RandomLength + ApiKeyFormat.ChecksumLength);
    }

    [Theory]
    [InlineData("autri_sk_000000000000000000000011baqF")]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz")]
    public void A_key_whose_checksum_zlib_computed_is_well_formed(string key)
    {
        // Vectors computed independently with Python: base62(zlib.crc32(b"autri_sk_<random>")).rjust(6, "0").
        Assert.True(ApiKeyFormat.IsWellFormed(key));
    }

    [Fact]
    public void Every_one_character_typo_in_the_random_part_fails_the_checksum()
    {
        var key = ApiKey.Generate();
        for (var i = ApiKeyFormat.Prefix.Length; i < ApiKeyFormat.Length - ApiKeyFormat.ChecksumLength; i++)
        {
            foreach (var c in Base62.Alphabet.Where(c => c != key[i]))
            {
                var typo = string.Concat(key.AsSpan(0, i), c.ToString(), key.AsSpan(i + 1));

                Assert.False(ApiKey.TryParse(typo, out var problem));
                Assert.Equal(ApiKeyProblem.ChecksumMismatch, problem);
            }
        }
    }

    [Fact]
    public void Swapping_two_neighbouring_characters_fails_the_checksum()
    {
        var key = ApiKey.Generate();
        for (var i = ApiKeyFormat.Prefix.Length; i < ApiKeyFormat.Length - 1; i++)
        {
            if (key[i] == key[i + 1]) continue;
            var chars = key.ToCharArray();
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);

            Assert.Equal(ApiKeyProblem.ChecksumMismatch, ApiKeyFormat.Check(new string(chars)));
        }
    }

    [Theory]
    [InlineData(null, ApiKeyProblem.NotAnAutriKey)]
    [InlineData("", ApiKeyProblem.NotAnAutriKey)]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a", ApiKeyProblem.NotAnAutriKey)]
    [InlineData("AUTRI_SK_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz", ApiKeyProblem.NotAnAutriKey)]
    [InlineData(" autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz", ApiKeyProblem.NotAnAutriKey)]
    [InlineData("autri_sk_", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9ki", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz\n", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9-iz", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUvé2L9kiz", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUé2L9kiz", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiZ", ApiKeyProblem.ChecksumMismatch)]
    public void Parsing_says_what_is_wrong(string? text, ApiKeyProblem expected)
    {
        Assert.False(ApiKey.TryParse(text, out var problem));
        Assert.Equal(expected, problem);
        Assert.NotEmpty(problem.Describe());
    }

    [Fact]
    public void A_very_long_string_is_malformed()
    {
        Assert.Equal(ApiKeyProblem.Malformed, ApiKeyFormat.Check(ApiKeyFormat.Prefix + new string('a', 10_000)));
    }

    [Fact]
    public void The_display_prefix_keeps_the_prefix_and_four_random_characters()
    {
        Assert.Equal("autri_sk_Ab3d", ApiKey.DisplayPrefix("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz"));
    }

    [Fact]
    public void The_display_prefix_of_a_malformed_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ApiKey.DisplayPrefix("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiZ"));
    }
}
