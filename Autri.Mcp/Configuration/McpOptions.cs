using System.ComponentModel.DataAnnotations;

namespace Autri.Mcp.Configuration;

/// <summary>Section "Mcp": the MCP server's deployment (documented in Autri.Mcp/README.md).</summary>
public sealed class McpOptions : IValidatableObject
{
    public const string Section = "Mcp";
    public const int MaxRevocationCacheSeconds = 30;

    /// <summary>"Local" (dev IdP, JSON-lines log file, demo corpus allowed) or "Aws".</summary>
    [Required, AllowedValues("Local", "Aws")] public string Mode { get; set; } = "Aws";

    /// <summary>
    /// The portal's authorization server (its public URL, exactly its issuer): MCP clients connect by URL, sign in there
    /// and consent. Its access tokens are RS256 JWTs of type at+jwt whose aud is exactly this server's endpoint, with
    /// scope mcp.invoke and the connector_id of an app-access connector of their client_id (Autri.Portal/Features/OAuth/README.md).
    /// </summary>
    [Url] public string? PortalIssuer { get; set; }

    /// <summary>
    /// An issuer of client-credentials tokens for OAuth-client connectors: the Cognito user pool URL, or the dev IdP.
    /// Its tokens carry <see cref="ClientCredentialsScope"/>, an aud (when present) naming this server, and name their
    /// connector by connector_id or client_id.
    /// </summary>
    [Url] public string? ClientCredentialsIssuer { get; set; }

    /// <summary>
    /// The scope client-credentials tokens must carry: mcp.invoke with the dev IdP, https://mcp.&lt;domain&gt;/mcp.invoke
    /// with Cognito. No default: the local name would refuse every Cognito token, so a deployment must say which.
    /// </summary>
    public string? ClientCredentialsScope { get; set; }

    /// <summary>
    /// The server's public base URL without a path (https://mcp.example.com). The endpoint clients dial is this plus
    /// /mcp: the RFC 9728 resource of the path-specific metadata the 401 challenge names, and the exact aud of
    /// portal tokens.
    /// </summary>
    [Required, Url] public string ResourceUrl { get; set; } = "";

    /// <summary>Authorization servers named in the metadata; defaults to the portal issuer, else the client-credentials issuer.</summary>
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

    public IReadOnlyList<string> EffectiveAuthorizationServers =>
        AuthorizationServers.Length > 0 ? AuthorizationServers : [(PortalIssuer ?? ClientCredentialsIssuer)!];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Uri.TryCreate(ResourceUrl, UriKind.Absolute, out var resource) && resource.AbsolutePath != "/")
            yield return new ValidationResult("ResourceUrl must be the server's base URL without a path (the endpoint is <ResourceUrl>/mcp)", [nameof(ResourceUrl)]);
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.AbsolutePath != "/" || origin.EndsWith('/'))
                yield return new ValidationResult($"AllowedOrigins entry '{origin}' must be an origin like https://app.example.com", [nameof(AllowedOrigins)]);
        }
        if (string.IsNullOrWhiteSpace(PortalIssuer) && string.IsNullOrWhiteSpace(ClientCredentialsIssuer))
            yield return new ValidationResult("Set PortalIssuer (the portal's authorization server) or ClientCredentialsIssuer (Cognito or the dev IdP), or both",
                [nameof(PortalIssuer), nameof(ClientCredentialsIssuer)]);
        if (!string.IsNullOrWhiteSpace(ClientCredentialsIssuer) && string.IsNullOrWhiteSpace(ClientCredentialsScope))
            yield return new ValidationResult("ClientCredentialsScope is required with ClientCredentialsIssuer (the scope its tokens carry)", [nameof(ClientCredentialsScope)]);
        if (!string.IsNullOrWhiteSpace(PortalIssuer) && string.Equals(PortalIssuer, ClientCredentialsIssuer, StringComparison.Ordinal))
            yield return new ValidationResult("PortalIssuer and ClientCredentialsIssuer must differ: each issuer's tokens follow one set of rules", [nameof(ClientCredentialsIssuer)]);
        if (!string.IsNullOrWhiteSpace(PortalIssuer) && PortalIssuer.EndsWith('/'))
            yield return new ValidationResult("PortalIssuer must be the portal's issuer exactly, without a trailing slash", [nameof(PortalIssuer)]);
        if (BenchmarkAnonymousConnectorId is not null && !IsLocal)
            yield return new ValidationResult("BenchmarkAnonymousConnectorId is allowed only with Mode=Local", [nameof(BenchmarkAnonymousConnectorId)]);
        if (SeedDemoCorpus && !IsLocal)
            yield return new ValidationResult("SeedDemoCorpus is allowed only with Mode=Local", [nameof(SeedDemoCorpus)]);
    }
}
