namespace Autri.Portal.Configuration;

/// <summary>
/// What the portal needs in Aws mode beyond what its options already insist on everywhere: values that have
/// a local default (or none is needed locally) but that a deployment must state. The deployment's side of this
/// is deploy/contract/portal.json; a test proves the two agree.
/// </summary>
public static class AwsModeRequirements
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "Portal:ParameterPrefix",
        "Portal:AllowlistParameter",
        "Identity:LogoutStyle",
        "Connectors:Registry",
        "Connectors:Scope",
        "Connectors:ApiKeysEnabled",
        "Aws:Region",
        "Aws:AccountId",
        "DataProtection:EncryptionKeys",
        "Logs:Groups:portal",
        "Logs:Groups:mcp",
        "Logs:Groups:triggers",
    ];

    /// <summary>Throws one exception naming every missing or wrong key; does nothing outside Aws mode.</summary>
    public static void Check(IConfiguration configuration, PortalOptions portal, DatabaseOptions database)
    {
        if (portal.IsLocal) return;
        var problems = new List<string>();
        var missing = Keys.Where(k => string.IsNullOrWhiteSpace(configuration[k])).ToList();
        if (missing.Count > 0) problems.Add("Configuration missing value for: " + string.Join(", ", missing));
        // ECS injects the password; only the MCP server (on AgentCore, which cannot) reads it from Secrets Manager.
        if (database.UsesParts && string.IsNullOrWhiteSpace(database.Password))
            problems.Add("Configuration missing value for: Database:Password");
        // The owner login belongs to the migrate step alone; a portal holding it would hold every table.
        if (!string.IsNullOrWhiteSpace(database.OwnerConnectionString))
            problems.Add("Configuration value Database:OwnerConnectionString is for Local mode only: in Aws mode the migrate step applies migrations");
        if (configuration["Connectors:Registry"] is { Length: > 0 } registry && registry != "Cognito")
            problems.Add($"Configuration value Connectors:Registry must be Cognito in Aws mode (was \"{registry}\"): connectors are Cognito app clients there");
        if (configuration["Portal:AllowlistParameter"] is { Length: > 0 } allowlist && !allowlist.StartsWith('/'))
            problems.Add($"Configuration value Portal:AllowlistParameter must be the parameter's full name in Aws mode, e.g. /autri/beta/ALLOWED_EMAILS (was \"{allowlist}\")");
        if (problems.Count > 0) throw new InvalidOperationException("Aws mode: " + string.Join("; ", problems));
    }
}
