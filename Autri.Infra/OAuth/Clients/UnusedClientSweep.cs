using Autri.Infra.Hosting;

namespace Autri.Infra.OAuth.Clients;

/// <summary>
/// Deletes dynamically registered clients that were never used for an authorization within
/// <see cref="OAuthOptions.UnusedClientLifetime"/> of registering (open registration must not grow the table
/// forever). Deletion goes through OpenIddict's manager. Every instance sweeps; deleting twice is harmless.
/// </summary>
public sealed class UnusedClientSweep(NpgsqlDataSource db, IServiceScopeFactory scopes, OAuthOptions options, TimeProvider clock, ILogger<UnusedClientSweep> log)
    : BackgroundService
{
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.UnusedClientLifetime;
        List<Guid> ids;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            ids = (await conn.QueryAsync<Guid>(new CommandDefinition($"""
                SELECT a.id FROM oauth_applications a
                WHERE a.properties::jsonb ->> '{OAuthClientDescriptor.SourceProperty}' = 'dcr'
                  AND (a.properties::jsonb ->> '{OAuthClientDescriptor.RegisteredAtProperty}')::timestamptz < @cutoff
                  AND NOT EXISTS (SELECT 1 FROM oauth_authorizations z WHERE z.application_id = a.id)
                """, new { cutoff = cutoff.UtcDateTime }, cancellationToken: ct))).AsList();
        }
        if (ids.Count == 0) return 0;

        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var deleted = 0;
        foreach (var id in ids)
        {
            if (await applications.FindByIdAsync(id.ToString(), ct) is not { } application) continue;
            await applications.DeleteAsync(application, ct);
            deleted++;
        }
        log.LogInformation(new EventId(43, "oauth_clients_swept"), "Deleted {count} registered OAuth client(s) never used within {lifetime}", deleted, options.UnusedClientLifetime);
        return deleted;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(options.UnusedClientSweepInterval, clock, SweepOnceAsync,
            ex => log.LogWarning(new EventId(44, "oauth_client_sweep_failed"), ex, "Sweeping unused OAuth clients failed; retrying at the next interval"),
            stoppingToken);
}
