using System.Diagnostics;

namespace Autri.Mcp.Tools;

/// <summary>
/// The MCP surface: the advertised tools (built once) and, per request, server options whose handlers act for
/// that request's caller. Every tools/call is audited (<see cref="ToolCallAuditor"/>); bad input and missing
/// documents come back as tool errors (<c>isError: true</c>) with a clear message, and unexpected failures as a
/// generic tool error while the exception goes to the log, never as an HTTP 500.
/// </summary>
public sealed class ToolCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly EventId ToolFailed = new(12, "mcp_tool_failed");

    private readonly Dictionary<string, ToolDefinition> _tools;
    private readonly List<Tool> _advertised;
    private readonly ToolCallAuditor _audit;
    private readonly ILogger<ToolCatalog> _log;
    private readonly Implementation _serverInfo = new() { Name = "autri-documents", Title = "Autri documents", Version = "1.0.0" };

    public ToolCatalog(DocumentTools documents, ToolCallAuditor audit, ILoggerFactory loggers)
    {
        _tools = documents.All().ToDictionary(t => t.Name, StringComparer.Ordinal);
        _advertised = _tools.Values.Select(Advertise).ToList();
        _audit = audit;
        _log = loggers.CreateLogger<ToolCatalog>();
    }

    public IReadOnlyList<Tool> Advertised => _advertised;

    public McpServerOptions OptionsFor(Caller caller) => new()
    {
        ServerInfo = _serverInfo,
        ServerInstructions = "Search and read the documents of the Autri library this connector grants. " +
            "Start with search_documents; read a result in full with get_document.",
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability { ListChanged = false } },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = _advertised }),
            CallToolHandler = (request, ct) => CallAsync(caller, request.Params, ct),
        },
    };

    public async ValueTask<CallToolResult> CallAsync(Caller caller, CallToolRequestParams? request, CancellationToken ct)
    {
        var name = request?.Name ?? "";
        if (!_tools.TryGetValue(name, out var tool))
        {
            _audit.Record(new ToolCallRecord(caller.ConnectorId, "unknown", false, 0, null, "unknown_tool"));
            throw new McpProtocolException($"Unknown tool '{(name.Length <= 64 ? name : name[..64] + "…")}'. Tools: {string.Join(", ", _tools.Keys)}.",
                McpErrorCode.InvalidParams);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await tool.RunAsync(caller, ToolArguments.Check(tool.Parameters, request!.Arguments), ct);
            Audit(caller, tool, started, outcome.ResultCount, null);
            var payload = JsonSerializer.SerializeToElement(outcome.Payload, Json);
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = payload.GetRawText() }],
                StructuredContent = payload,
            };
        }
        catch (ToolInputException ex)
        {
            Audit(caller, tool, started, null, ex.Message == DocumentTools.NotFound ? "not_found" : "invalid_arguments");
            return Error(ex.Message);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _log.LogError(ToolFailed, ex, "Tool {tool} failed for connector {connector_id}", tool.Name, caller.ConnectorId.ToString());
            Audit(caller, tool, started, null, "internal");
            return Error("The document service could not answer just now; try again shortly.");
        }
    }

    private void Audit(Caller caller, ToolDefinition tool, long started, int? resultCount, string? reason)
    {
        var ms = (int)Math.Ceiling(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _audit.Record(new ToolCallRecord(caller.ConnectorId, tool.Name, reason is null, ms, resultCount, reason));
    }

    private static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static Tool Advertise(ToolDefinition t) => new()
    {
        Name = t.Name,
        Title = t.Title,
        Description = t.Description,
        InputSchema = JsonSerializer.SerializeToElement(ToolParameter.ObjectSchema(t.Parameters)),
        Annotations = new ToolAnnotations { Title = t.Title, ReadOnlyHint = true, DestructiveHint = false, IdempotentHint = true, OpenWorldHint = false },
    };
}
