namespace Autri.Infra.Connectors;

public enum RevokeOutcome { Revoked, AlreadyRevoked, NotFound, Failed }

/// <summary>What a revocation did; <see cref="Message"/> (for Failed) is safe to show.</summary>
public sealed record RevokeResult(RevokeOutcome Outcome, string? Message = null)
{
    public static readonly RevokeResult Revoked = new(RevokeOutcome.Revoked);
    public static readonly RevokeResult AlreadyRevoked = new(RevokeOutcome.AlreadyRevoked);
    public static readonly RevokeResult NotFound = new(RevokeOutcome.NotFound);
}
