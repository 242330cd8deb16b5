namespace Autri.Domain.Licensing;

/// <summary>A licence's standing at one moment, with the dates an admin needs to act on it.</summary>
public sealed record LicenceStatus(LicenceStanding Standing, LicenceClaims? Claims, DateTimeOffset? GraceEndsAt, string? Problem)
{
    public static readonly LicenceStatus None = new(LicenceStanding.None, null, null, null);

    /// <summary>Admins see a banner on every page.</summary>
    public bool ShowsBanner => Standing is LicenceStanding.Expiring or LicenceStanding.InGrace or LicenceStanding.PastGrace or LicenceStanding.Invalid;

    /// <summary>Admin pages give way to the licence page. Nothing else changes: people's pages and the MCP server never do.</summary>
    public bool BlocksAdminPages => Standing is LicenceStanding.PastGrace or LicenceStanding.Invalid;

    /// <summary>Whole days from <paramref name="now"/> to the licence's end (negative once it has ended).</summary>
    public int DaysToExpiry(DateTimeOffset now) => Claims is null ? 0 : (int)Math.Floor((Claims.ExpiresAt - now).TotalDays);

    /// <summary>Whole days left in the grace period (0 when it is over or has not started).</summary>
    public int GraceDaysLeft(DateTimeOffset now) => GraceEndsAt is { } end && end > now ? (int)Math.Ceiling((end - now).TotalDays) : 0;
}

/// <summary>
/// The one rule for a licence's standing, asked by the agent (what it logs) and the portal (what admins see):
/// valid; expiring within 30 days; ended but within the grace period (the licence's, 14 days unless the vendor chose
/// otherwise); past grace.
/// Only admins are ever affected: the MCP server does not read the licence at all.
/// </summary>
public static class LicenceRule
{
    public static readonly TimeSpan ExpiringWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromDays(14);
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(90);

    public static LicenceStatus Evaluate(LicenceClaims claims, DateTimeOffset now) =>
        new(StandingAt(claims.ExpiresAt, now, claims.GracePeriod), claims, claims.ExpiresAt + claims.GracePeriod, null);

    /// <summary>The standing of a licence ending at <paramref name="expiresAt"/> (the vendor's fleet page knows only that).</summary>
    public static LicenceStanding StandingAt(DateTimeOffset expiresAt, DateTimeOffset now, TimeSpan grace)
    {
        if (grace < TimeSpan.Zero || grace > MaxGrace)
            throw new ArgumentOutOfRangeException(nameof(grace), grace, $"The grace period must be 0 to {MaxGrace.TotalDays} days");
        return now < expiresAt - ExpiringWindow ? LicenceStanding.Valid
            : now < expiresAt ? LicenceStanding.Expiring
            : now < expiresAt + grace ? LicenceStanding.InGrace
            : LicenceStanding.PastGrace;
    }

    /// <summary>An installed licence that could not be verified, with the reason (never the token itself).</summary>
    public static LicenceStatus Refused(string problem) => new(LicenceStanding.Invalid, null, null, problem);
}
