namespace Autri.Domain.Licensing;

/// <summary>
/// What a verified licence says: issued by the vendor for one customer's one deployment, valid until
/// <see cref="ExpiresAt"/>, for a number of seats and a set of features. Only a licence whose signature verified with
/// the vendor's public key becomes one of these (Autri.Infra's LicenceReader).
/// </summary>
public sealed record LicenceClaims(
    string CustomerId,
    Guid DeploymentId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    int Seats,
    IReadOnlyList<string> Features);
