namespace Autri.Infra.Connectors.McpAccess;

/// <summary>
/// One tool call as audited: never the arguments (query text) or the result (document content).
/// <see cref="Reason"/> says why an error happened (invalid_arguments, not_found, unknown_tool, internal).
/// </summary>
public sealed record ToolCallRecord(Guid ConnectorId, string Tool, bool Ok, int LatencyMs, int? ResultCount, string? Reason)
{
    public string Status => Ok ? "ok" : "error";
}
