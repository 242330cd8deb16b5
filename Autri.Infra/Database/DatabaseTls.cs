namespace Autri.Infra.Database;

/// <summary>
/// How every deployable (portal, MCP server, triggers) checks the database's certificate in AWS: RDS runs with
/// <c>rds.force_ssl=1</c>, and the apps connect with <c>VerifyFull</c> against the Amazon RDS certificate authorities
/// shipped next to them (<c>rds-ca-bundle.pem</c>, refreshed by scripts/update-rds-ca.sh), so nobody in the network
/// path can pose as the database. Encryption alone (<c>Require</c>) would accept any certificate.
/// </summary>
public static class DatabaseTls
{
    public const SslMode DefaultMode = SslMode.VerifyFull;

    public const string RdsCaBundleFile = "rds-ca-bundle.pem";

    public static string ShippedRdsCaBundle => Path.Combine(AppContext.BaseDirectory, RdsCaBundleFile);

    /// <summary>The CA file a connection in <paramref name="mode"/> verifies against: the configured one, else (when the mode verifies) the shipped RDS bundle.</summary>
    public static string? RootCertificateFor(SslMode mode, string? configured = null) =>
        mode is SslMode.VerifyFull or SslMode.VerifyCA ? configured ?? ShippedRdsCaBundle : configured;
}
