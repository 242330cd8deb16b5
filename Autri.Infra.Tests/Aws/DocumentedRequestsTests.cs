namespace Autri.Infra.Tests.Aws;

/// <summary>
/// AWS's own documented requests must pass the fake's model validation: the fake is strict, but not stricter
/// than AWS about anything AWS shows as valid. (A semantic answer such as NotFound is fine here.)
/// </summary>
public class DocumentedRequestsTests
{
    public static TheoryData<string, string, string> Requests() => new()
    {
        { "ssm", "PutParameter", "ssm/put-parameter-request.docs.json" },
        { "ssm", "GetParameter", "ssm/get-parameter-request.docs.json" },
        { "ssm", "GetParameterHistory", "ssm/get-parameter-history-request.docs.json" },
        { "logs", "StartQuery", "logs/start-query-request.docs.json" },
        { "logs", "StartQuery", "logs/start-query-request-loggroup-arn.docs.json" },
        { "logs", "GetQueryResults", "logs/get-query-results-request.docs.json" },
        { "ce", "GetCostAndUsage", "ce/get-cost-and-usage-request.docs.json" },
        { "ce", "GetCostForecast", "ce/get-cost-forecast-request.docs.json" },
        { "budgets", "DescribeBudgets", "budgets/describe-budgets-request.docs.json" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_documented_request_passes_the_fakes_model_checks(string service, string operation, string file)
    {
        await using var aws = await FakeAws.StartAsync();
        foreach (var g in new[] { "LogGroupName1", "LogGroupName2", "LogGroupName3", "monitoring-logGroup-1234" }) aws.Server.Logs.AddLogGroup(g);
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.AwsSamples, file)))!;

        try
        {
            await aws.Client(AwsService.All.Single(s => s.Name == service), maxAttempts: 1).InvokeJsonAsync(operation, body, default);
        }
        catch (AwsServiceException e)
        {
            Assert.DoesNotContain("validation error", e.Message);
            Assert.NotEqual("SerializationException", e.ErrorCode);
        }

        Assert.Single(aws.Server.Calls);
    }

    [Fact]
    public async Task The_official_CreateUserPoolClient_example_is_accepted()
    {
        await using var aws = await FakeAws.StartAsync();
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.AwsModels, "cognito-idp.examples.json")))!;
        var input = example["examples"]!["CreateUserPoolClient"]![0]!["input"]!;
        aws.Server.Cognito.AddUserPool(input["UserPoolId"]!.GetValue<string>());

        var created = await aws.Client(AwsService.CognitoIdp).InvokeJsonAsync("CreateUserPoolClient", input, default);

        Assert.Equal("my-test-app-client", created!["UserPoolClient"]!["ClientName"]!.GetValue<string>());
        Assert.NotNull(created["UserPoolClient"]!["ClientSecret"]);
    }

    [Fact]
    public async Task Every_model_pattern_compiles_with_javas_meaning()
    {
        await using var aws = await FakeAws.StartAsync();

        Assert.Empty(aws.Server.UnenforcedPatterns);
        // Java reads the '-' in "[\p{L}\p{N}\p{Z}-_]" (ce CostCategoryName) as a literal; so must we.
        var costCategory = Autri.AwsFake.Model.JavaPattern.TryCompile(@"^(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )$", out _)!;
        Assert.Matches(costCategory, "team-a_b c");
        Assert.DoesNotMatch(costCategory, "a.b");
        Assert.DoesNotMatch(costCategory, " leading");
        // Java's \w is ASCII-only.
        var clientName = Autri.AwsFake.Model.JavaPattern.TryCompile(@"[\w\s+=,.@-]+", out _)!;
        Assert.Matches(clientName, "app_1 +=,.@-");
        Assert.DoesNotMatch(clientName, "Zoë");
    }
}
