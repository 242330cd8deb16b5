namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// The query text is not valid Logs Insights: raised before anything is sent to AWS or the local engine.
/// <see cref="Line"/> and <see cref="Column"/> are 1-based.
/// </summary>
public sealed class LogsQuerySyntaxError(SourcePosition position, string reason)
    : Exception($"Syntax error at {position}: {reason}")
{
    public int Line => Position.Line;

    public int Column => Position.Column;

    public SourcePosition Position { get; } = position;

    /// <summary>The message without the position, for showing beside the editor.</summary>
    public string Reason { get; } = reason;
}
