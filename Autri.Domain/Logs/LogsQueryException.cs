namespace Autri.Domain.Logs;

/// <summary>
/// A Logs Insights call was refused. <see cref="Code"/> uses CloudWatch Logs' error codes for every adapter
/// (MalformedQueryException, InvalidParameterException, LimitExceededException, ResourceNotFoundException,
/// ServiceUnavailableException) plus <see cref="NotSupportedLocally"/> and <see cref="RegexTimeout"/> from the local engine.
/// </summary>
public sealed class LogsQueryException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The query uses a command or function only AWS runs.</summary>
    public const string NotSupportedLocally = "NotSupportedLocally";

    /// <summary>The local engine stopped a query whose regular expression took too long on one log line.</summary>
    public const string RegexTimeout = "RegexTimeout";

    public string Code { get; } = code;
}
