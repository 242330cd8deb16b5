namespace Autri.Infra.Tests.Logs.Runner;

/// <summary>
/// A fresh database, the strict AWS fake, and portal "instances" (a runner and its worker each) sharing both,
/// as several portal instances share one Postgres and one AWS account.
/// </summary>
public sealed class RunnerHarness : IAsyncDisposable
{
    public const string Group = "/autri/beta/portal";

    private readonly List<LogRunWorker> _workers = [];

    private RunnerHarness(FakeAws aws, NpgsqlDataSource db, LogRunnerOptions options)
    {
        Aws = aws;
        Db = db;
        Options = options;
    }

    public FakeAws Aws { get; }

    public AwsFakeServer Fake => Aws.Server;

    public NpgsqlDataSource Db { get; }

    public LogRunnerOptions Options { get; }

    public LogRunStore Store => new(Db);

    public static async Task<RunnerHarness> StartAsync(Action<LogRunnerOptions>? configure = null)
    {
        var aws = await FakeAws.StartAsync();
        aws.Server.Logs.AddLogGroup(Group);
        var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("logruns"));
        await new Migrator(db).ApplyAsync();
        var options = new LogRunnerOptions
        {
            FirstPollInterval = TimeSpan.FromMilliseconds(20),
            MaxPollInterval = TimeSpan.FromMilliseconds(100),
            StartRetryBaseDelay = TimeSpan.FromMilliseconds(20),
            StartRetryMaxDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return new RunnerHarness(aws, db, options);
    }

    /// <summary>A portal instance: its own worker (started unless <paramref name="start"/> is false: a dead instance).</summary>
    public async Task<LogRunner> InstanceAsync(bool start = true)
    {
        var insights = new CloudWatchLogsInsights(new CloudWatchLogsClient(Aws.Client(AwsService.Logs)));
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var worker = new LogRunWorker(Store, insights, options, TimeProvider.System, NullLogger<LogRunWorker>.Instance);
        if (start)
        {
            await worker.StartAsync(CancellationToken.None);
            _workers.Add(worker);
        }
        return new LogRunner(Store, worker, options, NullLogger<LogRunner>.Instance);
    }

    public static LogRunRequest Request(string query = "fields @timestamp, @message | sort @timestamp desc", params string[] groups) =>
        new(query, groups.Length == 0 ? [Group] : groups, new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Reads the run until <paramref name="until"/> holds; fails after 30 s with the last state seen.</summary>
    public async Task<LogRun> WaitForAsync(Guid id, Func<LogRun, bool> until)
    {
        LogRun? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            last = await Store.GetAsync(id);
            if (last is not null && until(last)) return last;
        }
        throw new TimeoutException($"Run {id} never reached the expected state; last seen: {last}");
    }

    public IReadOnlyList<FakeCall> CallsOf(string operation) => Fake.Calls.Where(c => c.Operation == operation).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.StopAsync(CancellationToken.None);
        foreach (var worker in _workers) worker.Dispose();
        await Db.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
