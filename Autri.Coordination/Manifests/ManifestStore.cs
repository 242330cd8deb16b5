namespace Autri.Coordination.Manifests;

/// <summary>A channel's current signed manifest.</summary>
public sealed record PublishedManifest(string Channel, string Version, string Document, DateTime PublishedAt);

/// <summary>The current signed manifest of each release channel; publishing replaces the channel's manifest.</summary>
public sealed class ManifestStore(NpgsqlDataSource db)
{
    public async Task PublishAsync(string channel, string version, string document, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO manifests (channel, version, document) VALUES (@channel, @version, @document)
            ON CONFLICT (channel) DO UPDATE SET version = excluded.version, document = excluded.document, published_at = now()
            """, new { channel, version, document }, cancellationToken: ct));
    }

    public async Task<PublishedManifest?> CurrentAsync(string channel, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PublishedManifest>(new CommandDefinition(
            "SELECT channel, version, document, published_at AS PublishedAt FROM manifests WHERE channel = @channel",
            new { channel }, cancellationToken: ct));
    }
}
