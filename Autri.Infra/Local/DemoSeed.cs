namespace Autri.Infra.Local;

/// <summary>
/// Local mode's demo data: the allowlist with the two invited demo accounts. Only creates what is missing,
/// so an allowlist edited in the portal survives restarts.
/// </summary>
public sealed class DemoSeed(IParameterStore parameters, string allowlistParameter, ILogger<DemoSeed> log) : IAfterMigrations
{
    public static readonly string[] InvitedDemoEmails = ["admin@autri.test", "beta@autri.test"];

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await parameters.PutAsync(new PutParameter(allowlistParameter, BetaAllowlist.FromEmails(InvitedDemoEmails).ToParameterValue(),
                ParameterType.StringList, Overwrite: false, Description: "Demo allowlist created by the local seed"), ct);
            log.LogInformation(new EventId(50, "demo_seeded"), "Seeded {parameter} with the demo accounts", allowlistParameter);
        }
        catch (ParameterStoreException ex) when (ex.Code == "ParameterAlreadyExists")
        {
            // Already there, possibly edited: leave it alone.
        }
    }
}
