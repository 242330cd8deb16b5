namespace Autri.Infra.Database;

/// <summary>
/// Gets the schema current at start without blocking it: with the database down the app still starts, says so on
/// /readyz (and the portal on its pages), and keeps retrying with backoff until the database is back. With an
/// <paramref name="applier"/> (the owner's migrator, Local mode) it applies the migrations; without (Aws mode, where
/// the migrate step applies them) it waits until none is pending. Then runs the host's <see cref="IAfterMigrations"/>
/// work in registration order.
/// </summary>
/// <remarks>
/// The first attempt runs before the hosted services registered after this one start (Data Protection reads its key
/// ring from a table the migrations create; the log-run worker sweeps a table they create): with the database up,
/// nothing starts against a missing schema. That attempt is bounded by <see cref="FirstAttemptTimeout"/>, so a
/// database that is down or slow delays the start by at most that much.
/// </remarks>
public sealed class DatabaseStartup(Migrator schema, Migrator? applier, IEnumerable<IAfterMigrations> followUps, ILogger<DatabaseStartup> log)
    : BackgroundService
{
    public static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private bool _current;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(FirstAttemptTimeout);
        _current = await TryCurrentAsync(attempt.Token, retryIn: TimeSpan.FromSeconds(1));
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_current && !await UntilCurrentAsync(stoppingToken)) return;
        foreach (var followUp in followUps) await followUp.RunAsync(stoppingToken);
    }

    private async Task<bool> UntilCurrentAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await TryCurrentAsync(stoppingToken, delay)) return true;
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, MaxDelay.TotalSeconds));
        }
        return false;
    }

    private async Task<bool> TryCurrentAsync(CancellationToken ct, TimeSpan retryIn)
    {
        try
        {
            return await CurrentAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down, or the first attempt's time is up (the background loop goes on).
            return false;
        }
        catch (Exception ex)
        {
            log.LogError(new EventId(31, "database_unavailable"), ex, "Database not ready; retrying in {delay_s} s", retryIn.TotalSeconds);
            return false;
        }
    }

    private async Task<bool> CurrentAsync(CancellationToken ct)
    {
        if (applier is not null)
        {
            var applied = await applier.ApplyAsync(ct);
            log.LogInformation(new EventId(30, "migrations_applied"), "Database ready; applied {count} migration(s)", applied.Count);
            return true;
        }
        var pending = await schema.PendingAsync(ct);
        if (pending.Count == 0)
        {
            log.LogInformation(new EventId(30, "migrations_applied"), "Database ready; the migrate step has applied every migration");
            return true;
        }
        log.LogWarning(new EventId(32, "migrations_pending"), "Waiting for the migrate step to apply {count} migration(s)", pending.Count);
        return false;
    }
}
