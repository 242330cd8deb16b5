namespace Autri.Testing;

/// <summary>Logins to a test database as an app's own Postgres role (Autri.Infra's AppRoles), as a deployment connects.</summary>
public static class DatabaseLogins
{
    /// <summary>
    /// The database of <paramref name="ownerConnectionString"/> logged in as <paramref name="role"/>. The test clusters
    /// trust 127.0.0.1, so no password; the role exists once migrations have run on any database of the cluster.
    /// </summary>
    public static string As(string ownerConnectionString, string role) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = role, Password = null }.ConnectionString;
}
