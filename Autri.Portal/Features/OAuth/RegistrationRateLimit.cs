using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Autri.Infra.OAuth;

namespace Autri.Portal.Features.OAuth;

/// <summary>
/// Open registration, limited per source address (behind the load balancer, X-Forwarded-For's client once
/// <c>Portal:TrustForwardedHeaders</c> is on) with the framework's fixed-window limiter: <c>OAuth:RegistrationPermitLimit</c>
/// per <c>OAuth:RegistrationWindow</c>. Over the limit: 429 with Retry-After. The count is per portal instance.
/// </summary>
public sealed class RegistrationRateLimit : IEndpointFilter, IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public RegistrationRateLimit(OAuthOptions options)
    {
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.RegistrationPermitLimit,
            Window = options.RegistrationWindow,
            QueueLimit = 0,
        }));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var address = context.HttpContext.Connection.RemoteIpAddress ?? IPAddress.None;
        using var lease = _limiter.AttemptAcquire(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        if (lease.IsAcquired) return await next(context);

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { error = "temporarily_unavailable", error_description = $"Too many registrations from this address; try again in {seconds} s." },
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _limiter.Dispose();
}
