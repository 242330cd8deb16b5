namespace Autri.Infra.Tests.Allowlist;

public sealed class SsmAllowlistEditorTests : AllowlistEditorContract
{
    private FakeAws _aws = null!;

    protected override async Task<IParameterStore> CreateStoreAsync(NpgsqlDataSource db)
    {
        _aws = await FakeAws.StartAsync();
        return new SsmParameterStore(new SsmClient(_aws.Client(AwsService.Ssm)));
    }

    protected override Task DeleteParameterAsync(string name)
    {
        _aws.Server.Ssm.Remove(name);
        return Task.CompletedTask;
    }

    protected override async Task DisposeStoreAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task Lasting_throttling_fails_with_its_code_after_the_retries_and_writes_nothing()
    {
        await Seed("ada@autri.test");
        _aws.Server.Failures.Enqueue("AmazonSSM.PutParameter", "ThrottlingException", 400, count: 10, message: "Rate exceeded");

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Add Bob"));

        Assert.Equal("ThrottlingException", Assert.IsType<SaveOutcome.Failed>(outcome).Error.Code);
        Assert.Equal(4, _aws.Server.Calls.Count(c => c.Operation == "PutParameter" && !c.Succeeded));
        Assert.Equal("ada@autri.test", _aws.Server.Ssm.ValueOf(Name));
        Assert.Empty(await AuditRowsAsync());
    }

    [Fact]
    public async Task Access_denied_fails_with_its_code_and_writes_nothing()
    {
        await Seed("ada@autri.test");
        _aws.Server.Failures.Enqueue("AmazonSSM.PutParameter", "AccessDeniedException", 400, message: "User is not authorized to perform: ssm:PutParameter");

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Add Bob"));

        Assert.Equal("AccessDeniedException", Assert.IsType<SaveOutcome.Failed>(outcome).Error.Code);
        Assert.Equal("ada@autri.test", _aws.Server.Ssm.ValueOf(Name));
    }

    [Fact]
    public async Task The_re_read_the_write_and_the_read_back_go_to_ssm_in_that_order_with_a_string_list_and_the_description()
    {
        await Seed("ada@autri.test");
        _aws.Server.ClearCalls();

        await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Add Bob"));

        // The last read is the version just written, read back to mirror it into connector suspensions (AllowlistMirror).
        Assert.Equal(["GetParameter", "PutParameter", "GetParameter"], _aws.Server.Calls.Select(c => c.Operation));
        var put = _aws.Server.Calls[1].Body;
        Assert.Equal("StringList", put.GetProperty("Type").GetString());
        Assert.True(put.GetProperty("Overwrite").GetBoolean());
        Assert.Equal("by admin@autri.test: Add Bob", put.GetProperty("Description").GetString());
        Assert.Equal("ada@autri.test,bob@autri.test", put.GetProperty("Value").GetString());
    }

    [Fact]
    public async Task The_principal_ssm_records_is_kept_apart_from_the_admin_named_in_the_description()
    {
        await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test"), 0, Admin, "First"));

        var current = await Editor.LoadAsync();

        Assert.Equal(_aws.Server.CallerArn, current!.Principal);
        Assert.Equal(Admin, current.Change.By);
    }
}
