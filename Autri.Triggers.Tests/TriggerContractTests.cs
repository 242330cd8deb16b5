namespace Autri.Triggers.Tests;

/// <summary>deploy/contract/triggers.json against the functions: every required variable is checked, by name.</summary>
public class TriggerContractTests
{
    /// <summary>Set by the triggers only to reach the test's Postgres and fakes; never by a deployment.</summary>
    private static readonly string[] TestOnly = ["DB_SSL_MODE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SECRETS_MANAGER"];

    public static TheoryData<string, string> RequiredKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in new[] { "post-confirmation", "pre-token-generation" })
            foreach (var key in DeployContract.FunctionKeys(function).Where(k => k.Required)) data.Add(function, key.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public async Task A_function_without_a_required_variable_fails_naming_it(string function, string key)
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Environment.Remove(key);

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() => InvokeAsync(triggers, function));

        Assert.IsType<TriggerConfigurationException>(failed.InnerException);
        Assert.Contains(key, failed.InnerException!.Message);
        Assert.Equal("the function is misconfigured", Assert.Single(triggers.Events("trigger_failed")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_contract_names_every_variable_the_functions_are_given_and_with_them_both_work()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var contract = new[] { "post-confirmation", "pre-token-generation" }
            .SelectMany(DeployContract.FunctionKeys).Select(k => k.Key).ToHashSet();

        Assert.Equal(contract.Order(), triggers.Environment.Keys.Except(TestOnly).Order());
        await InvokeAsync(triggers, "post-confirmation");
        await InvokeAsync(triggers, "pre-token-generation");
        Assert.Empty(triggers.Events("trigger_failed"));
    }

    /// <summary>An admitted sign-up, or a client-credentials token request (unknown client: passes through).</summary>
    private static Task<byte[]> InvokeAsync(TriggerDeployment triggers, string function) => function == "post-confirmation"
        ? LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync,
            CognitoSamples.Read("post-confirmation-confirm-signup.RECONSTRUCTED.json", ("us-east-1_EXAMPLE", TriggerDeployment.PoolId)))
        : LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync,
            CognitoSamples.Read("pre-token-v3-client-credentials.docs.json"));
}
