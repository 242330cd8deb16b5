namespace Autri.Domain.Logs;

/// <summary>
/// A Logs Insights call was refused. <see cref="Code"/> uses CloudWatch Logs' error codes for every adapter
/// (MalformedQueryException, InvalidParameterException, LimitExceededException, ResourceNotFoundException,
/// ServiceUnavailableException) plus <see cref="NotSupportedLocally"/> from the local engine.
/// </summary>
public sealed class LogsQueryException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The query uses a command or function only AWS runs.</summary>
    public const string NotSupportedLocally = "NotSupportedLocally";

    public string Code { get; } = code;
}
