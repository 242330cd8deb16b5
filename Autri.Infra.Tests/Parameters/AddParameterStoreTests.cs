using Autri.AwsFake;
using Autri.Domain.Parameters;
using Autri.Infra.Aws;
using Autri.Infra.Database;
using Autri.Infra.Parameters;
using Autri.Infra.Tests.Aws;
using Autri.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autri.Infra.Tests.Parameters;

public class AddParameterStoreTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task The_default_is_the_Postgres_store_recording_the_configured_actor()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("paramsdi"));
        await new Migrator(db).ApplyAsync();
        var services = new ServiceCollection().AddSingleton(db).AddParameterStore(Config(("Parameters:Actor", "ops@example.com")));
        await using var sp = services.BuildServiceProvider();

        var store = sp.GetRequiredService<IParameterStore>();
        await store.PutAsync(new PutParameter("/di/p", "v", ParameterType.String, false));

        Assert.IsType<PostgresParameterStore>(store);
        Assert.Equal("ops@example.com", Assert.Single(await store.GetHistoryAsync("/di/p")).LastModifiedUser);
    }

    [Fact]
    public async Task Ssm_is_chosen_by_configuration_and_reaches_the_configured_endpoint()
    {
        await using var aws = await FakeAws.StartAsync();
        var services = new ServiceCollection().AddParameterStore(Config(
            ("Parameters:Store", "Ssm"), ("Aws:Region", FakeAws.Region), ("Aws:Ssm:ServiceUrl", aws.Server.BaseUrl)));
        services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));
        await using var sp = services.BuildServiceProvider();

        await sp.GetRequiredService<IParameterStore>().PutAsync(new PutParameter("/di/s", "v", ParameterType.String, false));

        Assert.Equal("v", aws.Server.Ssm.ValueOf("/di/s"));
    }

    [Fact]
    public void An_unknown_store_name_fails_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddParameterStore(Config(("Parameters:Store", "Vault"))));

        Assert.Contains("Parameters:Store", error.Message);
    }

    [Fact]
    public async Task An_unreachable_database_is_InternalServerError()
    {
        await using var db = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Database=none;Timeout=2");
        var store = new PostgresParameterStore(db);

        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => store.GetAsync("/x"));

        Assert.Equal("InternalServerError", error.Code);
    }
}
