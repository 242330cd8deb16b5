namespace Autri.Domain.Licensing;

/// <summary>Where a deployment stands with its licence, and so what its admins see.</summary>
public enum LicenceStanding
{
    /// <summary>No licence is installed: a deployment Autri runs itself, or a local one. Nothing is shown.</summary>
    None,

    /// <summary>Valid for more than <see cref="LicenceRule.ExpiringWindow"/>: nothing is shown.</summary>
    Valid,

    /// <summary>Valid, but ends within <see cref="LicenceRule.ExpiringWindow"/>: a banner for admins.</summary>
    Expiring,

    /// <summary>Ended, within the grace period: the banner, more urgent.</summary>
    InGrace,

    /// <summary>Ended and past the grace period: admin pages give way to a page saying what to do.</summary>
    PastGrace,

    /// <summary>A licence is installed but its signature or content was refused: treated like <see cref="PastGrace"/>.</summary>
    Invalid,
}
