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

    /// <summary>The first revision whose clients expect an SSE priming event (an id and retry, no data) on POST streams.</summary>
    public const string PrimingEvents = "2025-11-25";

    /// <summary>Absent is fine (the spec says assume 2025-03-26); present must be one we speak.</summary>
    public static bool IsAcceptable(string? header) => string.IsNullOrEmpty(header) || Supported.Contains(header, StringComparer.Ordinal);

    /// <summary>
    /// Whether a client speaking <paramref name="version"/> expects the priming event: 2025-11-25 and later. Older clients
    /// may fail on an event without data (ModelContextProtocol.Core makes the same distinction), so they get none.
    /// </summary>
    public static bool ExpectsPrimingEvent(string? version) =>
        version is not null && Supported.Contains(version, StringComparer.Ordinal) && string.CompareOrdinal(version, PrimingEvents) >= 0;
}
