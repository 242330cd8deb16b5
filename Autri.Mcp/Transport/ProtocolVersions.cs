namespace Autri.Mcp.Transport;

/// <summary>
/// The MCP-Protocol-Version values this server accepts: the initialize-handshake revisions ModelContextProtocol.Core
/// 2.3.1 implements (its McpProtocolVersions list is internal, so it is repeated here). The SDK also knows the
/// 2026-07-28 draft (per-request metadata, different HTTP status mapping), which this host does not implement yet.
/// </summary>
public static class ProtocolVersions
{
    public const string Header = "MCP-Protocol-Version";

    public static readonly string[] Supported = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>Absent is fine (the spec says assume 2025-03-26); present must be one we speak.</summary>
    public static bool IsAcceptable(string? header) => string.IsNullOrEmpty(header) || Supported.Contains(header, StringComparer.Ordinal);
}
