using Autri.Domain.Logs;
using Autri.Logs.Engine;

namespace Autri.Triggers.Tests;

public class PostConfirmationFunctionTests
{
    private const string SignUpSample = "post-confirmation-confirm-signup.RECONSTRUCTED.json";
    private const string SampleUser = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    private static byte[] SignUp(string email = "jane.doe@example.com", params (string, string)[] more) =>
        CognitoSamples.Read(SignUpSample, [("us-east-1_EXAMPLE", TriggerDeployment.PoolId), ("jane.doe@example.com", email), .. more]);

    private static async Task<(long Users, long Orgs, long Libraries, long Access, long Welcome)> CountsAsync(TriggerDeployment triggers)
    {
        await using var conn = await triggers.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(long, long, long, long, long)>("""
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM orgs), (SELECT count(*) FROM libraries),
                   (SELECT count(*) FROM library_access), (SELECT count(*) FROM notifications WHERE type = 'welcome')
            """);
    }

    [Fact]
    public async Task An_allowlisted_sign_up_gets_one_org_library_access_and_welcome_and_the_event_back()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser, new Dictionary<string, string> { ["email"] = "jane.doe@example.com" });
        var input = SignUp();

        var output = await LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, input);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(input), JsonNode.Parse(output)), "Cognito expects the event back unchanged");
        Assert.Equal((1L, 1L, 1L, 1L, 1L), await CountsAsync(triggers));
        await using var conn = await triggers.Db.OpenConnectionAsync();
        var user = await conn.QuerySingleAsync<(string Subject, string Email, DateTime? SignedIn)>("SELECT subject, email, last_sign_in_at FROM users");
        Assert.Equal((SampleUser, "jane.doe@example.com", null), user);
        Assert.Equal(ProvisioningService.WelcomeTitle, await conn.QuerySingleAsync<string>("SELECT title FROM notifications"));
        Assert.True(triggers.Aws.Cognito.HasUser(TriggerDeployment.PoolId, SampleUser));
        var line = Assert.Single(triggers.Events("user_provisioned"));
        Assert.Equal(SampleUser, line.GetProperty("user_name").GetString());
        Assert.True(line.GetProperty("created").GetBoolean());
        Assert.Empty(triggers.Events("trigger_failed"));
    }

    [Fact]
    public async Task A_replayed_sign_up_event_still_leaves_one_of_each()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var function = new PostConfirmationFunction(triggers.Host);

        await LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp());
        await LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp());

        Assert.Equal((1L, 1L, 1L, 1L, 1L), await CountsAsync(triggers));
        Assert.Equal([true, false], triggers.Events("user_provisioned").Select(l => l.GetProperty("created").GetBoolean()));
        // The password is read once per container, not per invocation.
        Assert.Single(triggers.SecretCalls, c => c.StatusCode == 200);
    }

    [Fact]
    public async Task The_allowlist_match_ignores_case_and_email_verified_may_be_a_JSON_boolean()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var input = SignUp("Jane.Doe@Example.COM", ("\"email_verified\": \"true\"", "\"email_verified\": true"));

        await LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, input);

        await using var conn = await triggers.Db.OpenConnectionAsync();
        Assert.Equal("jane.doe@example.com", await conn.QuerySingleAsync<string>("SELECT email FROM users"));
    }

    [Fact]
    public async Task A_Google_user_is_named_from_given_and_family_name()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var input = SignUp("ada@example.com",
            (SampleUser + "\",\n    \"callerContext", "google_1234567890\",\n    \"callerContext"),
            ("\"email\": \"ada@example.com\"", "\"email\": \"ada@example.com\", \"given_name\": \"Ada\", \"family_name\": \"Lovelace\""));

        await LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, input);

        await using var conn = await triggers.Db.OpenConnectionAsync();
        var (subject, name) = await conn.QuerySingleAsync<(string, string)>("SELECT subject, display_name FROM users");
        Assert.Equal(SampleUser, subject);
        Assert.Equal("Ada Lovelace", name);
        Assert.Equal("Ada Lovelace (personal)", await conn.QuerySingleAsync<string>("SELECT name FROM orgs"));
    }

    [Fact]
    public async Task A_sign_up_not_on_the_allowlist_is_deleted_and_refused_with_the_message_the_person_sees()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser, new Dictionary<string, string> { ["email"] = "mallory@example.com" });

        var refused = await Assert.ThrowsAsync<SignUpRefusedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp("mallory@example.com")));

        Assert.Equal("You are not invited to the beta yet. Write to beta@autri.example to ask for an invitation.", refused.Message);
        Assert.False(triggers.Aws.Cognito.HasUser(TriggerDeployment.PoolId, SampleUser));
        var delete = Assert.Single(triggers.Aws.Calls, c => c.Operation == "AdminDeleteUser");
        Assert.Equal(TriggerDeployment.PoolId, delete.Body.GetProperty("UserPoolId").GetString());
        Assert.Equal(SampleUser, delete.Body.GetProperty("Username").GetString());
        Assert.Equal((0L, 0L, 0L, 0L, 0L), await CountsAsync(triggers));
        var line = Assert.Single(triggers.Events("allowlist_rejected"));
        Assert.Equal("c9c47fe828a00115", line.GetProperty("email_hash").GetString());
        Assert.DoesNotContain("mallory@example.com", triggers.Output.ToString());
        Assert.Equal("trigger", line.GetProperty("source").GetString());
        Assert.Equal("not_on_allowlist", line.GetProperty("reason").GetString());
        Assert.Equal("info", line.GetProperty("level").GetString());
        Assert.Empty(triggers.Events("trigger_failed"));
        // Nothing is opened on the database for a refusal.
        Assert.Empty(triggers.SecretCalls);
    }

    [Fact]
    public async Task Without_a_contact_address_the_refusal_says_only_that_the_person_is_not_invited()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Environment.Remove(TriggerSettings.ContactEmailKey);
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser);

        var refused = await Assert.ThrowsAsync<SignUpRefusedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp("mallory@example.com")));

        Assert.Equal("You are not invited to the beta yet.", refused.Message);
    }

    [Fact]
    public async Task A_replayed_refusal_is_refused_again_although_the_user_is_already_gone()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser);
        var function = new PostConfirmationFunction(triggers.Host);

        await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp("mallory@example.com")));
        await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp("mallory@example.com")));

        Assert.Equal(["UserNotFoundException"], triggers.Aws.Calls.Where(c => c.Operation == "AdminDeleteUser" && !c.Succeeded).Select(c => c.ErrorCode));
        Assert.Equal(2, triggers.Events("allowlist_rejected").Count);
        Assert.Empty(triggers.Events("trigger_failed"));
    }

    [Fact]
    public async Task An_allowlisted_email_that_is_not_verified_is_deleted_and_asked_to_confirm()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser);

        var refused = await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(
            new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp(more: ("\"email_verified\": \"true\"", "\"email_verified\": \"false\""))));

        Assert.Equal(RefusalReason.EmailNotVerified, refused.Reason);
        Assert.Contains("not verified", refused.Message);
        Assert.False(triggers.Aws.Cognito.HasUser(TriggerDeployment.PoolId, SampleUser));
        Assert.Equal("email_not_verified", Assert.Single(triggers.Events("allowlist_rejected")).GetProperty("reason").GetString());
        Assert.Equal((0L, 0L, 0L, 0L, 0L), await CountsAsync(triggers));
    }

    private static async Task AccountLeftByAPreviousIdentityAsync(TriggerDeployment triggers, string email = "jane.doe@example.com")
    {
        await using var conn = await triggers.Db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO users (id, subject, email, display_name) VALUES (gen_random_uuid(), 'previous-sub', @email, 'Jane')", new { email });
    }

    [Fact]
    public async Task A_verified_sign_up_for_an_email_an_account_already_has_takes_that_account_over()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser);
        await AccountLeftByAPreviousIdentityAsync(triggers);

        await LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp());

        await using var conn = await triggers.Db.OpenConnectionAsync();
        Assert.Equal([SampleUser], (await conn.QueryAsync<string>("SELECT subject FROM users")).AsList());
    }

    [Fact]
    public async Task An_unverified_sign_up_for_an_email_an_account_already_has_leaves_that_account_alone()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser);
        await AccountLeftByAPreviousIdentityAsync(triggers);

        await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(
            new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp(more: ("\"email_verified\": \"true\"", "\"email_verified\": \"false\""))));

        await using var conn = await triggers.Db.OpenConnectionAsync();
        Assert.Equal(["previous-sub"], (await conn.QueryAsync<string>("SELECT subject FROM users")).AsList());
        Assert.Equal(0L, await conn.QuerySingleAsync<long>("SELECT count(*) FROM orgs"));
    }

    [Fact]
    public async Task A_forgotten_password_confirmation_passes_through_untouched()
    {
        await using var triggers = await TriggerDeployment.StartAsync(allowedEmails: "someone.else@example.com");
        var input = CognitoSamples.Read("post-confirmation-confirm-forgot-password.RECONSTRUCTED.json", ("us-east-1_EXAMPLE", TriggerDeployment.PoolId));

        var output = await LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, input);

        Assert.Equal(input, output);
        Assert.DoesNotContain(triggers.Aws.Calls, c => c.Service != "ssm" || c.Operation != "PutParameter");
        Assert.Equal((0L, 0L, 0L, 0L, 0L), await CountsAsync(triggers));
        Assert.Empty(triggers.LogLines());
    }

    [Fact]
    public async Task A_throttled_allowlist_read_is_retried_and_the_sign_up_goes_through()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Failures.Enqueue("AmazonSSM.GetParameter", "ThrottlingException", 400, count: 2);

        await LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp());

        Assert.Equal(new string?[] { "ThrottlingException", "ThrottlingException", null },
            triggers.Aws.Calls.Where(c => c.Operation == "GetParameter").Select(c => c.ErrorCode));
        Assert.Equal((1L, 1L, 1L, 1L, 1L), await CountsAsync(triggers));
        Assert.Empty(triggers.Events("trigger_failed"));
    }

    [Fact]
    public async Task When_the_allowlist_cannot_be_read_the_trigger_fails_logged_and_deletes_nobody()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Cognito.AddUser(TriggerDeployment.PoolId, SampleUser);
        triggers.Aws.Failures.Enqueue("AmazonSSM.GetParameter", "InternalServerError", 500, count: 3);

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp()));

        Assert.Equal(PostConfirmationFunction.FailureMessage, failed.Message);
        Assert.True(triggers.Aws.Cognito.HasUser(TriggerDeployment.PoolId, SampleUser));
        var line = Assert.Single(triggers.Events("trigger_failed"));
        Assert.Equal("error", line.GetProperty("level").GetString());
        Assert.Equal("post-confirmation", line.GetProperty("trigger").GetString());
        Assert.Equal(SampleUser, line.GetProperty("user_name").GetString());
        Assert.Equal("86e0b9e56c17cc4d", line.GetProperty("email_hash").GetString());
        Assert.DoesNotContain("jane.doe@example.com", triggers.Output.ToString());
        Assert.Equal("reading the allowlist parameter failed with InternalServerError", line.GetProperty("reason").GetString());
        Assert.StartsWith("Autri.Domain.Parameters.ParameterStoreException: ", line.GetProperty("exception").GetString());
    }

    [Fact]
    public async Task A_secret_read_that_fails_at_cold_start_is_tried_again_by_the_next_invocation()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Aws.Failures.Enqueue(TriggerDeployment.GetSecretValue, "InternalServiceError", 500, count: 3);
        var function = new PostConfirmationFunction(triggers.Host);

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() => LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp()));
        await LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp());

        Assert.Equal("AWS secretsmanager GetSecretValue failed with InternalServiceError",
            Assert.Single(triggers.Events("trigger_failed")).GetProperty("reason").GetString());
        Assert.IsType<Infra.Aws.AwsServiceException>(failed.InnerException);
        Assert.Equal((1L, 1L, 1L, 1L, 1L), await CountsAsync(triggers));
    }

    [Fact]
    public async Task An_invocation_over_its_budget_ends_as_a_logged_failure()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Budget = TimeSpan.FromMilliseconds(300);
        triggers.Aws.Failures.EnqueueDelay("AmazonSSM.GetParameter", TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TriggerFailedException>(() => LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp()));

        Assert.Equal("did not finish within 0.3 s", Assert.Single(triggers.Events("trigger_failed")).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    public async Task A_body_that_is_not_an_event_object_fails_with_a_clear_cause(string body, string cause)
    {
        await using var triggers = await TriggerDeployment.StartAsync();

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, Encoding.UTF8.GetBytes(body)));

        Assert.Contains(cause, Assert.IsType<TriggerEventException>(failed.InnerException).Message);
        Assert.Equal("the event is malformed", Assert.Single(triggers.Events("trigger_failed")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_docs_minimal_test_event_is_refused_naming_the_missing_trigger_source()
    {
        await using var triggers = await TriggerDeployment.StartAsync();

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, CognitoSamples.Read("post-confirmation.docs-test-event.json")));

        Assert.Equal("The post-confirmation event has no triggerSource (a non-empty string)", failed.InnerException!.Message);
    }

    [Fact]
    public async Task An_unknown_trigger_source_is_a_failure_not_a_silent_pass()
    {
        await using var triggers = await TriggerDeployment.StartAsync();

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, CognitoSamples.Read("post-confirmation.aws-lambda-dotnet.json")));

        Assert.Contains("triggerSource 'trigger_source'", failed.InnerException!.Message);
        Assert.Equal("username_uuid", Assert.Single(triggers.Events("trigger_failed")).GetProperty("user_name").GetString());
    }

    [Fact]
    public async Task A_missing_allowlist_setting_fails_naming_the_variable()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Environment.Remove(TriggerSettings.AllowedEmailsParameterKey);

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PostConfirmationFunction(triggers.Host).HandleAsync, SignUp()));

        Assert.Equal("Configuration missing value for: ALLOWED_EMAILS_PARAMETER", failed.InnerException!.Message);
        Assert.Equal("the function is misconfigured", Assert.Single(triggers.Events("trigger_failed")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Trigger_refusals_show_in_the_allowlist_rejections_saved_query()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var function = new PostConfirmationFunction(triggers.Host);
        await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp("eve@example.com")));
        await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp("eve@example.com")));
        var logs = Directory.CreateTempSubdirectory("autri-trigger-logs");
        try
        {
            // The local engine reads <group>.jsonl: the trigger's stdout is what CloudWatch would hold for "triggers".
            await File.WriteAllTextAsync(Path.Combine(logs.FullName, "triggers.jsonl"), triggers.Output.ToString());
            var saved = SavedQueryFolder.Load(Path.Combine(RepoPaths.Root, "ops", "queries")).Find("allowlist-rejections")!;

            var result = new LocalLogEngine(logs.FullName).Run(new LogsQueryRequest(saved.Query, saved.LogGroups,
                DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1)));

            var row = Assert.Single(result.Rows);
            Assert.Equal(("d0574c4966d2c326", "trigger", "2"),
                (row.Single(f => f.Field == "email_hash").Value, row.Single(f => f.Field == "source").Value, row.Single(f => f.Field == "attempts").Value));
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Every_line_is_one_flat_JSON_object_with_the_documented_fields()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var function = new PostConfirmationFunction(triggers.Host);
        await LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp());
        await Assert.ThrowsAsync<SignUpRefusedException>(() => LambdaRuntime.InvokeAsync(function.HandleAsync, SignUp("eve@example.com")));

        var lines = triggers.LogLines();

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l =>
        {
            foreach (var field in new[] { "time", "level", "logger", "message", "event" })
                Assert.Equal(JsonValueKind.String, l.GetProperty(field).ValueKind);
            Assert.DoesNotContain(l.EnumerateObject(), p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array);
        });
        Assert.DoesNotContain("not-checked-by-trust-auth", triggers.Output.ToString());
    }
}
