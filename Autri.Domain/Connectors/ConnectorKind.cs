namespace Autri.Domain.Connectors;

/// <summary>How an MCP client proves it holds a connector.</summary>
public enum ConnectorKind
{
    /// <summary>An OAuth client (client_credentials) at the identity provider; the client mints bearer tokens.</summary>
    OAuthClient,
    /// <summary>An <c>autri_sk_</c> key sent as the bearer token itself.</summary>
    ApiKey,
    /// <summary>
    /// Created by consenting to an MCP client at the portal's own authorization server: the client holds
    /// rotating refresh tokens, no secret of ours is shown, revoking the connector ends the grant.
    /// </summary>
    AppAccess,
}

public static class ConnectorKinds
{
    /// <summary>The value stored in <c>connectors.kind</c>.</summary>
    public static string ToDb(this ConnectorKind kind) => kind switch
    {
        ConnectorKind.OAuthClient => "oauth_client",
        ConnectorKind.ApiKey => "api_key",
        ConnectorKind.AppAccess => "app_access",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ConnectorKind FromDb(string value) => value switch
    {
        "oauth_client" => ConnectorKind.OAuthClient,
        "api_key" => ConnectorKind.ApiKey,
        "app_access" => ConnectorKind.AppAccess,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown connector kind"),
    };

    /// <summary>The form value of the credential-kind radio group (app access is made by consent, never by the form).</summary>
    public static bool TryParseForm(string? value, out ConnectorKind kind)
    {
        switch (value)
        {
            case "oauth_client": kind = ConnectorKind.OAuthClient; return true;
            case "api_key": kind = ConnectorKind.ApiKey; return true;
            default: kind = default; return false;
        }
    }

    public static string Label(this ConnectorKind kind) => kind switch
    {
        ConnectorKind.OAuthClient => "OAuth client",
        ConnectorKind.ApiKey => "API key",
        ConnectorKind.AppAccess => "App access",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
