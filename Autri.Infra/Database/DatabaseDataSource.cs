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
}
