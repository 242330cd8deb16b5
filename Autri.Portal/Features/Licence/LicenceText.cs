using Autri.Domain.Licensing;

namespace Autri.Portal.Features.Licence;

/// <summary>What admins are told about the licence, in one place for the banner and the licence page.</summary>
public static class LicenceText
{
    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One sentence for the banner; null when there is nothing to say.</summary>
    public static string? Banner(LicenceStatus s, DateTimeOffset now) => s.Standing switch
    {
        LicenceStanding.Expiring => $"The Autri licence of this deployment ends on {Date(s.Claims!.ExpiresAt)}, in {Days(s.DaysToExpiry(now))}. Ask Autri for a renewal.",
        LicenceStanding.InGrace => $"The Autri licence of this deployment ended on {Date(s.Claims!.ExpiresAt)}. The grace period ends on {Date(s.GraceEndsAt!.Value)}, in {Days(s.GraceDaysLeft(now))}; after that the admin pages only say what to do.",
        LicenceStanding.PastGrace => $"The Autri licence of this deployment ended on {Date(s.Claims!.ExpiresAt)} and its grace period is over.",
        LicenceStanding.Invalid => "The licence installed in this deployment could not be verified.",
        _ => null,
    };

    public static string Heading(LicenceStanding s) => s switch
    {
        LicenceStanding.None => "No licence installed",
        LicenceStanding.Valid => "Licence valid",
        LicenceStanding.Expiring => "Licence ends soon",
        LicenceStanding.InGrace => "Licence ended: grace period",
        LicenceStanding.PastGrace => "Licence ended",
        _ => "Licence not valid",
    };

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}
