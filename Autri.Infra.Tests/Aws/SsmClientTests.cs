namespace Autri.Infra.Tests.Aws;

public sealed class SsmClientTests() : FakeAwsTests<SsmClient>(AwsService.Ssm, c => new SsmClient(c))
{
    [Fact]
    public async Task A_SecureString_comes_back_as_ciphertext_unless_decrypted()
    {
        await Client.PutParameterAsync(new() { Name = "/autri/pepper", Value = "s3cret", Type = SsmParameterType.SecureString });

        var hidden = (await Client.GetParameterAsync(new() { Name = "/autri/pepper" })).Parameter!;
        var shown = (await Client.GetParameterAsync(new() { Name = "/autri/pepper", WithDecryption = true })).Parameter!;

        Assert.StartsWith("AQICAH", hidden.Value);
        Assert.DoesNotContain("s3cret", hidden.Value);
        Assert.Equal("s3cret", shown.Value);
        Assert.Equal($"arn:aws:ssm:{FakeAws.Region}:123456789012:parameter/autri/pepper", shown.ARN);
        Assert.NotNull(shown.LastModifiedDate);
    }

    [Fact]
    public async Task A_version_selector_reads_an_older_value_and_a_label_selector_is_not_faked()
    {
        await Client.PutParameterAsync(new() { Name = "/v", Value = "one", Type = SsmParameterType.String });
        await Client.PutParameterAsync(new() { Name = "/v", Value = "two", Overwrite = true });

        var byVersion = (await Client.GetParameterAsync(new() { Name = "/v:1" })).Parameter!;
        var noVersion = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetParameterAsync(new() { Name = "/v:3" }));
        var byLabel = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetParameterAsync(new() { Name = "/v:stable" }));

        Assert.Equal(("one", ":1"), (byVersion.Value, byVersion.Selector));
        Assert.Equal("ParameterVersionNotFound", noVersion.ErrorCode);
        Assert.Equal("UnsupportedByFake", byLabel.ErrorCode);
    }

    [Fact]
    public async Task The_101st_version_drops_the_oldest()
    {
        for (var i = 1; i <= 101; i++) await Client.PutParameterAsync(new() { Name = "/cap", Value = "v" + i, Type = SsmParameterType.String, Overwrite = true });

        var oldest = (await Client.GetParameterHistoryAsync(new() { Name = "/cap" })).Parameters![0];
        var dropped = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetParameterAsync(new() { Name = "/cap:1" }));

        Assert.Equal((2L, "v2"), (oldest.Version!.Value, oldest.Value));
        Assert.Equal("ParameterVersionNotFound", dropped.ErrorCode);
    }

    [Fact]
    public async Task History_pages_at_most_fifty_oldest_first_and_names_who_changed_it()
    {
        for (var i = 1; i <= 60; i++) await Client.PutParameterAsync(new() { Name = "/h", Value = "v" + i, Type = SsmParameterType.String, Overwrite = true });

        var first = await Client.GetParameterHistoryAsync(new() { Name = "/h" });
        var second = await Client.GetParameterHistoryAsync(new() { Name = "/h", NextToken = first.NextToken });
        var tooMany = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetParameterHistoryAsync(new() { Name = "/h", MaxResults = 51 }));

        Assert.Equal(50, first.Parameters!.Count);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long?)i), first.Parameters.Concat(second.Parameters!).Select(p => p.Version));
        Assert.Null(second.NextToken);
        Assert.Equal(Aws.Server.CallerArn, first.Parameters[0].LastModifiedUser);
        Assert.Equal("ValidationException", tooMany.ErrorCode);
    }

    [Fact]
    public async Task By_path_refuses_more_than_ten_a_page_and_filters_by_type()
    {
        await Client.PutParameterAsync(new() { Name = "/p/a", Value = "1", Type = SsmParameterType.String });
        await Client.PutParameterAsync(new() { Name = "/p/b", Value = "2", Type = SsmParameterType.SecureString });

        var tooMany = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetParametersByPathAsync(new() { Path = "/p", MaxResults = 11 }));
        var secure = await Client.GetParametersByPathAsync(new()
        {
            Path = "/p",
            ParameterFilters = [new() { Key = "Type", Option = "Equals", Values = [SsmParameterType.SecureString] }],
        });

        Assert.Contains("Member must have value less than or equal to 10", tooMany.Message);
        Assert.Equal("/p/b", Assert.Single(secure.Parameters!).Name);
    }

    [Fact]
    public async Task A_new_parameter_without_a_type_is_refused()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.PutParameterAsync(new() { Name = "/t", Value = "1" }));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Theory]
    [InlineData("get-parameter.docs.json")]
    [InlineData("get-parameter-string.aws-cli.json")]
    [InlineData("get-parameter-securestring-decrypted.aws-cli.json")]
    public void Documented_GetParameter_answers_read_into_the_response_type(string file)
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.AwsSamples, "ssm", file));

        var p = JsonSerializer.Deserialize<GetParameterResponse>(json, AwsService.Ssm.Json)!.Parameter!;

        Assert.False(string.IsNullOrEmpty(p.Name));
        Assert.NotNull(p.Version);
        Assert.InRange(p.LastModifiedDate!.Value, new DateTime(2015, 1, 1), new DateTime(2030, 1, 1));
    }

    [Fact]
    public void Timestamps_go_on_the_wire_as_epoch_seconds_and_nulls_are_left_out()
    {
        var json = JsonSerializer.Serialize(new ParameterHistory { Name = "/x", LastModifiedDate = new DateTime(2020, 2, 25, 19, 1, 28, 800, DateTimeKind.Utc) }, AwsService.Ssm.Json);

        Assert.Equal("""{"Name":"/x","LastModifiedDate":1582657288.8}""", json);
    }
}
