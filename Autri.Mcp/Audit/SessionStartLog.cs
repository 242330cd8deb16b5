namespace Autri.Mcp.Audit;

/// <summary>
/// One <c>mcp_session_started</c> line per accepted <c>initialize</c> request: a client starting an MCP session.
/// The server is stateless and issues no session id, so the handshake is the only moment a session can be seen;
/// the dashboard's "MCP sessions" count reads these lines.
/// </summary>
public static class SessionStartLog
{
    private static readonly EventId SessionStarted = new(12, "mcp_session_started");

    public static void Write(ILogger log, Auth.Caller caller, JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest { Method: RequestMethods.Initialize } request) return;
        var client = request.Params?["clientInfo"];
        log.LogInformation(SessionStarted, "MCP session started by connector {connector_id} with {client_name} {client_version} (protocol {protocol_version})",
            caller.ConnectorId.ToString(), Text(client?["name"]), Text(client?["version"]), Text(request.Params?["protocolVersion"]));
    }

    // Client-supplied text: kept short so a hostile client cannot flood a log line.
    private static string Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? (s.Length > 100 ? s[..100] : s) : "";
}
