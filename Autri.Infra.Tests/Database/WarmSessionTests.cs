namespace Autri.Infra.Tests.Database;

/// <summary>
/// The apps' data source prepares the statements a connection runs often and keeps them across pooled uses (no reset on
/// return), unless the deployment's connection string says otherwise; against real Postgres, a statement run twice on
/// a pooled connection is prepared there, and session state nobody leaves behind is not there.
/// </summary>
public sealed class WarmSessionTests
{
    [Fact]
    public void Statements_are_auto_prepared_and_pooled_connections_are_not_reset_unless_the_connection_string_decides()
    {
        var defaults = new NpgsqlConnectionStringBuilder("Host=db;Database=autri");
        DatabaseDataSource.KeepSessionsWarm(defaults);
        Assert.Equal((DatabaseDataSource.MaxAutoPrepare, true), (defaults.MaxAutoPrepare, defaults.NoResetOnClose));

        var chosen = new NpgsqlConnectionStringBuilder("Host=db;Database=autri;Max Auto Prepare=5;No Reset On Close=false");
        DatabaseDataSource.KeepSessionsWarm(chosen);
        Assert.Equal((5, false), (chosen.MaxAutoPrepare, chosen.NoResetOnClose));

        // Behind a transaction-mode pooler prepared statements must be off: an explicit 0 is kept too.
        var pooler = new NpgsqlConnectionStringBuilder("Host=db;Database=autri;MaxAutoPrepare=0");
        DatabaseDataSource.KeepSessionsWarm(pooler);
        Assert.Equal(0, pooler.MaxAutoPrepare);
    }

    [Fact]
    public async Task A_query_run_again_on_a_pooled_connection_runs_as_a_prepared_statement()
    {
        var options = new DatabaseOptions { ConnectionString = await TestDatabase.NewAsync("warm") };
        await using var db = DatabaseDataSource.Create(options, "autri-test", () => throw new InvalidOperationException("no secret"));
        for (var i = 0; i < 6; i++) // Npgsql prepares a statement on its fifth use (Auto Prepare Min Usages)
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = $1", conn);
            cmd.Parameters.AddWithValue("pg_class");
            Assert.Equal(1L, await cmd.ExecuteScalarAsync());
        }

        await using var check = await db.OpenConnectionAsync();
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%'", check);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }
}
