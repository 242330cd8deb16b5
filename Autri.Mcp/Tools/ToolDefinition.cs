namespace Autri.Mcp.Tools;

/// <summary>What a tool returns: the payload (sent as JSON text and as structured content) and how many results it holds.</summary>
public sealed record ToolOutcome(object Payload, int ResultCount);

/// <summary>A tool: its advertised name, description and parameters, and what it does for a caller.</summary>
public sealed record ToolDefinition(
    string Name,
    string Title,
    string Description,
    IReadOnlyList<ToolParameter> Parameters,
    Func<Caller, ToolArguments, CancellationToken, Task<ToolOutcome>> RunAsync);
