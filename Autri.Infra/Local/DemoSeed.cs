using Autri.Infra.Allowlist;

namespace Autri.Infra.Local;

/// <summary>
/// Local mode's demo data: the allowlist with the two invited demo accounts. Only creates what is missing,
/// so an allowlist edited in the portal survives restarts. It is created as an admin's first save is, through
/// <see cref="AllowlistEditor"/>, so the version gets its allowlist.save row (without one, every fresh local stack
/// would warn two minutes in that its first version is unaudited).
/// </summary>
public sealed class DemoSeed(AllowlistEditor editor, ILogger<DemoSeed> log) : IAfterMigrations
{
    public static readonly string[] InvitedDemoEmails = ["admin@autri.test", "beta@autri.test"];

    public async Task RunAsync(CancellationToken ct)
    {
        var seed = new AllowlistSave(BetaAllowlist.FromEmails(InvitedDemoEmails), BaseVersion: 0, "system", "Demo accounts of the local stack");
        switch (await editor.SaveAsync(seed, ct))
        {
            case SaveOutcome.Saved:
                log.LogInformation(new EventId(50, "demo_seeded"), "Seeded {parameter} with the demo accounts", editor.ParameterName);
                break;
            case SaveOutcome.Conflict:
                break; // already there, possibly edited: leave it alone
            case SaveOutcome.Failed failed:
                throw failed.Error;
            case var other:
                throw new InvalidOperationException("Seeding the demo allowlist was refused: " + other);
        }
    }
}
