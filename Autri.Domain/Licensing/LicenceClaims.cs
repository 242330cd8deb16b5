namespace Autri.Domain.Licensing;

/// <summary>
/// What a verified licence says: issued by the vendor for one customer's one deployment, valid until
/// <see cref="ExpiresAt"/> and then for a grace period (the vendor's choice, written into the licence, so the agent,
/// the portal and the vendor's fleet page all count the same days), for a number of seats and a set of features. Only
/// a licence whose signature verified with the vendor's public key becomes one of these (Autri.Infra's LicenceDocument).
/// </summary>
public sealed record LicenceClaims(
    string CustomerId,
    Guid DeploymentId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    TimeSpan GracePeriod,
    int Seats,
    IReadOnlyList<string> Features);
