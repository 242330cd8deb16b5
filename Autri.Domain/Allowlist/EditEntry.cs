namespace Autri.Domain.Allowlist;

public enum EntryOutcome
{
    /// <summary>Valid and new: it will be added.</summary>
    Added,
    /// <summary>Valid but already on the list: nothing to do.</summary>
    AlreadyListed,
    /// <summary>Valid but given earlier in the same paste: collapsed into the first.</summary>
    Duplicate,
    /// <summary>Not an acceptable email: nothing is written until it is fixed or dropped.</summary>
    Invalid,
}

/// <summary>One email as the admin typed it (<paramref name="Text"/>, on line <paramref name="Line"/>) and what becomes of it.</summary>
public sealed record EditEntry(int Line, string Text, string Email, EntryOutcome Outcome, string? Problem = null);
