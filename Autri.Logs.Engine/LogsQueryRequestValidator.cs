namespace Autri.Logs.Engine;

/// <summary>StartQuery's limits, checked before anything is sent so both backends refuse the same requests.</summary>
public static class LogsQueryRequestValidator
{
    /// <summary>StartQuery accepts at most 50 log groups.</summary>
    public const int MaxLogGroups = 50;

    /// <summary>The API model's QueryString max length.</summary>
    public const int MaxQueryLength = 10_000;

    /// <summary>The API model's EventsLimitStartQuery range.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>Parses the query and checks the request.</summary>
    /// <exception cref="LogsQueryException">InvalidParameterException, or MalformedQueryException with the syntax error's line and column.</exception>
    public static LogsQuery Validate(LogsQueryRequest request)
    {
        if (request.LogGroups.Count == 0) throw Invalid("at least one log group is required");
        if (request.LogGroups.Count > MaxLogGroups)
            throw Invalid($"at most {MaxLogGroups} log groups can be queried at once, got {request.LogGroups.Count}");
        if (request.LogGroups.Any(string.IsNullOrWhiteSpace)) throw Invalid("log group names cannot be empty");
        if (request.QueryString.Length > MaxQueryLength)
            throw Invalid($"the query is {request.QueryString.Length} characters long; the maximum is {MaxQueryLength}");
        if (request.End <= request.Start) throw Invalid("the end of the time range must be after its start");
        if (request.Start.ToUnixTimeSeconds() < 0) throw Invalid("the time range cannot start before 1970");
        if (request.Limit is < 1 or > MaxLimit) throw Invalid($"limit must be from 1 to {MaxLimit}, got {request.Limit}");
        try
        {
            return LogsQueryParser.Parse(request.QueryString);
        }
        catch (LogsQuerySyntaxError e)
        {
            throw new LogsQueryException("MalformedQueryException", e.Message, e);
        }
    }

    private static LogsQueryException Invalid(string message) => new("InvalidParameterException", message);
}
