namespace Autri.Infra.Tests.Aws;

public class AddAwsClientsTests
{
    [Fact]
    public async Task Clients_from_configuration_reach_the_configured_endpoint_with_per_service_overrides()
    {
        await using var aws = await FakeAws.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = FakeAws.Region,
            ["Aws:MaxAttempts"] = "2",
            ["Aws:Ssm:ServiceUrl"] = aws.Server.BaseUrl,
            ["Aws:Ssm:Timeout"] = "00:00:03",
        }).Build();
        var services = new ServiceCollection().AddAwsClients(config);
        services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));
        await using var sp = services.BuildServiceProvider();

        await sp.GetRequiredService<ISsmClient>().PutParameterAsync(new() { Name = "/di/x", Value = "v", Type = SsmParameterType.String });
        var settings = sp.GetRequiredService<IOptions<AwsOptions>>().Value.Resolve(AwsService.Ssm);
        var budgets = sp.GetRequiredService<IOptions<AwsOptions>>().Value.Resolve(AwsService.Budgets);

        Assert.Equal("v", aws.Server.Ssm.ValueOf("/di/x"));
        Assert.Equal((TimeSpan.FromSeconds(3), 2), (settings.Timeout, settings.MaxAttempts));
        Assert.Equal((new Uri("https://budgets.amazonaws.com"), "us-east-1"), (budgets.Endpoint, budgets.SigningRegion));
    }

    [Fact]
    public void A_missing_region_names_the_key()
    {
        var options = new AwsOptions();
        if (options.ResolvedRegion is not null) return; // the machine sets AWS_REGION: nothing to show here

        var error = Assert.Throws<InvalidOperationException>(() => options.Resolve(AwsService.Ssm));

        Assert.Contains("Configuration missing value for: Aws:Region", error.Message);
    }
}
