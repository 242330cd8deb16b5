namespace Autri.Triggers.Tests;

public class TriggerSettingsTests
{
    private static TriggerSettings From(params (string Key, string Value)[] values) =>
        TriggerSettings.FromEnvironment(key => values.FirstOrDefault(v => v.Key == key).Value);

    [Fact]
    public void Every_missing_value_is_named_at_once()
    {
        var settings = From((TriggerSettings.DbHostKey, "db.internal"), (TriggerSettings.DbNameKey, " "));

        var e = Assert.Throws<TriggerConfigurationException>(() => settings.Require(
            TriggerSettings.RegionKey, TriggerSettings.DbSecretArnKey, TriggerSettings.DbHostKey, TriggerSettings.DbPortKey, TriggerSettings.DbNameKey));

        Assert.Equal("Configuration missing value for: AWS_REGION, DB_SECRET_ARN, DB_NAME", e.Message);
    }

    [Fact]
    public void Wrong_values_are_reported_with_the_key_and_the_value()
    {
        var settings = From((TriggerSettings.RegionKey, "eu-west-3"), (TriggerSettings.DbSslModeKey, "Sometimes"),
            (TriggerSettings.DbPortKey, "70000"), (TriggerSettings.EndpointUrlKey, "not a url"));

        var e = Assert.Throws<TriggerConfigurationException>(() => settings.Require(TriggerSettings.RegionKey));

        Assert.Contains("DB_SSL_MODE must be one of", e.Message);
        Assert.Contains("'Sometimes'", e.Message);
        Assert.Contains("DB_PORT must be a TCP port number, not '70000'", e.Message);
        Assert.Contains("AWS_ENDPOINT_URL must be an http(s) URL, not 'not a url'", e.Message);
    }

    [Fact]
    public void Defaults_are_port_5432_TLS_verified_against_the_RDS_CAs_and_the_real_AWS_endpoints()
    {
        var settings = From((TriggerSettings.RegionKey, "eu-west-3"), (TriggerSettings.DbHostKey, "db.example"), (TriggerSettings.DbNameKey, "autri"));
        var connection = new NpgsqlConnectionStringBuilder(TriggerDatabase.ConnectionString(settings, new DatabaseCredentials("autri", "pw")));

        Assert.Equal(5432, settings.DbPortNumber);
        Assert.Equal(SslMode.VerifyFull, connection.SslMode);
        Assert.Equal(DatabaseTls.ShippedRdsCaBundle, connection.RootCertificate);
        Assert.True(File.Exists(connection.RootCertificate), "the RDS CA bundle ships next to the triggers");
        Assert.Empty(settings.Endpoints);
        Assert.Null(settings.ContactEmail);
    }

    [Fact]
    public void A_service_endpoint_variable_wins_over_the_global_one()
    {
        var settings = From((TriggerSettings.EndpointUrlKey, "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:2"));

        Assert.Equal("http://127.0.0.1:1/", settings.Endpoints["ssm"].ToString());
        Assert.Equal("http://127.0.0.1:1/", settings.Endpoints["cognito-idp"].ToString());
        Assert.Equal("http://127.0.0.1:2/", settings.Endpoints["secretsmanager"].ToString());
    }
}
