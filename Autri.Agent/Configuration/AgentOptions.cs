using System.ComponentModel.DataAnnotations;

namespace Autri.Agent.Configuration;

/// <summary>How the agent learns an MCP server's health: its own probes, or (behind AgentCore) the endpoint's answer.</summary>
public enum McpProbe
{
    /// <summary>GET /readyz and /version on <see cref="AgentOptions.McpUrl"/> (local, one server).</summary>
    Readyz,

    /// <summary>
    /// POST /mcp without credentials and expect 401 with a Bearer challenge (AgentCore exposes only /mcp); the version
    /// is then <see cref="AgentOptions.McpVersion"/>, the image tag the deployment runs.
    /// </summary>
    Endpoint,
}

/// <summary>Section "Agent": the coordination agent (documented in docs/operators/customer-managed.md).</summary>
public sealed class AgentOptions : IValidatableObject
{
    public const string Section = "Agent";

    /// <summary>"Local" (the local stack and tests: plain http allowed, Vendor:PublicKeyFile allowed) or "Aws".</summary>
    [Required, AllowedValues("Local", "Aws")] public string Mode { get; set; } = "";

    /// <summary>The vendor's coordination service, e.g. https://coordination.autri.example.</summary>
    [Required, Url] public string CoordinationUrl { get; set; } = "";

    /// <summary>The licence (a JWS signed by the vendor) naming this deployment.</summary>
    [Required] public string Licence { get; set; } = "";

    /// <summary>The deployment credential issued with the licence (autri_dc_…).</summary>
    [Required] public string DeploymentCredential { get; set; } = "";

    [Required, AllowedValues(ReleaseChannel.Stable, ReleaseChannel.Beta)] public string Channel { get; set; } = ReleaseChannel.Stable;

    /// <summary>The deployment's environment name (infra-cdk's env), put into the upgrade command admins are shown.</summary>
    [Required] public string Environment { get; set; } = "";

    /// <summary>The portal's base URL: its /readyz, /version and agent API.</summary>
    [Required, Url] public string PortalUrl { get; set; } = "";

    /// <summary>The token of the portal's agent API (the portal's AgentApi:Token).</summary>
    [Required, MinLength(32)] public string PortalToken { get; set; } = "";

    /// <summary>The MCP server's base URL (without /mcp).</summary>
    [Required, Url] public string McpUrl { get; set; } = "";

    public McpProbe McpProbe { get; set; } = McpProbe.Readyz;

    /// <summary>With <see cref="McpProbe.Endpoint"/>: the version the deployment runs (its image tag).</summary>
    public string? McpVersion { get; set; }

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failed heartbeat; it doubles (with jitter) up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between tries while the service is unreachable (default: the heartbeat interval).</summary>
    public TimeSpan? BackoffMax { get; set; }

    public TimeSpan ManifestInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>False: heartbeats carry no counts (users, connectors, tool calls) at all.</summary>
    public bool SendCounts { get; set; } = true;

    /// <summary>Local mode: where agent.jsonl is appended.</summary>
    public string? LocalLogsDirectory { get; set; }

    public bool IsLocal => Mode == "Local";

    public TimeSpan EffectiveBackoffMax => BackoffMax ?? HeartbeatInterval;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!ManifestRule.IsEnvironmentName(Environment))
            yield return new ValidationResult("Environment must be an environment name (lower-case letters, digits, dashes)", [nameof(Environment)]);
        if (!Autri.Domain.Coordination.DeploymentCredentialFormat.IsOne(DeploymentCredential))
            yield return new ValidationResult("DeploymentCredential must be the autri_dc_… credential issued with the licence", [nameof(DeploymentCredential)]);
        if (!IsLocal)
        {
            foreach (var (name, url) in new[] { (nameof(CoordinationUrl), CoordinationUrl), (nameof(PortalUrl), PortalUrl), (nameof(McpUrl), McpUrl) })
                if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                    yield return new ValidationResult($"{name} must be https outside Local mode", [name]);
            if (LocalLogsDirectory is not null) yield return new ValidationResult("LocalLogsDirectory is for Local mode", [nameof(LocalLogsDirectory)]);
        }
        if (HeartbeatInterval < TimeSpan.FromSeconds(1) || HeartbeatInterval > TimeSpan.FromHours(1))
            yield return new ValidationResult("HeartbeatInterval must be between 1 second and 1 hour", [nameof(HeartbeatInterval)]);
        if (BackoffInitial <= TimeSpan.Zero || EffectiveBackoffMax < BackoffInitial)
            yield return new ValidationResult("BackoffInitial must be positive and at most BackoffMax", [nameof(BackoffInitial), nameof(BackoffMax)]);
        if (ManifestInterval < HeartbeatInterval)
            yield return new ValidationResult("ManifestInterval must be at least HeartbeatInterval", [nameof(ManifestInterval)]);
        if (McpProbe == McpProbe.Endpoint && string.IsNullOrWhiteSpace(McpVersion))
            yield return new ValidationResult("McpVersion is required with McpProbe=Endpoint (AgentCore exposes no /version)", [nameof(McpVersion)]);
    }
}
