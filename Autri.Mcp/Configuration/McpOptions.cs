using System.ComponentModel.DataAnnotations;

namespace Autri.Mcp.Configuration;

/// <summary>Section "Mcp": the MCP server's deployment (documented in Autri.Mcp/README.md).</summary>
public sealed class McpOptions : IValidatableObject
{
    public const string Section = "Mcp";
    public const int MaxRevocationCacheSeconds = 30;

    /// <summary>"Local" (dev IdP, JSON-lines log file, demo corpus allowed) or "Aws".</summary>
    [Required, AllowedValues("Local", "Aws")] public string Mode { get; set; } = "Aws";

    /// <summary>Issuer of the access tokens (Cognito user pool URL in production; the dev IdP locally).</summary>
    [Required, Url] public string Issuer { get; set; } = "";

    /// <summary>
    /// The scope a token must carry: mcp.invoke locally, https://mcp.&lt;domain&gt;/mcp.invoke with Cognito. No default:
    /// the local scope would refuse every Cognito token, so a deployment must say which.
    /// </summary>
    [Required] public string RequiredScope { get; set; } = "";

    /// <summary>
    /// The server's public base URL without a path (https://mcp.example.com): the RFC 9728 resource, the base of the
    /// metadata URL in WWW-Authenticate, and an accepted token audience (as is the same URL with /mcp).
    /// </summary>
    [Required, Url] public string ResourceUrl { get; set; } = "";

    /// <summary>Authorization servers named in the metadata; defaults to <see cref="Issuer"/>.</summary>
    public string[] AuthorizationServers { get; set; } = [];

    /// <summary>Browser origins allowed to call /mcp. A request with any other Origin gets 403.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Accept autri_sk_ API keys (needs the ApiKeys section). Off behind AgentCore's JWT authorizer.</summary>
    public bool ApiKeysEnabled { get; set; }

    /// <summary>How long a connector's revocation state is cached; a revoked connector is refused within this.</summary>
    [Range(0, MaxRevocationCacheSeconds)] public int RevocationCacheSeconds { get; set; } = 30;

    /// <summary>Local mode: folder of the JSON-lines logs the portal's Logs page reads (mcp.jsonl goes there).</summary>
    public string? LocalLogsDirectory { get; set; }

    /// <summary>Local mode: seed the demo corpus into empty "Personal" KBs at start and every minute.</summary>
    public bool SeedDemoCorpus { get; set; }

    /// <summary>Largest get_document part in characters.</summary>
    [Range(1000, 1_000_000)] public int MaxDocumentChars { get; set; } = 20_000;

    /// <summary>
    /// "InProcess": each instance searches a Lucene.NET index of the KBs searched there, kept current from Postgres
    /// (see Autri.Infra/Documents/Search). "Postgres": every search is Postgres full-text search (slower at scale; for
    /// comparison, and a way out should the in-process index misbehave).
    /// </summary>
    [Required, AllowedValues("InProcess", "Postgres")] public string SearchIndex { get; set; } = "InProcess";

    /// <summary>
    /// Benchmarks only, Local mode only: a request WITHOUT an Authorization header acts as this connector, so the
    /// bench can measure the same calls with and without authentication in one process. Never set it elsewhere.
    /// </summary>
    public Guid? BenchmarkAnonymousConnectorId { get; set; }

    public bool IsLocal => Mode == "Local";

    public IReadOnlyList<string> EffectiveAuthorizationServers => AuthorizationServers.Length > 0 ? AuthorizationServers : [Issuer];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Uri.TryCreate(ResourceUrl, UriKind.Absolute, out var resource) && resource.AbsolutePath != "/")
            yield return new ValidationResult("ResourceUrl must be the server's base URL without a path (the endpoint is <ResourceUrl>/mcp)", [nameof(ResourceUrl)]);
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.AbsolutePath != "/" || origin.EndsWith('/'))
                yield return new ValidationResult($"AllowedOrigins entry '{origin}' must be an origin like https://app.example.com", [nameof(AllowedOrigins)]);
        }
        if (BenchmarkAnonymousConnectorId is not null && !IsLocal)
            yield return new ValidationResult("BenchmarkAnonymousConnectorId is allowed only with Mode=Local", [nameof(BenchmarkAnonymousConnectorId)]);
        if (SeedDemoCorpus && !IsLocal)
            yield return new ValidationResult("SeedDemoCorpus is allowed only with Mode=Local", [nameof(SeedDemoCorpus)]);
    }
}
