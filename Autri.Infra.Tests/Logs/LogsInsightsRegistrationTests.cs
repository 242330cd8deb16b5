namespace Autri.Infra.Tests.Logs;

public class LogsInsightsRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLocalLogsInsights().BuildServiceProvider();
    }

    [Fact]
    public async Task The_configured_folder_backs_the_logs_insights_port()
    {
        await using var services = Build(new() { ["Logs:Local:Directory"] = LogSample.Directory });
        var insights = services.GetRequiredService<ILogsInsights>();

        var id = await insights.StartQueryAsync(new LogsQueryRequest("stats count(*) as n", ["triggers"], LogSample.Start, LogSample.End));
        var results = await ((LocalLogsInsights)insights).WaitAsync(id);

        Assert.Equal(["n=2"], LogSample.Table(results.Result));
    }

    [Fact]
    public async Task A_missing_folder_setting_names_itself()
    {
        await using var services = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LocalLogsInsightsOptions>>().Value);

        Assert.Contains("Configuration missing value for: Logs:Local:Directory", error.Message);
    }
}
