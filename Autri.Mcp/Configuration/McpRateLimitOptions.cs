using System.ComponentModel.DataAnnotations;

namespace Autri.Mcp.Configuration;

/// <summary>Section "RateLimits" of the MCP server (documented in Autri.Mcp/README.md, "Rate limit on failed authentication").</summary>
public sealed class McpRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Refused credentials one client address may send per window before every request from it gets 429 for the rest of
    /// the window. Generous: hosted assistants call for many people from a few addresses, and expired tokens do not count.
    /// </summary>
    [Range(1, int.MaxValue)] public int FailedAuthPerAddress { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan FailedAuthWindow { get; set; } = TimeSpan.FromMinutes(1);
}
