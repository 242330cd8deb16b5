namespace Autri.Testing;

/// <summary>
/// One Postgres cluster per test assembly (an xunit assembly fixture is not in xunit 2, so a lazy static),
/// stopped when the test process exits.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<PostgresCluster>> Cluster = new(StartAsync);

    public static Task<PostgresCluster> ClusterAsync() => Cluster.Value;

    /// <summary>A fresh, empty database of its own for the caller.</summary>
    public static async Task<string> NewAsync(string? prefix = null) =>
        await (await ClusterAsync()).CreateDatabaseAsync(prefix);

    private static async Task<PostgresCluster> StartAsync()
    {
        var cluster = await PostgresCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }
}
