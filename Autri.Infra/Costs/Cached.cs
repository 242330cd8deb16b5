namespace Autri.Infra.Costs;

/// <summary>The last failed fetch of a view: AWS's error code and message, and when.</summary>
public sealed record CacheError(string Code, string Message, DateTimeOffset At);

/// <summary>
/// What the cache holds for a view: the last good value and when it was fetched (null when never), and the error
/// of a later failed fetch (null when the value is the latest attempt).
/// </summary>
public sealed record Cached<T>(T? Value, DateTimeOffset? FetchedAt, CacheError? Error, bool FetchedNow) where T : class
{
    public bool HasValue => Value is not null;

    public static Cached<T> Nothing { get; } = new(null, null, null, false);
}

public enum RefreshOutcome
{
    Refreshed,

    /// <summary>The view was fetched (or tried) less than the minimum interval ago; nothing was asked.</summary>
    TooSoon,

    /// <summary>AWS answered an error; the last good value is kept.</summary>
    Failed,
}

public sealed record RefreshResult<T>(RefreshOutcome Outcome, Cached<T> Current, DateTimeOffset? NextAllowedAt) where T : class;
