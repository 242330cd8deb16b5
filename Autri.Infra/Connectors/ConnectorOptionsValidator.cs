using Autri.Infra.Hosting;

namespace Autri.Infra.Connectors;

/// <summary>Checks <see cref="ConnectorOptions"/> at start; every message names the key to fix.</summary>
public sealed class ConnectorOptionsValidator() : OptionsCheck<ConnectorOptions>(Check)
{
    public static IReadOnlyList<string> Check(ConnectorOptions o)
    {
        const string s = ConnectorOptions.Section;
        var errors = new List<string>();
        if (o.Registry is not ("Local" or "Cognito")) errors.Add($"Configuration value {s}:Registry must be Local or Cognito (was \"{o.Registry}\")");
        if (!IsAbsoluteHttpUrl(o.Authority)) errors.Add($"Configuration missing value for: {s}:Authority (or Identity:Authority)");
        if (string.IsNullOrWhiteSpace(o.Scope)) errors.Add($"Configuration missing value for: {s}:Scope");
        if (o.MaxPerUser < 1) errors.Add($"Configuration value {s}:MaxPerUser must be at least 1");
        if (o.Registry == "Local")
        {
            // Only OAuth-client connectors register clients at the IdP (one server with any OIDC provider offers none).
            if (o.OAuthClientsEnabled && string.IsNullOrWhiteSpace(o.RegistrationToken)) errors.Add($"Configuration missing value for: {s}:RegistrationToken");
            if (o.RegistrationEndpoint is { Length: > 0 } e && !IsAbsoluteHttpUrl(e)) errors.Add($"Configuration value {s}:RegistrationEndpoint must be an absolute http(s) URL");
        }
        if (o.Registry == "Cognito")
        {
            if (string.IsNullOrWhiteSpace(o.UserPoolId)) errors.Add($"Configuration missing value for: {s}:UserPoolId");
            if (string.IsNullOrWhiteSpace(o.McpClientId)) errors.Add($"Configuration missing value for: {s}:McpClientId (the public MCP client, which the portal must never delete)");
            // Cognito accepts 5 minutes to 1 day for access tokens.
            if (o.AccessTokenMinutes is < 5 or > 1440) errors.Add($"Configuration value {s}:AccessTokenMinutes must be 5..1440");
        }
        return errors;
    }

    private static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
