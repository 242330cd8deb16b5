using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Autri.Mcp.Auth;

/// <summary>
/// Remembers tokens that passed signature and claim checks until they expire (at most 10 minutes), so a client
/// reusing its token costs one SHA-256 and a dictionary probe instead of an RSA verification. Keyed by the
/// SHA-256 of the token, so the cache never holds a usable credential. Only valid tokens are cached: garbage
/// cannot grow it, and it is bounded anyway (emptied when full). Revocation is not decided here: the connector
/// check runs on every request against <see cref="ConnectorDirectory"/>.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock)
{
    private const int MaxEntries = 100_000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<TokenKey, Entry> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(string token, out TokenClaims claims)
    {
        claims = null!;
        var key = TokenKey.Of(token);
        if (!_entries.TryGetValue(key, out var entry)) return false;
        var now = clock.GetUtcNow();
        if (entry.Until <= now || entry.Claims.ExpiresAt <= now)
        {
            _entries.TryRemove(key, out _);
            return false;
        }
        claims = entry.Claims;
        return true;
    }

    public void Add(string token, TokenClaims claims)
    {
        var until = clock.GetUtcNow() + MaxAge;
        if (claims.ExpiresAt < until) until = claims.ExpiresAt;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[TokenKey.Of(token)] = new Entry(claims, until);
    }

    private sealed record Entry(TokenClaims Claims, DateTimeOffset Until);

    private readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenKey Of(string token)
        {
            Span<byte> hash = stackalloc byte[32];
            var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
            Span<byte> buffer = maxBytes <= 4096 ? stackalloc byte[maxBytes] : new byte[maxBytes];
            var length = Encoding.UTF8.GetBytes(token, buffer);
            SHA256.HashData(buffer[..length], hash);
            CryptographicOperations.ZeroMemory(buffer[..length]);
            return new TokenKey(
                BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]),
                BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..]));
        }
    }
}
