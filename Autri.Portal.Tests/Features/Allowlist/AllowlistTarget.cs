namespace Autri.Portal.Tests.Features.Allowlist;

/// <summary>One portal under test and its parameter store: local (Postgres) or AWS mode (SSM through the strict fake).</summary>
public sealed class AllowlistTarget(string mode, PortalInstance portal, string parameterName, string prefix, Func<string, Task> delete, AwsFakeServer? aws)
{
    public string Mode { get; } = mode;
    public PortalInstance Portal { get; } = portal;
    public string Url => Portal.Url;
    public string ParameterName { get; } = parameterName;
    public string Prefix { get; } = prefix;
    public AwsFakeServer? Aws { get; } = aws;

    /// <summary>The portal's own store (through the race hook, which passes calls straight through until armed).</summary>
    public RacingParameterStore Store => Portal.Services.GetRequiredService<RacingParameterStore>();

    public Task DeleteAsync(string name) => delete(name);

    /// <summary>Starts a test from a known state: the allowlist deleted, then (unless null) seeded as version 1.</summary>
    public async Task ResetAsync(string? value, ParameterType type = ParameterType.StringList, string? description = "seeded")
    {
        try { await Store.GetAsync(ParameterName); await DeleteAsync(ParameterName); }
        catch (ParameterStoreException e) when (e.IsNotFound) { }
        if (value is not null) await PutAsync(value, type, description);
        Portal.Services.GetRequiredService<AllowlistReader>().Invalidate();
    }

    public Task<long> PutAsync(string value, ParameterType type = ParameterType.StringList, string? description = null) =>
        Store.PutAsync(new PutParameter(ParameterName, value, type, Overwrite: true, description));

    public async Task<Parameter> CurrentAsync() => await Store.GetAsync(ParameterName);

    public override string ToString() => Mode;
}
