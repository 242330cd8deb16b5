namespace Autri.Domain.Connectors.ApiKeys;

/// <summary>Making and reading API keys. See <see cref="ApiKeyFormat"/> for the format.</summary>
public static class ApiKey
{
    /// <summary>How many random characters the display prefix keeps: 4 of 22 (≈24 of 131 bits), never enough to matter.</summary>
    public const int DisplayRandomLength = 4;

    /// <summary>A new key in plaintext: show it once, store only its HMAC.</summary>
    /// <param name="rng">null: the shared system CSPRNG.</param>
    public static string Generate(RandomNumberGenerator? rng = null)
    {
        Span<char> key = stackalloc char[ApiKeyFormat.Length];
        ApiKeyFormat.Prefix.CopyTo(key);
        var body = key[..^ApiKeyFormat.ChecksumLength];
        Base62.FillRandom(body[ApiKeyFormat.Prefix.Length..], rng);
        ApiKeyFormat.Checksum(body).CopyTo(key[^ApiKeyFormat.ChecksumLength..]);
        return new string(key);
    }

    /// <summary>True when <paramref name="text"/> is a well-formed key with a matching checksum.</summary>
    public static bool TryParse(string? text, out ApiKeyProblem problem)
    {
        problem = text is null ? ApiKeyProblem.NotAnAutriKey : ApiKeyFormat.Check(text);
        return problem == ApiKeyProblem.None;
    }

    /// <summary>The first characters kept for display, e.g. <c>autri_sk_Ab3d</c>.</summary>
    /// <exception cref="ArgumentException">The key is not well formed.</exception>
    public static string DisplayPrefix(string key)
    {
        if (!TryParse(key, out var problem)) throw new ArgumentException(problem.Describe(), nameof(key));
        return key[..(ApiKeyFormat.Prefix.Length + DisplayRandomLength)];
    }
}
