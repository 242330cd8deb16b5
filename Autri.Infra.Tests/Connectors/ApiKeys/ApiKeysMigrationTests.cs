namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeysMigrationTests
{
    [Fact]
    public async Task A_key_stored_the_0001_way_is_carried_over_and_still_verifies()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("keys_0001"));
        // A database as the migrator left it before 0004, so the upgrade below runs 0004 and everything after, as in life.
        await ExecAsync(db, "CREATE TABLE schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var m in Migrator.Embedded.Where(m => string.CompareOrdinal(m.Name, "0004") < 0))
        {
            await ExecAsync(db, m.Sql);
            await ExecAsync(db, "INSERT INTO schema_migrations (name, checksum) VALUES (@p0, @p1)", m.Name, m.Checksum);
        }
        var (user, org, library, connector) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var key = Domain.Connectors.ApiKeys.ApiKey.Generate();
        await ExecAsync(db, """
            INSERT INTO users (id, subject, email) VALUES (@p0, 's', 'a@example.test');
            INSERT INTO orgs (id, name) VALUES (@p1, 'o');
            INSERT INTO libraries (id, org_id, name) VALUES (@p2, @p1, 'l');
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, key_hash, key_pepper_version, key_prefix)
            VALUES (@p3, @p1, @p0, @p2, 'old style', 'api_key', @p4, 1, 'autri_sk_Ab3d');
            """, user, org, library, connector, app.Hasher.Hash(key, 1));

        await new Migrator(db).ApplyAsync();
        await using var lookup = new ApiKeyLookup(db, world.Clock);
        var verifier = new ApiKeyVerifier(app.Hasher, new ApiKeyCache(world.Options(1), world.Clock), lookup,
            new LastUseRecorder(db, world.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<LastUseRecorder>.Instance), world.Clock);

        Assert.Equal(ApiKeyVerification.Valid(connector, org, library), await verifier.VerifyAsync(key, CancellationToken.None));
        await using var cmd = db.CreateCommand("SELECT key_hash IS NULL FROM connectors WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = connector });
        Assert.True((bool)(await cmd.ExecuteScalarAsync())!);
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var cmd = db.CreateCommand(sql);
        for (var i = 0; i < values.Length; i++) cmd.Parameters.AddWithValue("p" + i, values[i]);
        await cmd.ExecuteNonQueryAsync();
    }
}
