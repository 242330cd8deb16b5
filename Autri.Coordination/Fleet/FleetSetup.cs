using System.Threading.RateLimiting;

namespace Autri.Coordination.Fleet;

public static class FleetSetup
{
    /// <summary>The fleet page: its reader, Basic sign-in, static Razor rendering, and a per-address limit on its requests.</summary>
    public static void AddFleetPage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FleetReader>();
        builder.Services.AddSingleton<AdminSignIn>();
        builder.Services.AddRazorComponents();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Password guessing costs a PBKDF2 run per try: 60 requests a minute per address is plenty for people.
            o.AddPolicy(FleetEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) }));
        });
    }
}
