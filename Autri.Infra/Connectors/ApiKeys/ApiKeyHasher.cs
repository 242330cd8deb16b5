namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// HMAC-SHA256 of a key under a versioned pepper. The pepper lives in configuration (a secret), not in the
/// database, so a stolen database alone cannot test guesses; the version stored beside each hash lets the
/// pepper rotate: new keys use the current version, verification tries every configured one.
/// </summary>
public sealed class ApiKeyHasher
{
    public const int HashLength = 32;

    private readonly Dictionary<int, byte[]> _peppers;

    // One keyed HMAC per pepper version per thread, reset after each use: reusing the keyed state skips
    // OpenSSL's per-call context setup, about 2.5x faster than the one-shot HMACSHA256.HashData here.
    private readonly ThreadLocal<Dictionary<int, IncrementalHash>> _hmacs;

    public ApiKeyHasher(ApiKeyOptions options)
    {
        var errors = ApiKeyOptionsValidator.Check(options);
        if (errors.Count > 0) throw new OptionsValidationException(ApiKeyOptions.Section, typeof(ApiKeyOptions), errors);
        _peppers = options.Peppers.ToDictionary(
            p => int.Parse(p.Key, CultureInfo.InvariantCulture),
            p => ApiKeyOptionsValidator.PepperBytes(p.Value)!);
        CurrentVersion = options.CurrentPepperVersion!.Value;
        Versions = _peppers.Keys.OrderByDescending(v => v == CurrentVersion).ThenByDescending(v => v).ToArray();
        _hmacs = new ThreadLocal<Dictionary<int, IncrementalHash>>(() => _peppers.ToDictionary(
            p => p.Key, p => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, p.Value)));
    }

    public int CurrentVersion { get; }

    /// <summary>Every configured version, the current one first.</summary>
    public IReadOnlyList<int> Versions { get; }

    /// <summary>Hashes a well-formed key (ASCII by construction) under <paramref name="version"/>.</summary>
    public void Hash(ReadOnlySpan<char> key, int version, Span<byte> destination)
    {
        if (key.Length != ApiKeyFormat.Length) throw new ArgumentException("Not a well-formed API key.", nameof(key));
        Span<byte> ascii = stackalloc byte[ApiKeyFormat.Length];
        for (var i = 0; i < key.Length; i++) ascii[i] = (byte)key[i];
        var hmac = _hmacs.Value![version];
        hmac.AppendData(ascii);
        hmac.GetHashAndReset(destination);
    }

    public byte[] Hash(ReadOnlySpan<char> key, int version)
    {
        var hash = new byte[HashLength];
        Hash(key, version, hash);
        return hash;
    }
}
