namespace Autri.Infra.Logs.Runner;

/// <summary>
/// What to run: <see cref="LogGroups"/> are the names the backend understands (real log groups in AWS; see
/// <see cref="LogGroupMap"/>). The window is rounded to whole minutes (<see cref="RunWindow"/>) before use.
/// </summary>
public sealed record LogRunRequest(
    string Query,
    IReadOnlyList<string> LogGroups,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? SavedQuery = null,
    Guid? StartedBy = null,
    bool LongRangeConfirmed = false);
