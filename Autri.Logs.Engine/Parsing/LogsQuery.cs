namespace Autri.Logs.Engine.Parsing;

/// <summary>A parsed Logs Insights query: its commands in order and what the local engine cannot run.</summary>
public sealed record LogsQuery(string Text, IReadOnlyList<QueryCommand> Commands, IReadOnlyList<QueryNotice> Notices)
{
    /// <summary>False when the query holds a command or function only AWS understands.</summary>
    public bool RunsLocally => Notices.Count == 0;

    public static LogsQuery Parse(string text) => LogsQueryParser.Parse(text);
}
