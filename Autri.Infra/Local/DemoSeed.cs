using Autri.Infra.Allowlist;

namespace Autri.Infra.Local;

/// <summary>
/// Local mode's demo data: the allowlist with the two invited demo accounts. Only creates what is missing,
/// so an allowlist edited in the portal survives restarts. The version it writes gets its allowlist.save row like any
/// save, or every fresh local stack would warn two minutes in that its first version is unaudited.
/// </summary>
public sealed class DemoSeed(IParameterStore parameters, string allowlistParameter, AllowlistAudit audit, ILogger<DemoSeed> log) : IAfterMigrations
{
    public static readonly string[] InvitedDemoEmails = ["admin@autri.test", "beta@autri.test"];

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var seeded = BetaAllowlist.FromEmails(InvitedDemoEmails);
            var version = await parameters.PutAsync(new PutParameter(allowlistParameter, seeded.ToParameterValue(),
                ParameterType.StringList, Overwrite: false, Description: "Demo allowlist created by the local seed"), ct);
            await audit.RecordAsync("system", AllowlistAudit.SaveAction, allowlistParameter, new
            {
                version, previous_version = 0, added = seeded.Sorted, removed = Array.Empty<string>(), note = "Demo accounts of the local stack", count = seeded.Count,
            }, ct);
            log.LogInformation(new EventId(50, "demo_seeded"), "Seeded {parameter} with the demo accounts", allowlistParameter);
        }
        catch (ParameterStoreException ex) when (ex.Code == "ParameterAlreadyExists")
        {
            // Already there, possibly edited: leave it alone.
        }
    }
}
