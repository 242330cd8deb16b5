namespace Autri.Domain.Logs;

/// <summary>
/// What StartQuery takes. <see cref="LogGroups"/> are the names the adapter understands (real group names
/// for AWS, logical names for the local engine). The range is [Start, End). <see cref="Limit"/> null means
/// AWS's default of 10,000 rows.
/// </summary>
public sealed record LogsQueryRequest(
    string QueryString,
    IReadOnlyList<string> LogGroups,
    DateTimeOffset Start,
    DateTimeOffset End,
    int? Limit = null)
{
    public const int DefaultLimit = 10_000;

    public int EffectiveLimit => Limit ?? DefaultLimit;
}
