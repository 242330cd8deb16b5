namespace Autri.Infra.Database;

public static class DatabaseDataSource
{
    /// <summary>How often a password read from Secrets Manager is read again: a rotated one is picked up within this.</summary>
    public static readonly TimeSpan SecretRefresh = TimeSpan.FromMinutes(10);

    /// <summary>After a failed read, the next try comes this soon (connections wait for the first good read).</summary>
    public static readonly TimeSpan SecretRetry = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The app's data source. With <see cref="DatabaseOptions.PasswordSecretArn"/> (and no Password) Npgsql's periodic
    /// password provider reads the secret's <c>password</c> at once and then every <see cref="SecretRefresh"/>, so the
    /// process never has the password in its environment and follows a rotation without a restart.
    /// </summary>
    public static NpgsqlDataSource Create(DatabaseOptions options, string applicationName, Func<SecretsManager> secrets)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ToConnectionString()) { Name = applicationName };
        KeepSessionsWarm(builder.ConnectionStringBuilder);
        if (options.UsesParts && string.IsNullOrWhiteSpace(options.Password) && options.PasswordSecretArn is { Length: > 0 } arn)
        {
            builder.UsePeriodicPasswordProvider(async (_, ct) =>
            {
                var secret = await secrets().GetSecretValueAsync(new GetSecretValueRequest { SecretId = arn }, ct);
                return DatabaseCredentials.FromSecretString(secret.SecretString, arn).Password;
            }, SecretRefresh, SecretRetry);
        }
        return builder.Build();
    }

    /// <summary>
    /// Statements a connection runs often are prepared on it and stay prepared while it is pooled (Max Auto Prepare),
    /// and a connection given back to the pool is not reset (No Reset On Close): the portal's pages run a few short
    /// queries each, and planning them again plus the reset statements on every return cost Postgres more than the
    /// queries themselves (bench/portal: 810 µs of Postgres CPU per connectors page before, 241 µs after). Safe
    /// because no request path leaves session state behind: advisory locks are transaction-scoped or unlocked in a
    /// finally, and the SET of the API-key lookup's lanes is reset before they give their connection back. A
    /// connection string that sets either keeps its own value.
    /// </summary>
    public static void KeepSessionsWarm(NpgsqlConnectionStringBuilder connection)
    {
        if (!IsSet(connection, "Max Auto Prepare") && !connection.Multiplexing) connection.MaxAutoPrepare = MaxAutoPrepare;
        if (!IsSet(connection, "No Reset On Close")) connection.NoResetOnClose = true;
    }

    public const int MaxAutoPrepare = 64;

    // Npgsql's builder answers ContainsKey for every keyword it knows; the string it was given says what was set.
    private static bool IsSet(NpgsqlConnectionStringBuilder connection, string keyword)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
        return given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", ""));
    }
}
