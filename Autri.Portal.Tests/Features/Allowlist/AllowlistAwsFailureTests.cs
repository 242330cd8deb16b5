namespace Autri.Portal.Tests.Features.Allowlist;

/// <summary>What the admin sees when SSM refuses or fails (answers injected into the strict fake): a clear message, nothing written, the input kept.</summary>
[Collection(AllowlistCollection.Name)]
public class AllowlistAwsFailureTests(AllowlistStack stack)
{
    private AllowlistTarget T => stack.AwsMode;

    private async Task<(PortalSession Admin, Page Preview)> PreviewAsync(string note)
    {
        await T.ResetAsync("ada@autri.test");
        var admin = await PortalSession.SignInAsync(T.Url, DevIdentityProvider.AdminEmail);
        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), "allowlist-edit", f => f.Set("Edit.Additions", "bob@autri.test").Set("Edit.Note", note));
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        return (admin, preview);
    }

    private static void AssertInputKept(Page page, string note)
    {
        var form = FormFields.Of(page.Form("allowlist-save"));
        Assert.Equal("ada@autri.test,bob@autri.test", form.Get("Save.Proposed"));
        Assert.Equal("1", form.Get("Save.BaseVersion"));
        Assert.Equal("bob@autri.test", form.Get("Save.Additions"));
        Assert.Equal(note, form.Get("Save.Note"));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_says_so_keeps_the_input_writes_nothing_and_a_retry_later_saves()
    {
        var (admin, preview) = await PreviewAsync("Add Bob while throttled");
        using var _ = admin;
        stack.Aws.Failures.Enqueue("AmazonSSM.PutParameter", "ThrottlingException", 400, count: 10, message: "Rate exceeded");

        var page = await admin.SubmitAsync(preview, "allowlist-save", f => f.Set("Save.Intent", "save"));

        stack.Aws.Failures.Clear();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Contains("AWS is throttling Parameter Store requests, still after the portal's retries. Nothing was saved; your changes are kept below.", page.TextOf("store-error"));
        AssertInputKept(page, "Add Bob while throttled");
        Assert.Equal("ada@autri.test", stack.Aws.Ssm.ValueOf(T.ParameterName));
        Assert.Empty(await AuditRows.ForNoteAsync(stack.Db, "Add Bob while throttled"));

        var retried = await admin.SubmitAsync(page, "allowlist-save", f => f.Set("Save.Intent", "save"));

        Assert.Equal("/admin/allowlist?saved=2", retried.Location);
        Assert.Equal("ada@autri.test,bob@autri.test", stack.Aws.Ssm.ValueOf(T.ParameterName));
    }

    [Fact]
    public async Task Access_denied_on_save_names_the_missing_permission_and_keeps_the_input()
    {
        var (admin, preview) = await PreviewAsync("Add Bob without permission");
        using var _ = admin;
        stack.Aws.Failures.Enqueue("AmazonSSM.PutParameter", "AccessDeniedException", 400, message: "User is not authorized to perform: ssm:PutParameter");

        var page = await admin.SubmitAsync(preview, "allowlist-save", f => f.Set("Save.Intent", "save"));

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains($"AWS denied the portal's role ssm:PutParameter on {T.ParameterName}. Nothing was saved", page.TextOf("store-error"));
        AssertInputKept(page, "Add Bob without permission");
        Assert.Equal("ada@autri.test", stack.Aws.Ssm.ValueOf(T.ParameterName));
    }

    [Fact]
    public async Task A_value_ssm_refuses_shows_aws_reason_and_keeps_the_input()
    {
        var (admin, preview) = await PreviewAsync("Add Bob, refused");
        using var _ = admin;
        stack.Aws.Failures.Enqueue("AmazonSSM.PutParameter", "ValidationException", 400,
            message: "Standard tier parameters support a maximum parameter value of 4096 characters.");

        var page = await admin.SubmitAsync(preview, "allowlist-save", f => f.Set("Save.Intent", "save"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("Parameter Store refused the value", page.TextOf("store-error"));
        Assert.Contains("maximum parameter value of 4096 characters", page.TextOf("store-error"));
        AssertInputKept(page, "Add Bob, refused");
    }

    [Fact]
    public async Task Access_denied_on_reading_the_list_is_explained_instead_of_an_editor()
    {
        await T.ResetAsync("ada@autri.test");
        using var admin = await PortalSession.SignInAsync(T.Url, DevIdentityProvider.AdminEmail);
        stack.Aws.Failures.Enqueue("AmazonSSM.GetParameterHistory", "AccessDeniedException", 400, message: "not authorized");

        var page = await admin.GetAsync("/admin/allowlist");

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains("AWS denied the portal's role read access", page.TextOf("store-error"));
        Assert.False(page.HasForm("allowlist-edit"));
    }
}
