namespace Autri.Domain.Connectors.ApiKeys;

/// <summary>Why a presented string is not a usable API key, decided offline from its text alone.</summary>
public enum ApiKeyProblem
{
    None,
    /// <summary>Does not start with <c>autri_sk_</c>: some other credential, or nothing.</summary>
    NotAnAutriKey,
    /// <summary>Starts like ours but the length or characters are wrong (truncated, padded, non-ASCII).</summary>
    Malformed,
    /// <summary>Shaped like ours but the checksum does not match: almost always a typo or a bad copy.</summary>
    ChecksumMismatch,
}

public static class ApiKeyProblemText
{
    /// <summary>A message safe to show the person holding the key (it never repeats the key).</summary>
    public static string Describe(this ApiKeyProblem problem) => problem switch
    {
        ApiKeyProblem.None => "The key is well formed.",
        ApiKeyProblem.NotAnAutriKey => "This is not an Autri API key (they start with autri_sk_).",
        ApiKeyProblem.Malformed => "This Autri API key is malformed: it should be autri_sk_ followed by 28 letters and digits.",
        ApiKeyProblem.ChecksumMismatch => "This Autri API key fails its checksum: a character was probably mistyped or lost when copying.",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}
