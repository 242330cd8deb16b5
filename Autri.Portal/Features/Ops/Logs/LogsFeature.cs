namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// What the Logs pages need to know about this deployment: the saved queries, the backend (local engine or
/// CloudWatch) and the console region. When something is missing the pages say what to configure instead of
/// failing the whole portal (<see cref="Problem"/>).
/// </summary>
public sealed class LogsFeature
{
    public LogsFeature(bool isAws, string? region, string publicUrl, SavedQueryCatalog? catalog, string? problem)
    {
        IsAws = isAws;
        Region = region;
        PublicUrl = publicUrl.TrimEnd('/');
        Catalog = catalog;
        Problem = problem;
    }

    public bool IsAws { get; }

    /// <summary>The region of CloudWatch console links (<c>Logs:Region</c>, else <c>Aws:Region</c>, else AWS_REGION).</summary>
    public string? Region { get; }

    public string PublicUrl { get; }

    public SavedQueryCatalog? Catalog { get; }

    /// <summary>Why queries cannot run here, naming the configuration to fix; null when they can.</summary>
    public string? Problem { get; }

    public IReadOnlyList<SavedQuery> SavedQueries => Catalog?.All ?? [];

    /// <summary>An absolute URL for the runbook from a portal path.</summary>
    public string Absolute(string path) => PublicUrl + path;
}
