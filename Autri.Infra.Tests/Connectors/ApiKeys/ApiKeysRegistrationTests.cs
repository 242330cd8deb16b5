using Microsoft.Extensions.Hosting;

namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeysRegistrationTests
{
    private static IHost Build(string connectionString, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddApiKeys(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_host_without_a_pepper_fails_at_start_naming_the_missing_key()
    {
        using var host = Build("Host=127.0.0.1;Port=1", new() { ["ApiKeys:CacheSeconds"] = "10" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Configuration missing value for: ApiKeys:CurrentPepperVersion", error.Message);
    }

    [Fact]
    public async Task A_host_with_a_cache_beyond_thirty_seconds_fails_at_start()
    {
        using var host = Build("Host=127.0.0.1;Port=1", new()
        {
            ["ApiKeys:Peppers:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ApiKeys:CurrentPepperVersion"] = "1",
            ["ApiKeys:CacheSeconds"] = "60",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiKeys:CacheSeconds must be 0..30", error.Message);
    }

    [Fact]
    public async Task The_registered_services_issue_verify_and_record_last_use_in_the_background()
    {
        var connectionString = await TestDatabase.NewAsync("keys");
        using var host = Build(connectionString, new()
        {
            ["ApiKeys:Peppers:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ApiKeys:Peppers:2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ApiKeys:CurrentPepperVersion"] = "2",
        });
        var db = host.Services.GetRequiredService<NpgsqlDataSource>();
        await new Migrator(db).ApplyAsync();
        var (user, org, library) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var seed = db.CreateCommand("""
            INSERT INTO users (id, subject, email) VALUES (@user, 's', 'a@example.test');
            INSERT INTO orgs (id, name) VALUES (@org, 'o');
            INSERT INTO libraries (id, org_id, name) VALUES (@library, @org, 'l');
            """))
        {
            seed.Parameters.AddWithValue("user", user);
            seed.Parameters.AddWithValue("org", org);
            seed.Parameters.AddWithValue("library", library);
            await seed.ExecuteNonQueryAsync();
        }
        await host.StartAsync();

        var issued = await host.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(new NewApiKeyConnector(org, user, library, "Desktop"));
        var result = await host.Services.GetRequiredService<ApiKeyVerifier>().VerifyAsync(issued.Plaintext, CancellationToken.None);
        var lastUsed = await PollAsync(db, issued.KeyId);
        await host.StopAsync();

        Assert.Equal(ApiKeyVerification.Valid(issued.ConnectorId, org, library), result);
        Assert.Equal(2, issued.PepperVersion);
        Assert.True(lastUsed, "the background recorder wrote last_used_at");
    }

    /// <summary>Waits (up to 15 s) for the recorder's once-a-second flush; no timing is asserted.</summary>
    private static async Task<bool> PollAsync(NpgsqlDataSource db, Guid keyId)
    {
        for (var i = 0; i < 150; i++)
        {
            await using var cmd = db.CreateCommand("SELECT last_used_at IS NOT NULL FROM connector_api_keys WHERE id = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = keyId });
            if ((bool)(await cmd.ExecuteScalarAsync())!) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
