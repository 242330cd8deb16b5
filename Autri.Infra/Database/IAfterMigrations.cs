namespace Autri.Infra.Database;

/// <summary>Work a host does once the schema is current (local demo data), run by <see cref="DatabaseStartup"/>.</summary>
public interface IAfterMigrations
{
    Task RunAsync(CancellationToken ct);
}
