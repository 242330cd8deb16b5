namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// Something the parser passed through without understanding it (a newer command or function). AWS may accept
/// it; the local engine will not run the query.
/// </summary>
public sealed record QueryNotice(SourcePosition Position, string Message);
