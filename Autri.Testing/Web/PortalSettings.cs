namespace Autri.Testing.Web;

/// <summary>What every test portal is configured with: Local mode against a test database and dev IdP (used by every test project that starts one).</summary>
public static class PortalSettings
{
    /// <summary>Shared by every portal of a test run, as peppers are in a deployment.</summary>
    public static readonly string TestPepper = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The key ring's key-encryption key, shared by every portal of a test run as in a deployment.</summary>
    public static readonly string TestKeyRingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The portal connects with <paramref name="connectionString"/> (Portal.Tests narrows it to the portal's own role).</summary>
    public static Dictionary<string, string?> Local(int port, string connectionString, string issuer, string logsDirectory) => new()
    {
        ["Portal:Mode"] = "Local",
        ["Portal:PublicUrl"] = $"http://127.0.0.1:{port}",
        ["Portal:ContactEmail"] = "beta-invites@autri.test",
        ["Portal:McpEndpoint"] = "http://127.0.0.1:8000/mcp",
        ["Portal:LocalLogsDirectory"] = logsDirectory,
        ["Portal:AllowlistCacheSeconds"] = "30",
        ["Portal:TrustForwardedHeaders"] = "false",
        ["Database:ConnectionString"] = connectionString,
        ["Identity:Authority"] = issuer,
        ["Identity:ClientId"] = DevIdentityProvider.PortalClientId,
        ["Identity:ClientSecret"] = DevIdentityProvider.PortalClientSecret,
        ["Identity:LogoutStyle"] = "EndSession",
        ["Connectors:RegistrationToken"] = DevIdentityProvider.RegistrationToken,
        ["Connectors:ApiKeysEnabled"] = "true",
        ["ApiKeys:CurrentPepperVersion"] = "1",
        ["ApiKeys:Peppers:1"] = TestPepper,
        // Every test registers its clients from 127.0.0.1; the limit itself is tested on an instance of its own.
        ["OAuth:RegistrationPermitLimit"] = "10000",
        ["DataProtection:EncryptionKeys"] = TestKeyRingKey,
        // Every test signs in from 127.0.0.1, many times a minute; RateLimitTests sets low limits of its own.
        ["RateLimits:SignInPerAddress"] = "100000",
        ["RateLimits:TokenMintPerAddress"] = "100000",
        ["RateLimits:TokenMintPerUser"] = "100000",
        ["RateLimits:ConnectorChangesPerAddress"] = "100000",
        ["RateLimits:ConnectorChangesPerUser"] = "100000",
        ["RateLimits:OAuthTokenPerAddress"] = "100000",
    };
}
