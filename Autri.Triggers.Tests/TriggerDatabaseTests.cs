namespace Autri.Triggers.Tests;

public class TriggerDatabaseTests
{
    private static TriggerSettings From(params (string Key, string Value)[] values) =>
        TriggerSettings.FromEnvironment(key => values.FirstOrDefault(v => v.Key == key).Value);

    [Fact]
    public void The_connection_string_takes_place_from_the_environment_and_the_login_from_the_secret()
    {
        var settings = From((TriggerSettings.DbHostKey, "autri.abc.eu-west-3.rds.amazonaws.com"), (TriggerSettings.DbPortKey, "5433"), (TriggerSettings.DbNameKey, "autri"));
        var credentials = DatabaseCredentials.FromSecretString("""{"username":"autri_admin","password":"p@ss;word","engine":"postgres","host":"ignored","port":5432}""", "arn");

        var cs = new NpgsqlConnectionStringBuilder(TriggerDatabase.ConnectionString(settings, credentials));

        Assert.Equal(("autri.abc.eu-west-3.rds.amazonaws.com", 5433, "autri", "autri_admin", "p@ss;word", SslMode.VerifyFull),
            (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password, cs.SslMode));
        Assert.DoesNotContain("p@ss", credentials.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hunter2-not-json")]
    [InlineData("""{"username":"autri_admin"}""")]
    [InlineData("""{"username":"autri_admin","password":42}""")]
    public void A_secret_without_a_usable_login_is_refused_without_echoing_it(string? secretString)
    {
        var e = Assert.Throws<DatabaseSecretException>(() => DatabaseCredentials.FromSecretString(secretString, "arn:aws:secretsmanager:eu-west-3:1:secret:x"));

        Assert.Contains("arn:aws:secretsmanager:eu-west-3:1:secret:x", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }
}
