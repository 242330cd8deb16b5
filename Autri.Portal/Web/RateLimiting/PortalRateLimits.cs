using System.Threading.RateLimiting;
using Autri.Infra.OAuth;
using Microsoft.AspNetCore.RateLimiting;

namespace Autri.Portal.Web.RateLimiting;

/// <summary>
/// Every rate limit of the portal, on ASP.NET Core's rate limiter: a global limiter chaining a per-address and a
/// per-user fixed-window limiter, each partitioned by (rule, key), that counts only the requests a rule covers.
/// Rules for endpoints (<see cref="RateLimitedAttribute"/>) count after authentication, since the per-user limits
/// need the user; rules for a path (OpenIddict's token endpoint) count before it, since OpenIddict answers there.
/// Over a limit: 429 with Retry-After and a page (JSON for machine clients).
/// The source address is the connection's, or X-Forwarded-For's client once Portal:TrustForwardedHeaders is on.
/// Counts are per portal instance (in memory): with N instances an address can make up to N times the limit.
/// </summary>
public static class PortalRateLimits
{
    public const string SignIn = "sign-in";
    public const string TokenMint = "token-mint";
    public const string ConnectorChanges = "connector-changes";
    public const string Registration = "oauth-registration";
    public const string OAuthToken = "oauth-token";

    /// <summary>The two limiters: one before authentication (path rules), one after it (endpoint rules).</summary>
    private sealed record Limiters(RateLimiterOptions BeforeAuthentication, RateLimiterOptions AfterAuthentication);

    public static void AddPortalRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        var oauth = builder.Configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();
        RateLimitRule[] rules =
        [
            new(SignIn, limits.SignInPerAddress, null, limits.SignInWindow, CountsReads: true, AnswersJson: false, "sign-in attempts"),
            new(TokenMint, limits.TokenMintPerAddress, limits.TokenMintPerUser, limits.TokenMintWindow, CountsReads: false, AnswersJson: false, "token requests"),
            new(ConnectorChanges, limits.ConnectorChangesPerAddress, limits.ConnectorChangesPerUser, limits.ConnectorChangesWindow, CountsReads: false, AnswersJson: false,
                "connector creations and key rotations"),
            new(Registration, oauth.RegistrationPermitLimit, null, oauth.RegistrationWindow, CountsReads: true, AnswersJson: true, "registrations"),
            new(OAuthToken, limits.OAuthTokenPerAddress, null, limits.OAuthTokenWindow, CountsReads: true, AnswersJson: true, "token requests", OAuthEndpoints.TokenPath),
        ];
        // The middleware's own services (metrics); its options stay unused, each middleware gets its own below.
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddSingleton(new Limiters(
            Options(rules.Where(r => r.Path is not null).ToList()),
            Options(rules.Where(r => r.Path is null).ToList())));
    }

    /// <summary>Before authentication, where OpenIddict answers its token endpoint.</summary>
    public static void UsePortalRateLimitsBeforeAuthentication(this WebApplication app) =>
        app.UseRateLimiter(app.Services.GetRequiredService<Limiters>().BeforeAuthentication);

    /// <summary>After authentication (the per-user limits need the user), before anything that does the work.</summary>
    public static void UsePortalRateLimits(this WebApplication app) =>
        app.UseRateLimiter(app.Services.GetRequiredService<Limiters>().AfterAuthentication);

    private static RateLimiterOptions Options(IReadOnlyList<RateLimitRule> rules) => new()
    {
        GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, (string, string)>(http => RuleFor(http, rules) is { } rule
                ? RateLimitPartition.GetFixedWindowLimiter((rule.Name, "address:" + AddressOf(http)), _ => Window(rule.PerAddress, rule.Window))
                : RateLimitPartition.GetNoLimiter((string.Empty, string.Empty))),
            PartitionedRateLimiter.Create<HttpContext, (string, string)>(http => RuleFor(http, rules) is { PerUser: { } perUser } rule && PortalClaims.UserIdOf(http.User) is { } user
                ? RateLimitPartition.GetFixedWindowLimiter((rule.Name, "user:" + user), _ => Window(perUser, rule.Window))
                : RateLimitPartition.GetNoLimiter((string.Empty, string.Empty)))),
        OnRejected = (context, _) => RejectAsync(context, RuleFor(context.HttpContext, rules)!),
    };

    private static RateLimitRule? RuleFor(HttpContext http, IReadOnlyList<RateLimitRule> rules)
    {
        var marked = http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>()?.Rule;
        var rule = rules.FirstOrDefault(r => r.Path is { } path ? http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) : r.Name == marked);
        return rule is not null && (rule.CountsReads || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))) ? rule : null;
    }

    private static string AddressOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress ?? IPAddress.None;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new() { PermitLimit = permits, Window = window, QueueLimit = 0 };

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitRule rule)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : rule.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalRateLimits)).LogWarning(new EventId(41, "rate_limited"),
            "Refused {method} {path}: over the {rule} limit (retry after {retry_after_s} s, user {user_id})",
            http.Request.Method, http.Request.Path.Value, rule.Name, seconds, PortalClaims.UserIdOf(http.User));
        var text = $"Too many {rule.What} from this address or account. Please wait {seconds} seconds, then try again.";
        if (rule.AnswersJson)
        {
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsJsonAsync(new { error = "temporarily_unavailable", error_description = text });
            return;
        }
        await ErrorHandling.WritePlainPageAsync(http, "Please slow down", text);
    }
}
