using Autri.Infra.Logs;
using Autri.Logs.Engine;

namespace Autri.Portal.Features.Ops.Logs;

public static class LogsSetup
{
    /// <summary>
    /// The Logs pages' services: the Logs Insights backend (the local engine over <paramref name="localLogsDirectory"/>
    /// in Local mode, CloudWatch Logs in Aws mode), the runner and its per-instance worker, and the saved queries.
    /// </summary>
    public static void AddOpsLogs(this WebApplicationBuilder builder, PortalOptions portal, string? localLogsDirectory)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        string? problem = null;
        if (!portal.IsLocal)
        {
            services.AddAwsClients(configuration);
            services.AddCloudWatchLogsInsights();
        }
        else if (localLogsDirectory is not null)
        {
            services.AddLocalLogsInsights();
            services.PostConfigure<LocalLogsInsightsOptions>(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Directory)) o.Directory = localLogsDirectory;
            });
        }
        else
        {
            problem = "Local mode reads the JSON-lines logs the apps write, but Portal:LocalLogsDirectory is not set.";
            services.AddSingleton<ILogsInsights>(new UnavailableLogsInsights(problem));
        }
        services.AddLogRunner(localGroupNames: portal.IsLocal);

        var region = FirstSet(configuration["Logs:Region"], configuration["Aws:Region"],
            Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
        var queriesDirectory = configuration["Logs:QueriesDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, configured))
            : FindQueriesDirectory(builder.Environment.ContentRootPath);
        services.AddSingleton(sp =>
        {
            SavedQueryCatalog? catalog = null;
            var catalogProblem = problem;
            try
            {
                catalog = queriesDirectory is null
                    ? throw new DirectoryNotFoundException("No ops/queries folder next to the app or in the repository; set Logs:QueriesDirectory.")
                    : SavedQueryFolder.Load(queriesDirectory);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or SavedQueryFormatException or IOException)
            {
                sp.GetRequiredService<ILogger<LogsFeature>>().LogError(new EventId(1, "saved_queries_unreadable"), "Saved queries could not be loaded: {error}", e.Message);
                catalogProblem ??= "The saved queries could not be loaded: " + e.Message;
            }
            return new LogsFeature(!portal.IsLocal, region, portal.PublicUrl, catalog, catalogProblem);
        });
    }

    /// <summary>The published app carries the queries in <c>queries/</c>; from source they are the repository's <c>ops/queries</c>.</summary>
    private static string? FindQueriesDirectory(string contentRoot)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "queries");
        if (Directory.Exists(published)) return published;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ops", "queries");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
