namespace Autri.Infra.Allowlist;

/// <summary>
/// One version of the allowlist parameter: its list, when and by whom (from the description the editor writes;
/// <paramref name="Principal"/> is SSM's LastModifiedUser, the IAM role that wrote it) and why.
/// </summary>
public sealed record AllowlistVersion(long Version, DateTimeOffset At, ParameterType Type, BetaAllowlist List, ChangeDescription Change, string? Principal)
{
    public AllowlistSize Size => AllowlistSize.Of(List);

    public static AllowlistVersion From(ParameterVersion v) =>
        new(v.Version, v.LastModified, v.Type, BetaAllowlist.FromParameterValue(v.Value), ChangeDescription.Parse(v.Description), v.LastModifiedUser);

    /// <summary>From GetParameter, which carries no description: who and why are unknown here.</summary>
    public static AllowlistVersion From(Parameter p) =>
        new(p.Version, p.LastModified, p.Type, BetaAllowlist.FromParameterValue(p.Value), new ChangeDescription(null, ""), null);
}
