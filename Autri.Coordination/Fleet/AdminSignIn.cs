using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Autri.Coordination.Fleet;

/// <summary>
/// HTTP Basic sign-in for the fleet page, over the TLS of the reverse proxy in front of the service (README). A few
/// vendor staff read one page: accounts are configuration (Coordination:Admins) with PBKDF2 hashes. A verified
/// user name and password are remembered for five minutes (as a SHA-256, never the password), so a page view does
/// not cost a PBKDF2 run; failures are rate limited per address (<see cref="CoordinationApp"/>).
/// </summary>
public sealed class AdminSignIn(IOptions<CoordinationOptions> options, TimeProvider clock, ILogger<AdminSignIn> log) : IEndpointFilter
{
    public const string Realm = "Autri coordination";
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Credentials(http.Request) is not var (user, password) || !IsAdmin(user, password))
        {
            if (http.Request.Headers.Authorization.Count > 0)
                log.LogWarning(new EventId(40, "admin_sign_in_failed"), "Fleet page sign-in refused from {client}", http.Connection.RemoteIpAddress?.ToString());
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
            return TypedResults.Text("Sign in with a fleet-page account.", statusCode: StatusCodes.Status401Unauthorized);
        }
        http.Items[nameof(AdminSignIn)] = user;
        return await next(context);
    }

    private bool IsAdmin(string user, string password)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\n" + password)));
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(key, out var until) && until > now) return true;
        if (!options.Value.Admins.TryGetValue(user, out var hash) || !AdminPassword.Verify(password, hash)) return false;
        _verified[key] = now + Remember;
        return true;
    }

    private static (string User, string Password)? Credentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = text.IndexOf(':');
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
