namespace Autri.Infra.Documents.Search;

public static class DocumentSearchSetup
{
    /// <summary>
    /// Document search: with <paramref name="inProcessIndex"/> each instance keeps a Lucene index of the KBs searched
    /// here, followed from Postgres by <see cref="DocumentChangeFeed"/>; without it every search is Postgres full-text search.
    /// </summary>
    public static IServiceCollection AddDocumentSearch(this IServiceCollection services, bool inProcessIndex)
    {
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<LibraryKbs>();
        if (!inProcessIndex)
        {
            services.AddSingleton(sp => new DocumentSearch(sp.GetRequiredService<DocumentStore>(), sp.GetRequiredService<LibraryKbs>()));
            return services;
        }
        services.AddSingleton(sp => new DocumentIndex(new DocumentChanges(sp.GetRequiredService<NpgsqlDataSource>()),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DocumentIndex>>()));
        services.AddHostedService<DocumentChangeFeed>();
        services.AddSingleton(sp => new DocumentSearch(sp.GetRequiredService<DocumentStore>(), sp.GetRequiredService<LibraryKbs>(),
            sp.GetRequiredService<DocumentIndex>()));
        return services;
    }
}
