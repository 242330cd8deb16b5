using System.Threading.RateLimiting;

namespace Autri.Mcp.Auth;

/// <summary>
/// Limits guessing: each client address may have its credentials refused <see cref="McpRateLimitOptions.FailedAuthPerAddress"/>
/// times per fixed window (the framework's <see cref="PartitionedRateLimiter"/>, a fixed-window limiter per address, idle
/// ones dropped by the framework). Only guesses spend a permit: credentials refused without naming any connector we know
/// (an unknown or malformed key, a bad signature, a foreign issuer…). Successful calls, requests without credentials (the
/// first step of connecting by URL), expired tokens (clients present them before refreshing) and credentials of a known
/// connector that is revoked or suspended spend none: those come from real clients, often many behind one address.
/// Once an address has none left, its requests are refused with 429 before any credential is checked, so a guess that
/// happens to be right tells nothing until the window ends.
/// <para>
/// The address is the connection's, or X-Forwarded-For's client when a loopback proxy (nginx on the same host) sends it:
/// the forwarded-headers setup (McpApp) trusts loopback proxies only, so nobody else can pick the address counted.
/// Counts are per instance, in memory: with N instances an address can fail up to N times the limit.
/// </para>
/// </summary>
public sealed class FailedAuthLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    public FailedAuthLimiter(IOptions<McpRateLimitOptions> options)
    {
        var o = options.Value;
        _window = o.FailedAuthWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.FailedAuthPerAddress, Window = o.FailedAuthWindow, QueueLimit = 0 }));
    }

    /// <summary>Whether <paramref name="address"/> has used up its refusals; if so, how long until its window ends (whole seconds, at least 1).</summary>
    public bool IsBlocked(string address, out int retryAfterSeconds)
    {
        // A zero-permit acquisition asks without spending: it fails, with the wait, once the window's permits are gone.
        using var lease = _limiter.AttemptAcquire(address, 0);
        retryAfterSeconds = lease.IsAcquired ? 0
            : Math.Max(1, (int)Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window).TotalSeconds));
        return !lease.IsAcquired;
    }

    /// <summary>Spends one permit of <paramref name="address"/> if <paramref name="failure"/> looks like a guess.</summary>
    public void Record(string address, AuthFailure failure)
    {
        if (!Counts(failure)) return;
        using var _ = _limiter.AttemptAcquire(address, 1);
    }

    /// <summary>A credential was sent and refused (401 invalid_token) without naming a known connector, and not merely expired.</summary>
    public static bool Counts(AuthFailure failure) =>
        failure.Status == StatusCodes.Status401Unauthorized && failure.Error is not null && failure.ConnectorId is null && failure.Reason != "expired";

    /// <summary>The client address as this server sees it (after the forwarded-headers middleware).</summary>
    public static string AddressOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress ?? System.Net.IPAddress.None;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    public void Dispose() => _limiter.Dispose();
}
