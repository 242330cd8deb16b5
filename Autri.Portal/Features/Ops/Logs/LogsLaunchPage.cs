namespace Autri.Portal.Features.Ops.Logs;

/// <summary>What the saved-query and ad hoc pages share when they check or run a query.</summary>
public static class LogsLaunchPage
{
    public static async Task<LogsLaunch> RunAsync(
        LogsFeature feature, LogRunner runner, LogGroupMap groups, string query, IReadOnlyList<string> logicalGroups, RangeRequest window,
        string? savedQuery, ClaimsPrincipal user, bool confirmed)
    {
        if (feature.Problem is not null) return new LogsLaunch.Refused(feature.Problem, Unavailable: true);
        return await LogsLaunch.RunAsync(runner, groups, query, logicalGroups, window, savedQuery, PortalClaims.UserIdOf(user), confirmed, CancellationToken.None);
    }

    public static async Task<LogsLaunch> CheckAsync(
        LogsFeature feature, LogRunner runner, LogGroupMap groups, string query, IReadOnlyList<string> logicalGroups, RangeRequest window)
    {
        if (feature.Problem is not null) return new LogsLaunch.Refused(feature.Problem, Unavailable: true);
        return await LogsLaunch.CheckAsync(runner, groups, query, logicalGroups, window, CancellationToken.None);
    }
}
