using Autri.Infra.Licensing;

namespace Autri.Coordination.Commands;

/// <summary>
/// Signs a licence and registers its deployment. A new deployment gets an id and its credential (shown or written
/// once, kept only as a hash); <c>--deployment</c> renews an existing one's licence and keeps its credential.
/// </summary>
public static class IssueLicence
{
    public const string Usage = "--key <vendor-private.pem> --customer <id> --expires <yyyy-mm-dd> --seats <n> [--grace-days <n>, default 14] [--features a,b] [--label <text>] "
        + "[--deployment <id> to renew] [--licence-out <file>] [--credential-out <file>]";

    public static async Task RunAsync(CommandArgs args, TextWriter output)
    {
        using var key = CommandDatabase.PrivateKey(args);
        var customer = args.Required("customer");
        if (customer.Length > 100 || customer.Any(char.IsControl)) throw new CommandException("--customer must be one line of at most 100 characters");
        if (!DateTimeOffset.TryParse(args.Required("expires"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            throw new CommandException("--expires must be a date (yyyy-mm-dd) or an ISO 8601 time");
        if (!int.TryParse(args.Required("seats"), NumberStyles.None, CultureInfo.InvariantCulture, out var seats) || seats < 1)
            throw new CommandException("--seats must be a whole number of at least 1");
        var graceDays = (int)LicenceRule.DefaultGrace.TotalDays;
        if (args.Optional("grace-days") is { } g && (!int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out graceDays) || TimeSpan.FromDays(graceDays) > LicenceRule.MaxGrace))
            throw new CommandException($"--grace-days must be a whole number from 0 to {LicenceRule.MaxGrace.TotalDays}");
        var features = (args.Optional("features") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var now = DateTimeOffset.UtcNow;
        if (expires <= now) throw new CommandException("--expires must be in the future");

        await using var db = await CommandDatabase.OpenAsync();
        var registry = new DeploymentRegistry(db);
        Guid id;
        string? credential = null;
        if (args.Optional("deployment") is { } existing)
        {
            if (!Guid.TryParse(existing, out id) || await registry.FindAsync(id) is not { } found)
                throw new CommandException($"--deployment {existing} is not a registered deployment");
            if (found.CustomerId != customer) throw new CommandException($"deployment {id} belongs to customer {found.CustomerId}, not {customer}");
            await registry.RenewAsync(id, expires, graceDays);
        }
        else
        {
            id = Guid.NewGuid();
            credential = await registry.RegisterAsync(new RegisteredDeployment(id, customer, args.Optional("label") ?? "", expires, graceDays));
        }

        var licence = LicenceDocument.Sign(new LicenceClaims(customer, id, now, expires, TimeSpan.FromDays(graceDays), seats, features), key);
        await output.WriteLineAsync($"Deployment {id} (customer {customer}), licence valid until {expires:yyyy-MM-dd HH:mm} UTC and {graceDays} days' grace, {seats} seat(s)");
        if (args.Optional("licence-out") is { } licencePath)
        {
            await File.WriteAllTextAsync(licencePath, licence + "\n");
            await output.WriteLineAsync($"Licence written to {licencePath}");
        }
        else
        {
            await output.WriteLineAsync("Licence:\n" + licence);
        }
        if (credential is not null)
            await CommandDatabase.WriteSecretAsync(args.Optional("credential-out"), credential, "Deployment credential", output);
        else
            await output.WriteLineAsync("The deployment keeps its credential (rotate-credential makes a new one).");
    }
}
