namespace Autri.Portal.Configuration;

/// <summary>Section "Portal": what the portal needs to know about its own deployment.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The URL people open, e.g. https://app.example.com (http://127.0.0.1:5080 locally).</summary>
    [Required, Url] public string PublicUrl { get; set; } = "";

    /// <summary>Where people not on the allowlist may ask for an invitation.</summary>
    [Required, EmailAddress] public string ContactEmail { get; set; } = "";

    /// <summary>The MCP endpoint connectors reach, shown in setup help.</summary>
    [Required, Url] public string McpEndpoint { get; set; } = "";

    /// <summary>Name of the allowlist parameter: ALLOWED_EMAILS locally; in SSM its full name, e.g. /autri/beta/ALLOWED_EMAILS.</summary>
    [Required] public string AllowlistParameter { get; set; } = "ALLOWED_EMAILS";

    [Range(1, 30)] public int AllowlistCacheSeconds { get; set; } = 30;

    /// <summary>
    /// How often each instance reads the allowlist again to suspend or restore connectors (a save does so at once): an edit
    /// made outside the portal reaches the MCP server within this plus its 30 s cache.
    /// </summary>
    [Range(5, 300)] public int AllowlistMirrorSeconds { get; set; } = 30;

    /// <summary>
    /// How old the current allowlist version must be, without the save row that names it, before that re-read records it
    /// as <c>allowlist.unaudited_version</c> (a portal killed between writing the version and its row, or a console
    /// edit): longer than any save takes, or a save in progress would be recorded as unaudited too.
    /// </summary>
    [Range(5, 3600)] public int AllowlistAuditSettleSeconds { get; set; } = 120;

    /// <summary>
    /// "Local" uses the Postgres parameter store and the JSON-lines log files; "Aws" the AWS services. No default:
    /// a deployment says which it is (Aws mode then insists on more, see <see cref="AwsModeRequirements"/>).
    /// </summary>
    [Required, AllowedValues("Local", "Aws")] public string Mode { get; set; } = "";

    /// <summary>Local mode: folder of the JSON-lines logs (portal.jsonl, mcp.jsonl) the Logs page queries.</summary>
    public string? LocalLogsDirectory { get; set; }

    /// <summary>Local mode: create demo data (the allowlist with the demo accounts) when missing.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Behind a load balancer that terminates TLS, trust X-Forwarded-Proto/For from any sender: only the load
    /// balancer can reach the portal then (in AWS the task's security group admits the ALB's alone).
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>
    /// With <see cref="TrustForwardedHeaders"/>: the proxies' addresses, the only senders trusted (one server: nginx on
    /// 127.0.0.1, deploy/single-host). Empty: any sender, as behind the ALB, whose addresses are not known in advance.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The largest request body the portal reads (Kestrel and form limits, Web/RequestLimits.cs): 1 MiB.</summary>
    [Range(1024, 100L * 1024 * 1024)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public bool IsLocal => Mode == "Local";

    public bool IsHttps => PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
