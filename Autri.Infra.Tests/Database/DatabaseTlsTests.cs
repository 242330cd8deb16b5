using System.Security.Cryptography.X509Certificates;

namespace Autri.Infra.Tests.Database;

/// <summary>
/// In AWS the apps get the database as parts, and then verify the server's certificate (VerifyFull against the shipped
/// Amazon RDS CAs). Proved against a real Postgres serving TLS with a self-signed certificate: encryption alone
/// (Require) connects, VerifyFull with the RDS CAs refuses it, and VerifyFull with its own CA connects.
/// </summary>
public sealed class DatabaseTlsTests : IAsyncLifetime
{
    private PostgresCluster _cluster = default!;
    private string _selfSignedCa = "";

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await _cluster.EnableTlsAsync(cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        _selfSignedCa = Path.Combine(Path.GetTempPath(), "autri-selfsigned-" + Guid.NewGuid().ToString("N")[..8] + ".pem");
        await File.WriteAllTextAsync(_selfSignedCa, cert.ExportCertificatePem());
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        File.Delete(_selfSignedCa);
    }

    private DatabaseOptions Parts(Npgsql.SslMode? mode = null, string? rootCertificate = null) => new()
    {
        Host = "127.0.0.1",
        Port = _cluster.Port,
        Name = "postgres",
        Username = "postgres",
        Password = "unused",
        SslMode = mode,
        RootCertificate = rootCertificate,
    };

    private static async Task<bool> ConnectsEncryptedAsync(DatabaseOptions options)
    {
        await using var conn = new NpgsqlConnection(options.ToConnectionString() + ";Pooling=false;Timeout=5");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public void Parts_build_a_VerifyFull_connection_string_against_the_shipped_RDS_bundle()
    {
        var built = new NpgsqlConnectionStringBuilder(Parts().ToConnectionString());

        Assert.Equal(Npgsql.SslMode.VerifyFull, built.SslMode);
        Assert.Equal(DatabaseTls.ShippedRdsCaBundle, built.RootCertificate);
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(built.RootCertificate!);
        Assert.True(bundle.Count > 100, $"{bundle.Count} certificates in the bundle");
        Assert.All(bundle, c => Assert.Contains("Amazon RDS", c.Subject));
    }

    [Fact]
    public async Task A_server_whose_certificate_no_RDS_CA_signed_is_refused_under_VerifyFull()
    {
        var refused = await Record.ExceptionAsync(() => ConnectsEncryptedAsync(Parts()));

        Assert.NotNull(refused);
        Assert.Contains("certificate", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_server_connects_encrypted_with_Require_and_verified_with_its_own_CA()
    {
        Assert.True(await ConnectsEncryptedAsync(Parts(Npgsql.SslMode.Require)));
        Assert.True(await ConnectsEncryptedAsync(Parts(rootCertificate: _selfSignedCa)));
    }

    [Fact]
    public void A_root_certificate_that_does_not_exist_stops_the_start_with_its_name()
    {
        var problems = Parts(rootCertificate: "/nowhere/ca.pem").Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object()));

        Assert.Contains(problems, p => p.ErrorMessage!.Contains("Database:RootCertificate") && p.ErrorMessage.Contains("/nowhere/ca.pem"));
    }
}
