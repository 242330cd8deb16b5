using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Caching.Memory;

namespace Autri.Infra.OAuth.Clients;

/// <summary>A fetched client metadata document, or why there is none (a sentence safe to show the client's developer).</summary>
public sealed record FetchedDocument(ClientMetadataDocument? Document, string? Problem);

/// <summary>
/// Fetches client metadata documents the careful way, since the URL comes from whoever sends an authorization
/// request: https only (http on loopback in local mode, for tests), after DNS resolution only public addresses,
/// and the connection goes to the address that was checked (so a DNS answer cannot change between the check and
/// the connect), no redirects, no proxy, at most 5 KB, the whole fetch within the configured timeout. Documents are
/// cached as their Cache-Control/Expires headers allow (at most a day); without such headers they are fetched again.
/// </summary>
public sealed class MetadataDocumentFetcher : IDisposable
{
    private static readonly TimeSpan MaxCache = TimeSpan.FromDays(1);
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly bool _allowLoopback;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 1000 });

    /// <param name="allowLoopback">Local mode only: loopback addresses may serve documents, so tests can.</param>
    /// <param name="trustedRoots">
    /// Certificate authorities trusted instead of the system's: only tests pass them (their own CA, for a document served
    /// over https on loopback, since the MCP SDK insists on an https client_id); every deployment trusts the system's.
    /// </param>
    public MetadataDocumentFetcher(TimeSpan timeout, bool allowLoopback, TimeProvider clock, X509Certificate2Collection? trustedRoots = null)
    {
        _timeout = timeout;
        _allowLoopback = allowLoopback;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 16,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectToCheckedAddressAsync,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = TrustOnly(trustedRoots) },
        }) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = ClientMetadataDocument.MaxBytes };
    }

    private static X509ChainPolicy? TrustOnly(X509Certificate2Collection? roots)
    {
        if (roots is null) return null;
        // A test CA publishes no revocation list, so there is nothing to check revocation against.
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    public async Task<FetchedDocument> FetchAsync(string url, CancellationToken ct)
    {
        if (_cache.TryGetValue(url, out ClientMetadataDocument? cached) && cached is not null) return new(cached, null);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if ((int)response.StatusCode is >= 300 and < 400) return new(null, $"the metadata document URL answered with a redirect ({(int)response.StatusCode}); redirects are not followed");
            if (response.StatusCode != HttpStatusCode.OK) return new(null, $"the metadata document URL answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > ClientMetadataDocument.MaxBytes) return new(null, Oversized);
            var body = await ReadLimitedAsync(response.Content, deadline.Token);
            if (body is null) return new(null, Oversized);
            var document = Parse(body);
            if (document is null) return new(null, "the metadata document is not a JSON object with a client_id and redirect_uris");
            if (CacheLifetime(response) is { } lifetime && lifetime > TimeSpan.Zero)
                _cache.Set(url, document, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
            return new(document, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(null, $"the metadata document did not arrive within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is NotPublicAddressException refused)
        {
            return new(null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new(null, "the metadata document could not be fetched (" + (ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString()) + ")");
        }
    }

    private static string Oversized => $"the metadata document is larger than {ClientMetadataDocument.MaxBytes} bytes";

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[ClientMetadataDocument.MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        return total > ClientMetadataDocument.MaxBytes ? null : buffer[..total];
    }

    internal static ClientMetadataDocument? Parse(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (!root.TryGetProperty("redirect_uris", out var uris) || uris.ValueKind != JsonValueKind.Array) return null;
            if (uris.EnumerateArray().Any(u => u.ValueKind != JsonValueKind.String)) return null;
            return new ClientMetadataDocument(Text("client_id"), Text("client_name"), uris.EnumerateArray().Select(u => u.GetString()!).ToList(),
                Text("token_endpoint_auth_method"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TimeSpan? CacheLifetime(HttpResponseMessage response)
    {
        var control = response.Headers.CacheControl;
        if (control is { NoStore: true } or { NoCache: true } or { Private: true }) return null;
        var age = response.Headers.Age ?? TimeSpan.Zero;
        TimeSpan? lifetime = control?.MaxAge is { } maxAge ? maxAge - age
            : response.Content.Headers.Expires is { } expires ? expires - (response.Headers.Date ?? _clock.GetUtcNow())
            : null;
        return lifetime > MaxCache ? MaxCache : lifetime;
    }

    /// <summary>Resolves the host once, refuses any non-public answer, and connects to exactly the address checked.</summary>
    private async ValueTask<Stream> ConnectToCheckedAddressAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new NotPublicAddressException($"the metadata document host {host} does not resolve");
        if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused)
            throw new NotPublicAddressException($"the metadata document host {host} resolves to {refused}, which is not a public address");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsAllowed(IPAddress address) => PublicAddress.IsPublic(address) || (_allowLoopback && IPAddress.IsLoopback(address));

    public void Dispose()
    {
        _http.Dispose();
        _cache.Dispose();
    }

    private sealed class NotPublicAddressException(string message) : IOException(message);
}
