namespace Autri.Portal.Features.Ops.Logs;

/// <summary>What the ad hoc editor holds: from the link's query string on a GET, from the form on a post.</summary>
public sealed class AdHocDraft
{
    /// <summary>The button that runs the query.</summary>
    public const string Run = "run";

    /// <summary>The button that only checks it and estimates its cost.</summary>
    public const string Check = "check";

    public string? Q { get; set; }

    public string[]? Groups { get; set; }

    public string? Range { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? Intent { get; set; }
}
