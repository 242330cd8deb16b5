using System.ComponentModel.DataAnnotations;

namespace Autri.Coordination.Configuration;

/// <summary>Section "Coordination": the vendor's coordination service (documented in Autri.Coordination/README.md).</summary>
public sealed class CoordinationOptions : IValidatableObject
{
    public const string Section = "Coordination";

    /// <summary>A deployment silent for longer is highlighted on the fleet page (three missed 5-minute heartbeats).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest diagnostics upload accepted; larger ones get 413 and are not stored.</summary>
    [Range(1024, 16 * 1024 * 1024)] public int MaxDiagnosticsBytes { get; set; } = 1024 * 1024;

    /// <summary>Heartbeats older than this are deleted (the deployment row keeps the latest).</summary>
    [Range(1, 3650)] public int HeartbeatRetentionDays { get; set; } = 30;

    /// <summary>Fleet page sign-in: user name → password hash made by the <c>hash-password</c> command.</summary>
    public Dictionary<string, string> Admins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Behind a TLS-terminating reverse proxy: the scheme and client address come from X-Forwarded-*.</summary>
    public bool TrustForwardedHeaders { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StaleAfter < TimeSpan.FromMinutes(1)) yield return new ValidationResult("StaleAfter must be at least a minute", [nameof(StaleAfter)]);
        if (Admins.Count == 0)
            yield return new ValidationResult("Configuration missing value for: Coordination:Admins:<name> (a hash from the hash-password command)", [nameof(Admins)]);
        foreach (var (name, hash) in Admins)
        {
            if (!AdminPassword.IsHash(hash))
                yield return new ValidationResult($"Admins:{name} is not a hash made by the hash-password command", [nameof(Admins)]);
        }
    }
}
