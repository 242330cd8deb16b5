namespace Autri.Infra.Tests.Connectors;

/// <summary>
/// Wraps the real registry: records what was registered and deleted, and lets a test act right after a
/// registration (to break the database at that moment) or make deletes fail as an unreachable IdP would.
/// </summary>
internal sealed class RecordingRegistry(IClientRegistry real) : IClientRegistry
{
    public List<RegisteredClient> Registered { get; } = [];

    public List<string> Deleted { get; } = [];

    public Func<Task>? AfterRegister { get; set; }

    public bool FailDeletes { get; set; }

    public async Task<RegisteredClient> RegisterAsync(Guid connectorId, CancellationToken ct)
    {
        var client = await real.RegisterAsync(connectorId, ct);
        Registered.Add(client);
        if (AfterRegister is not null) await AfterRegister();
        return client;
    }

    public async Task DeleteAsync(ConnectorClientTarget target, string? handle, CancellationToken ct)
    {
        if (FailDeletes) throw ClientRegistryException.Unavailable("delete the OAuth client");
        await real.DeleteAsync(target, handle, ct);
        Deleted.Add(target.ClientId);
    }
}
