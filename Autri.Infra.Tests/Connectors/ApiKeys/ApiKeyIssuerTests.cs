namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyIssuerTests
{
    [Fact]
    public async Task Issued_key_is_shown_once_and_stored_only_as_a_peppered_hmac()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();

        var issued = await app.Issuer.IssueAsync(world.Connector());

        Assert.True(ApiKeyFormat.IsWellFormed(issued.Plaintext));
        Assert.Equal(ApiKey.DisplayPrefix(issued.Plaintext), issued.DisplayPrefix);
        var randomPart = issued.Plaintext[ApiKeyFormat.Prefix.Length..^ApiKeyFormat.ChecksumLength];
        var rows = await world.ScalarAsync<string>("""
            SELECT (SELECT row_to_json(c)::text FROM connectors c WHERE id = $1)
                || (SELECT json_agg(k)::text FROM connector_api_keys k WHERE connector_id = $1)
            """, issued.ConnectorId);
        Assert.DoesNotContain(randomPart, rows);
        Assert.DoesNotContain(randomPart[4..], rows); // nor the part the display prefix leaves out
        var stored = await world.ScalarAsync<byte[]>("SELECT key_hash FROM connector_api_keys WHERE connector_id = $1", issued.ConnectorId);
        var pepper = Convert.FromBase64String(world.Peppers[1]);
        Assert.Equal(HMACSHA256.HashData(pepper, System.Text.Encoding.ASCII.GetBytes(issued.Plaintext)), stored);
    }

    [Fact]
    public async Task The_connector_row_keeps_the_display_prefix_but_no_hash()
    {
        await using var world = await ApiKeyWorld.CreateAsync();

        var issued = await world.NewInstance().Issuer.IssueAsync(world.Connector());

        Assert.Equal(issued.DisplayPrefix, await world.ScalarAsync<string>("SELECT key_prefix FROM connectors WHERE id = $1", issued.ConnectorId));
        Assert.True(await world.ScalarAsync<bool>("SELECT key_hash IS NULL AND kind = 'api_key' FROM connectors WHERE id = $1", issued.ConnectorId));
    }

    [Fact]
    public async Task Writing_a_hash_into_the_retired_connectors_column_is_refused()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var issued = await world.NewInstance().Issuer.IssueAsync(world.Connector());

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            world.ExecAsync("UPDATE connectors SET key_hash = $2 WHERE id = $1", issued.ConnectorId, new byte[32]));

        Assert.Equal("connectors_key_hash_retired", error.ConstraintName);
    }

    [Fact]
    public async Task The_issued_key_record_never_prints_the_plaintext()
    {
        await using var world = await ApiKeyWorld.CreateAsync();

        var issued = await world.NewInstance().Issuer.IssueAsync(world.Connector());

        Assert.DoesNotContain(issued.Plaintext, issued.ToString());
        Assert.Contains(issued.DisplayPrefix, issued.ToString());
    }

    [Fact]
    public async Task A_second_live_connector_with_the_same_name_is_refused()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();
        await app.Issuer.IssueAsync(world.Connector("Laptop"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => app.Issuer.IssueAsync(world.Connector("laptop")));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("connectors_org_name_live", error.ConstraintName);
    }

    [Fact]
    public async Task A_connector_that_would_be_born_expired_is_refused()
    {
        await using var world = await ApiKeyWorld.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            world.NewInstance().Issuer.IssueAsync(world.Connector(expiresAt: world.Clock.GetUtcNow())));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task Issuing_inside_the_callers_transaction_rolls_back_with_it()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();

        await using (var conn = await world.Db.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await app.Issuer.IssueAsync(world.Connector(), tx);
            await tx.RollbackAsync();
        }

        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connector_api_keys"));
    }
}
