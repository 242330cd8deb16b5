namespace Autri.Infra.Costs;

/// <summary>Section "Costs": how long Cost Explorer and Budgets answers are reused.</summary>
public sealed class CostsOptions
{
    public const string Section = "Costs";

    /// <summary>Hours a good answer is served without asking AWS (Cost Explorer data changes at most three times a day).</summary>
    [Range(0.01, 168)] public double CacheHours { get; set; } = 6;

    /// <summary>Minutes between manual refreshes of one view, and before retrying after a failure.</summary>
    [Range(1, 1440)] public double MinRefreshMinutes { get; set; } = 15;

    public CachePolicy Policy => new(TimeSpan.FromHours(CacheHours), TimeSpan.FromMinutes(MinRefreshMinutes));
}
