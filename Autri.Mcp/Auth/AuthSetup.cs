namespace Autri.Mcp.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Who may call: JWT access tokens from the configured issuers (<c>Mcp:PortalIssuer</c>, <c>Mcp:ClientCredentialsIssuer</c>),
    /// each with its rules and its discovery and JWKS fetched and refreshed; the connector each names (cached for at most
    /// <c>Mcp:RevocationCacheSeconds</c>); and API keys where the deployment allows them.
    /// </summary>
    public static void AddCallerAuthentication(this WebApplicationBuilder builder, McpOptions mcp)
    {
        var services = builder.Services;
        var resource = new ResourceDescription(mcp);
        services.AddSingleton(resource);
        services.AddSingleton<IReadOnlyDictionary<string, TrustedIssuer>>(sp => TrustedIssuers(mcp, resource, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton(sp => new ConnectorDirectory(sp.GetRequiredService<NpgsqlDataSource>(),
            TimeSpan.FromSeconds(mcp.RevocationCacheSeconds), sp.GetRequiredService<TimeProvider>()));
        // Without API keys the authenticator gets no verifier and refuses autri_sk_ credentials with a clear reason.
        // With them, every key is held in memory so a key this instance has not seen yet costs no query.
        if (mcp.ApiKeysEnabled) services.AddApiKeys(builder.Configuration).AddApiKeyReplica();
        services.AddSingleton<CallerAuthenticator>();
        builder.AddValidatedOptions<McpRateLimitOptions>(McpRateLimitOptions.Section);
        services.AddSingleton<FailedAuthLimiter>();
    }

    /// <summary>The issuers tokens may come from, by their exact iss: one rule set per kind.</summary>
    private static Dictionary<string, TrustedIssuer> TrustedIssuers(McpOptions mcp, ResourceDescription resource, TimeProvider clock)
    {
        var rules = new List<ITokenRules>();
        if (mcp.PortalIssuer is { } portal) rules.Add(new PortalTokenRules(portal, resource.Endpoint));
        if (mcp.ClientCredentialsIssuer is { } issuer) rules.Add(new ClientCredentialsTokenRules(issuer, mcp.ClientCredentialsScope!, resource));
        return rules.ToDictionary(r => r.Issuer, r => new TrustedIssuer(r, new IssuerKeys(r.Issuer, clock)), StringComparer.Ordinal);
    }
}
