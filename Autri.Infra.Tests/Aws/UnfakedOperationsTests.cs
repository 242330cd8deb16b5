namespace Autri.Infra.Tests.Aws;

/// <summary>
/// Operations the app does not call are not faked: a well-formed request for one answers UnsupportedByFake, so a
/// new caller cannot pass its tests against behaviour nobody checked.
/// </summary>
public class UnfakedOperationsTests
{
    private const string Pool = "eu-west-3_AbCdEf123";

    public static TheoryData<string, string, string> Requests() => new()
    {
        { "ssm", "GetParameters", """{"Names":["/a"]}""" },
        { "ssm", "DeleteParameter", """{"Name":"/a"}""" },
        { "ssm", "LabelParameterVersion", """{"Name":"/a","Labels":["stable"]}""" },
        { "cognito-idp", "UpdateUserPoolClient", $$"""{"UserPoolId":"{{Pool}}","ClientId":"abc"}""" },
        { "cognito-idp", "ListUserPoolClients", $$"""{"UserPoolId":"{{Pool}}"}""" },
        { "cognito-idp", "DescribeResourceServer", $$"""{"UserPoolId":"{{Pool}}","Identifier":"https://mcp.example.com"}""" },
        { "logs", "PutQueryDefinition", """{"name":"autri/errors","queryString":"fields @message"}""" },
        { "logs", "DescribeQueryDefinitions", "{}" },
        { "logs", "DeleteQueryDefinition", """{"queryDefinitionId":"abc"}""" },
        { "logs", "DescribeLogGroups", "{}" },
        { "logs", "DescribeQueries", "{}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_operation_nothing_calls_answers_UnsupportedByFake(string service, string operation, string body)
    {
        await using var aws = await FakeAws.StartAsync();
        aws.Server.Cognito.AddUserPool(Pool);
        var client = aws.Client(AwsService.All.Single(s => s.Name == service), maxAttempts: 1);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.InvokeJsonAsync(operation, JsonNode.Parse(body)!, default));

        Assert.Equal("UnsupportedByFake", error.ErrorCode);
    }

    [Fact]
    public async Task A_label_filter_is_not_faked()
    {
        await using var aws = await FakeAws.StartAsync();
        var client = aws.Client(AwsService.Ssm, maxAttempts: 1);
        var body = JsonNode.Parse("""{"Path":"/a","ParameterFilters":[{"Key":"Label","Option":"Equals","Values":["stable"]}]}""")!;

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.InvokeJsonAsync("GetParametersByPath", body, default));

        Assert.Equal("UnsupportedByFake", error.ErrorCode);
    }
}
