namespace Autri.Logs.Engine;

/// <summary>
/// What one local run may hold in memory. A stats or dedup command keeps at most <see cref="MaxGroups"/> groups
/// (events of further groups are left out, and the result says so); a line longer than <see cref="MaxLineBytes"/>
/// is skipped unread and counted; a regular expression that takes longer than <see cref="RegexTimeout"/> on one value
/// fails the run with a message that says so. Sort and the result rows are bounded by the result limit already.
/// </summary>
public sealed record LocalEngineLimits
{
    /// <summary>AWS returns at most 10,000 rows, so by default no more groups are held than it could show.</summary>
    public const int DefaultMaxGroups = 10_000;

    /// <summary>CloudWatch Logs accepts events of up to 1 MB.</summary>
    public const int DefaultMaxLineBytes = 1 << 20;

    public static readonly LocalEngineLimits Default = new();

    public int MaxGroups { get; init; } = DefaultMaxGroups;

    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    public TimeSpan RegexTimeout { get; init; } = DefaultRegexTimeout;

    /// <summary>Far longer than any sane pattern needs on a log line, far shorter than a catastrophic one takes.</summary>
    public static TimeSpan DefaultRegexTimeout => TimeSpan.FromSeconds(1);

    /// <exception cref="ArgumentOutOfRangeException">
    /// When a limit is below 1 (a line limit below 1 KiB, too short for any log line, or above 1 GiB), or the regex timeout is not positive.
    /// </exception>
    public LocalEngineLimits Checked()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGroups, 1, nameof(MaxGroups));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 1024, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLineBytes, 1 << 30, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RegexTimeout, TimeSpan.Zero, nameof(RegexTimeout));
        return this;
    }
}
