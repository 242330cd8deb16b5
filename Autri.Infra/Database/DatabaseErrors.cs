namespace Autri.Infra.Database;

/// <summary>
/// Classifies exceptions from the database driver, so the hosts decide "503, try again" without knowing Npgsql.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>The database cannot be reached or is going away: the request should answer 503 and be retried.</summary>
    public static bool IsOutage(Exception? ex) => ex switch
    {
        null => false,
        // 08: connection exception; 57P: operator intervention (server shutting down, connection terminated).
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException n when n.InnerException is SocketException or TimeoutException or IOException => true,
        SocketException => true,
        _ => IsOutage(ex.InnerException),
    };

    /// <summary>Any failure of the database or the way to it (an outage, a refused login, a failed statement).</summary>
    public static bool IsDatabaseError(Exception? ex) => ex is NpgsqlException or SocketException;
}
