namespace Autri.Infra.Allowlist;

/// <summary>
/// A save the admin previewed: the list to write and the version it was based on (0 when the parameter did not
/// exist yet, so the save creates it).
/// </summary>
public sealed record AllowlistSave(BetaAllowlist Proposed, long BaseVersion, string Actor, string Note, long? RestoredFrom = null)
{
    public bool Creates => BaseVersion == 0;
}

public abstract record SaveOutcome
{
    /// <summary>Written as exactly the next version. <paramref name="Audited"/> is false when the audit row could not be written.</summary>
    public sealed record Saved(long Version, AllowlistDiff Diff, bool Audited) : SaveOutcome;

    /// <summary>The parameter moved since the admin's base version (or was created meanwhile); nothing was written.</summary>
    public sealed record Conflict(AllowlistVersion Current) : SaveOutcome;

    /// <summary>
    /// Written, but as <paramref name="Actual"/> rather than <paramref name="Expected"/>: another write landed between
    /// the re-read and ours, and ours replaced it. Recorded in the audit log as allowlist.race_detected.
    /// </summary>
    public sealed record RaceDetected(long Expected, long Actual, AllowlistDiff Diff, bool Audited) : SaveOutcome;

    /// <summary>The parameter was deleted since the admin loaded it; nothing was written.</summary>
    public sealed record Missing : SaveOutcome;

    /// <summary>The list breaks a rule (empty, too large) or the stored parameter cannot be edited here; nothing was written.</summary>
    public sealed record Refused(IReadOnlyList<string> Problems) : SaveOutcome;

    /// <summary>Parameter Store failed or refused (after the client's retries); nothing was written.</summary>
    public sealed record Failed(ParameterStoreException Error) : SaveOutcome;
}
