using Autri.Testing.Aws;

namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>
/// Two portal instances in AWS mode sharing one database, the real dev IdP, and the strict AWS fake seeded with
/// cost data and infra-cdk's default budget. Tests start from an empty cost cache and no recorded calls.
/// </summary>
public sealed class CostsAwsStack : IAsyncLifetime
{
    // Outside the kernel's ephemeral range (where FreePort's come from): the many outgoing connections of a
    // parallel test run use that range too, and one of them can hold a port between choosing it and binding it.
    private readonly int[] _ports = [FreePort.Next(), FreePort.Next()];
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "autri-costs-" + Guid.NewGuid().ToString("N")[..12]);

    public AwsFakeServer Aws { get; private set; } = default!;
    public DevIdentityProvider Idp { get; private set; } = default!;
    public PortalInstance Portal { get; private set; } = default!;
    public PortalInstance SecondPortal { get; private set; } = default!;
    public NpgsqlDataSource Db { get; private set; } = default!;

    /// <summary>One day's costs on the page: two tagged layers and untagged spend.</summary>
    public static readonly (string Bucket, string Service, string Amount)[] Day =
    [
        ("compute", "Amazon Elastic Container Service", "2.00"),
        ("data", "Amazon Relational Database Service", "1.00"),
        ("", "Amazon Simple Storage Service", "0.25"),
    ];

    public async Task InitializeAsync()
    {
        Aws = new AwsFakeServer(RepoPaths.AwsModels, "eu-west-3");
        await Aws.StartAsync();
        Aws.CostExplorer.CostAndUsage = request => CostSamples.Usage(request, Day);
        Aws.CostExplorer.CostForecast = request => CostSamples.Forecast(request);
        Aws.Budgets.AddBudget(CostSamples.Budget(actual: "120", forecasted: "210"), CostSamples.DefaultNotifications());

        var connection = await TestDatabase.NewAsync("costs");
        Db = NpgsqlDataSource.Create(connection);
        await new Migrator(Db).ApplyAsync();
        Idp = await DevIdentityProvider.StartAsync(_ports.Select(p => $"http://127.0.0.1:{p}"));
        var settings = PortalInstance.AwsMode(Aws.Region, Aws.BaseUrl);
        settings["Aws:AccountId"] = Aws.AccountId;
        settings["Aws:MaxAttempts"] = "2";
        settings["Aws:RetryBaseDelay"] = "00:00:00.010";
        Portal = await PortalInstance.StartAsync(_ports[0], connection, Idp.Issuer, _logs, settings, configure: PortalInstance.SignWithFakeAwsKeys);
        SecondPortal = await PortalInstance.StartAsync(_ports[1], connection, Idp.Issuer, _logs, settings, configure: PortalInstance.SignWithFakeAwsKeys);
    }

    /// <summary>An empty cost cache, no recorded calls, no queued failures.</summary>
    public async Task ResetAsync()
    {
        await using (var cmd = Db.CreateCommand("TRUNCATE cost_cache")) await cmd.ExecuteNonQueryAsync();
        Aws.Failures.Clear();
        Aws.ClearCalls();
    }

    /// <summary>Ages every cached answer, as if fetched that long ago.</summary>
    public async Task AgeCacheAsync(TimeSpan by)
    {
        await using var cmd = Db.CreateCommand("UPDATE cost_cache SET fetched_at = fetched_at - $1, last_error_at = last_error_at - $1");
        cmd.Parameters.AddWithValue(by);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await SecondPortal.DisposeAsync();
        await Portal.DisposeAsync();
        await Idp.DisposeAsync();
        await Db.DisposeAsync();
        await Aws.DisposeAsync();
        try { Directory.Delete(_logs, recursive: true); } catch (IOException) { }
    }
}
