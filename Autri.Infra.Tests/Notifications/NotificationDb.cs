namespace Autri.Infra.Tests.Notifications;

/// <summary>A fresh migrated database per test, and quick ways to add users.</summary>
internal sealed class NotificationDb : IAsyncDisposable
{
    private NotificationDb(string connectionString, NpgsqlDataSource db)
    {
        ConnectionString = connectionString;
        Db = db;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource Db { get; }

    public static async Task<NotificationDb> NewAsync()
    {
        var cs = await TestDatabase.NewAsync("notify");
        var db = NpgsqlDataSource.Create(cs);
        await new Migrator(db).ApplyAsync();
        return new NotificationDb(cs, db);
    }

    public async Task<Guid> AddUserAsync(string email)
    {
        var id = Guid.CreateVersion7();
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO users (id, subject, email) VALUES (@id, @subject, @email)", new { id, subject = "sub-" + id, email });
        return id;
    }

    public async Task AddUsersAsync(int count)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO users (id, subject, email)
            SELECT gen_random_uuid(), 'bulk-' || i, 'bulk-' || i || '@example.test' FROM generate_series(1, @count) AS i
            """, new { count });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}

/// <summary>A LISTEN connection of the test's own, to see exactly what the code under test signals, in order.</summary>
internal sealed class ChannelProbe : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly Queue<string> _received = new();

    private ChannelProbe(NpgsqlConnection conn) => _conn = conn;

    public static async Task<ChannelProbe> ListenAsync(string connectionString)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        var probe = new ChannelProbe(conn);
        conn.Notification += (_, e) => probe._received.Enqueue(e.Payload);
        await conn.OpenAsync();
        await conn.ExecuteAsync("LISTEN autri_notifications");
        return probe;
    }

    /// <summary>The next payload, waiting up to a generous bound.</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (_received.Count == 0) await _conn.WaitAsync(timeout.Token);
        return _received.Dequeue();
    }

    public async ValueTask DisposeAsync() => await _conn.DisposeAsync();
}
