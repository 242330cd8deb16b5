namespace Autri.Infra.Notifications;

/// <summary>
/// One dedicated connection per portal instance runs <c>LISTEN autri_notifications</c> and hands each signal
/// to the in-process fan-out. When the connection drops (database restart, failover, a terminated backend)
/// it reconnects with capped, jittered backoff, and on every (re)connect pokes all local streams so that
/// anything sent while it was away is picked up from the database.
/// </summary>
public sealed class NotificationListener(string connectionString, NotificationFanout fanout, ILogger<NotificationListener> log) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    // A half-open TCP connection never raises an error by itself; an idle ping finds it.
    private static readonly TimeSpan PingWhenIdle = TimeSpan.FromSeconds(30);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        ApplicationName = "autri-notification-listener",
        TcpKeepAlive = true,
    }.ConnectionString;

    private volatile int _backendProcessId;
    private int _connects;

    /// <summary>The Postgres backend pid of the live LISTEN connection; null while disconnected.</summary>
    public int? BackendProcessId => _backendProcessId == 0 ? null : _backendProcessId;

    /// <summary>How many times LISTEN has been established (1 after start, more after reconnects).</summary>
    public int Connects => Volatile.Read(ref _connects);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _backendProcessId = 0;
                var wait = retry + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(retry.TotalMilliseconds / 4) + 1));
                log.LogWarning(new EventId(60, "notification_listener_lost"), ex,
                    "Notification listener lost its connection; reconnecting in {delay_ms} ms", (int)wait.TotalMilliseconds);
                await Task.Delay(wait, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
                continue;
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        conn.Notification += (_, e) =>
        {
            if (e.Channel == NotificationSignal.Channel) fanout.Signal(NotificationSignal.Decode(e.Payload));
        };
        await conn.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {NotificationSignal.Channel}", conn))
            await listen.ExecuteNonQueryAsync(ct);

        _backendProcessId = conn.ProcessID;
        var connects = Interlocked.Increment(ref _connects);
        log.LogInformation(new EventId(61, "notification_listener_connected"),
            "Notification listener is listening (backend {pid}, connection {connects})", conn.ProcessID, connects);
        // Signals sent while no connection was listening are lost: every open stream here re-reads its count.
        fanout.Signal(SignalTarget.All);

        try
        {
            while (true)
            {
                if (await conn.WaitAsync(PingWhenIdle, ct)) continue;
                await using var ping = new NpgsqlCommand("SELECT 1", conn);
                await ping.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            _backendProcessId = 0;
        }
    }
}
