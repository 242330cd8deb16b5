namespace Autri.Domain.Releases;

/// <summary>The release channels a deployment may follow; each has its own signed manifest.</summary>
public static class ReleaseChannel
{
    public const string Stable = "stable";
    public const string Beta = "beta";

    public static readonly IReadOnlyList<string> All = [Stable, Beta];

    public static bool IsKnown(string? channel) => channel is Stable or Beta;
}
