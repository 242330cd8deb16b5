using System.Text.RegularExpressions;

namespace Autri.Infra.Tests.Aws;

public class AwsJsonClientTests
{
    private static readonly PutParameterRequest SomeParameter = new() { Name = "/autri/test", Value = "v", Type = SsmParameterType.String };

    [Fact]
    public async Task Requests_carry_a_well_formed_sigv4_header_scoped_to_the_region_and_service()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm));

        await ssm.PutParameterAsync(SomeParameter);

        var call = Assert.Single(aws.Server.Calls);
        Assert.True(call.Succeeded, call.ErrorMessage);
        Assert.Equal("AmazonSSM.PutParameter", call.Target);
        Assert.Equal("application/x-amz-json-1.1", call.Header("Content-Type"));
        var auth = Regex.Match(call.Header("Authorization"),
            @"^AWS4-HMAC-SHA256 Credential=(?<akid>\w+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=[0-9a-f]{64}$");
        Assert.True(auth.Success, call.Header("Authorization"));
        Assert.Equal(AwsFakeServer.AccessKeyId, auth.Groups["akid"].Value);
        Assert.Equal(FakeAws.Region, auth.Groups["region"].Value);
        Assert.Equal("ssm", auth.Groups["service"].Value);
        Assert.StartsWith(auth.Groups["date"].Value, call.Header("X-Amz-Date"));
        Assert.Contains("host", auth.Groups["signed"].Value.Split(';'));
        Assert.Contains("x-amz-target", auth.Groups["signed"].Value.Split(';'));
    }

    [Fact]
    public async Task Global_services_sign_for_us_east_1_whatever_the_configured_region()
    {
        await using var aws = await FakeAws.StartAsync();
        var ce = aws.Client(AwsService.CostExplorer);

        await ce.InvokeJsonAsync("GetCostAndUsage", JsonNode.Parse("""{"TimePeriod":{"Start":"2026-01-01","End":"2026-02-01"},"Granularity":"MONTHLY","Metrics":["UnblendedCost"]}""")!, default);

        Assert.Contains("/us-east-1/ce/aws4_request", Assert.Single(aws.Server.Calls).Header("Authorization"));
    }

    [Fact]
    public async Task A_signature_made_with_the_wrong_secret_is_refused_and_not_retried()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm, credentials: new StaticAwsCredentials(AwsFakeServer.AccessKeyId, "not-the-secret")));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ssm.PutParameterAsync(SomeParameter));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.Single(aws.Server.Calls);
    }

    [Fact]
    public async Task Throttling_is_retried_until_it_succeeds()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm));
        aws.Server.Failures.Enqueue("AmazonSSM.PutParameter", "ThrottlingException", 400, count: 2, message: "Rate exceeded");

        var put = await ssm.PutParameterAsync(SomeParameter);

        Assert.Equal(1, put.Version);
        Assert.Equal(["ThrottlingException", "ThrottlingException", null], aws.Server.Calls.Select(c => c.ErrorCode));
    }

    [Fact]
    public async Task A_server_error_is_retried_until_it_succeeds()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm));
        aws.Server.Failures.Enqueue("*", "InternalServerError", 500);

        await ssm.PutParameterAsync(SomeParameter);

        Assert.Equal(2, aws.Server.Calls.Count);
        Assert.Equal(500, aws.Server.Calls[0].StatusCode);
    }

    [Fact]
    public async Task A_validation_error_is_not_retried()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            ssm.PutParameterAsync(SomeParameter with { Name = "/aws/reserved" }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Single(aws.Server.Calls);
    }

    [Fact]
    public async Task Exhausted_retries_surface_the_last_error_with_code_message_and_request_id()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm, maxAttempts: 3));
        aws.Server.Failures.Enqueue("AmazonSSM.GetParameter", "ThrottlingException", 400, count: 5, message: "Rate exceeded");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ssm.GetParameterAsync(new() { Name = "/autri/x" }));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("ssm", error.Service);
        Assert.Equal("GetParameter", error.Operation);
        Assert.True(Guid.TryParse(error.RequestId, out _), error.RequestId);
        Assert.Equal(3, aws.Server.Calls.Count);
        Assert.Equal(2, aws.Server.Failures.Pending);
    }

    [Fact]
    public async Task An_attempt_that_outlives_the_timeout_is_abandoned_and_retried()
    {
        await using var aws = await FakeAws.StartAsync();
        // The timeout leaves the second attempt room on a loaded machine (1 s was seen to run out on CI's two cores).
        var ssm = new SsmClient(aws.Client(AwsService.Ssm, maxAttempts: 2, timeout: TimeSpan.FromSeconds(4)));
        aws.Server.Failures.EnqueueDelay("AmazonSSM.PutParameter", TimeSpan.FromSeconds(60));

        var put = await ssm.PutParameterAsync(SomeParameter);

        Assert.Equal(1, put.Version);
    }

    [Fact]
    public async Task Timeouts_on_every_attempt_surface_as_RequestTimeout()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm, maxAttempts: 2, timeout: TimeSpan.FromMilliseconds(200)));
        aws.Server.Failures.EnqueueDelay("*", TimeSpan.FromSeconds(30), count: 2);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ssm.GetParameterAsync(new() { Name = "/autri/x" }));

        Assert.Equal("RequestTimeout", error.ErrorCode);
        Assert.Equal(0, error.StatusCode);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stops_at_once_without_retrying()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm));
        aws.Server.Failures.EnqueueDelay("*", TimeSpan.FromSeconds(30), count: 5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ssm.GetParameterAsync(new() { Name = "/autri/x" }, cts.Token));

        Assert.Equal(4, aws.Server.Failures.Pending);
    }

    [Fact]
    public async Task Network_failures_are_retried_then_surface_as_NetworkError()
    {
        await using var aws = await FakeAws.StartAsync();
        var closedPort = Autri.Testing.FreePort.Next();
        using var http = new HttpClient();
        var client = new AwsJsonClient(AwsClientSettings.For(AwsService.Ssm, FakeAws.Region, $"http://127.0.0.1:{closedPort}") with
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(2),
        }, http, new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new SsmClient(client).GetParameterAsync(new() { Name = "/x" }));

        Assert.Equal("NetworkError", error.ErrorCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task The_fake_rejects_a_name_shorter_than_the_model_allows_so_the_client_guards_it_before_sending()
    {
        await using var aws = await FakeAws.StartAsync();
        var raw = aws.Client(AwsService.Ssm);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => raw.InvokeJsonAsync("GetParameter", new JsonObject { ["Name"] = "" }, default));
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1", error.Message);

        await Assert.ThrowsAsync<ArgumentException>(() => new SsmClient(raw).GetParameterAsync(new() { Name = "" }));
        Assert.Single(aws.Server.Calls);
    }

    [Theory]
    [InlineData("""{"Name":"/x","Bogus":1}""", "Member 'Bogus' at 'bogus' is not a member of GetParameterRequest")]
    [InlineData("""{"Name":"/x","WithDecryption":"yes"}""", "Value at 'withDecryption' must be a boolean")]
    [InlineData("""{"Name":null}""", "Value null at 'name' is not allowed")]
    [InlineData("""{}""", "Value null at 'name' failed to satisfy constraint: Member must not be null")]
    public async Task The_fake_rejects_bodies_its_model_forbids(string body, string expected)
    {
        await using var aws = await FakeAws.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Client(AwsService.Ssm).InvokeJsonAsync("GetParameter", JsonNode.Parse(body)!, default));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task The_fake_rejects_unsigned_requests_and_unknown_targets()
    {
        await using var aws = await FakeAws.StartAsync();
        using var http = new HttpClient();

        var unsigned = await http.PostAsync(aws.Server.BaseUrl + "/", new StringContent("{}", null, "application/x-amz-json-1.1"));
        var request = new HttpRequestMessage(HttpMethod.Post, aws.Server.BaseUrl + "/") { Content = new StringContent("{}", null, "application/x-amz-json-1.1") };
        request.Headers.Add("X-Amz-Target", "AmazonSSM.GetParameter");
        var noAuth = await http.SendAsync(request);
        var unknown = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Client(AwsService.Ssm).InvokeJsonAsync("DescribeInstances", new JsonObject(), default));

        Assert.Equal(400, (int)unsigned.StatusCode);
        Assert.Contains("UnknownOperationException", await unsigned.Content.ReadAsStringAsync());
        Assert.Equal(403, (int)noAuth.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await noAuth.Content.ReadAsStringAsync());
        Assert.True(noAuth.Headers.Contains("x-amzn-RequestId"));
        Assert.Equal("UnknownOperationException", unknown.ErrorCode);
    }
}

public class SigningScopeTests
{
    [Fact]
    public async Task A_client_signing_for_another_region_is_refused()
    {
        await using var aws = await FakeAws.StartAsync();
        using var http = new HttpClient();
        var client = new AwsJsonClient(AwsClientSettings.For(AwsService.Ssm, "us-west-2", aws.Server.BaseUrl), http,
            new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new SsmClient(client).GetParameterAsync(new() { Name = "/x" }));

        Assert.Equal("IncompleteSignatureException", error.ErrorCode);
        Assert.Contains($"'{FakeAws.Region}'", error.Message);
    }

    [Fact]
    public async Task A_request_signed_for_another_service_is_refused()
    {
        await using var aws = await FakeAws.StartAsync();
        using var http = new HttpClient();
        // The Logs signing name with the SSM target prefix: the scope names the wrong service.
        var mislabelled = AwsService.Ssm with { SigningName = "logs" };
        var client = new AwsJsonClient(AwsClientSettings.For(mislabelled, FakeAws.Region, aws.Server.BaseUrl), http,
            new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new SsmClient(client).GetParameterAsync(new() { Name = "/x" }));

        Assert.Equal("IncompleteSignatureException", error.ErrorCode);
        Assert.Contains("correct service: 'ssm'", error.Message);
    }

    [Fact]
    public async Task An_unknown_access_key_is_UnrecognizedClientException()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm, credentials: new StaticAwsCredentials("AKIAUNKNOWNKEY000000", "x")));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ssm.GetParameterAsync(new() { Name = "/x" }));

        Assert.Equal("UnrecognizedClientException", error.ErrorCode);
    }
}

public class SessionCredentialsTests
{
    [Fact]
    public async Task Temporary_credentials_send_and_sign_the_session_token()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm,
            credentials: new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey, "session-token-from-sts")));

        await ssm.PutParameterAsync(new() { Name = "/s", Value = "v", Type = SsmParameterType.String });

        var call = Assert.Single(aws.Server.Calls);
        Assert.True(call.Succeeded, call.ErrorMessage);
        Assert.Equal("session-token-from-sts", call.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", call.Header("Authorization"));
    }
}

public class CredentialFailureTests
{
    private sealed class NoCredentials : IAwsCredentialsSource
    {
        public ValueTask<Amazon.Runtime.AWSCredentials> GetAsync(CancellationToken ct) =>
            throw new Amazon.Runtime.AmazonClientException("Failed to resolve AWS credentials.");
    }

    [Fact]
    public async Task Missing_credentials_surface_as_CredentialsUnavailable_without_a_request()
    {
        await using var aws = await FakeAws.StartAsync();
        var ssm = new SsmClient(aws.Client(AwsService.Ssm, credentials: new NoCredentials()));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ssm.GetParameterAsync(new() { Name = "/x" }));

        Assert.Equal("CredentialsUnavailable", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Empty(aws.Server.Calls);
    }
}
