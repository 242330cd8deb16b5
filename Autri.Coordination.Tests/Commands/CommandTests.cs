using Autri.Coordination.Fleet;
using Autri.Domain.Releases;
using Autri.Infra.Licensing;
using Autri.Infra.Releases;
using Autri.Testing.Processes;

namespace Autri.Coordination.Tests.Commands;

/// <summary>The vendor's commands, run as the vendor runs them: <c>dotnet Autri.Coordination.dll &lt;command&gt;</c>, a real process.</summary>
[Collection(CoordinationCollection.Name)]
public sealed class CommandTests(CoordinationHost service) : IDisposable
{
    private readonly ThrowawayVendorKey _key = new();

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await using var process = ChildProcess.Start("Autri.Coordination", args, new Dictionary<string, string?> { ["Database__ConnectionString"] = service.ConnectionString });
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, string.Join('\n', process.Lines));
    }

    private string File(string name) => Path.Combine(_key.Folder, name);

    [Fact]
    public async Task Issue_licence_signs_a_licence_the_shipped_verifier_accepts_and_registers_its_deployment_and_credential()
    {
        var (code, output) = await RunAsync("issue-licence", "--key", _key.PrivateKeyFile, "--customer", "acme-issue", "--expires", "2031-06-30",
            "--seats", "25", "--grace-days", "21", "--features", "sso,audit", "--label", "Acme production", "--licence-out", File("licence.jws"), "--credential-out", File("credential"));

        Assert.True(code == 0, output);
        var check = await LicenceDocument.VerifyAsync(System.IO.File.ReadAllText(File("licence.jws")), _key.Private);
        Assert.True(check.IsValid, check.Problem);
        Assert.Equal("acme-issue", check.Claims!.CustomerId);
        Assert.Equal(25, check.Claims.Seats);
        Assert.Equal(TimeSpan.FromDays(21), check.Claims.GracePeriod);
        Assert.Equal(["sso", "audit"], check.Claims.Features);
        Assert.Equal(new DateTimeOffset(2031, 6, 30, 0, 0, 0, TimeSpan.Zero), check.Claims.ExpiresAt);
        var credential = System.IO.File.ReadAllText(File("credential")).Trim();
        Assert.DoesNotContain(credential, output); // written to the file, never printed as well
        Assert.True(await service.Registry.VerifyAsync(check.Claims.DeploymentId, credential));
        Assert.Equal("Acme production", (await service.Registry.FindAsync(check.Claims.DeploymentId))!.Label);
        Assert.Equal(1, await service.CountAsync("SELECT count(*) FROM deployments WHERE id = @id AND credential_hash = @hash",
            new { id = check.Claims.DeploymentId, hash = DeploymentCredential.Hash(credential) }));
    }

    [Fact]
    public async Task Renewing_keeps_the_credential_and_rotating_makes_a_new_one_the_old_working_until_the_new_is_used()
    {
        var (_, _) = await RunAsync("issue-licence", "--key", _key.PrivateKeyFile, "--customer", "acme-rotate", "--expires", "2030-01-01", "--seats", "5",
            "--licence-out", File("first.jws"), "--credential-out", File("first-credential"));
        var id = (await LicenceDocument.VerifyAsync(System.IO.File.ReadAllText(File("first.jws")), _key.Private)).Claims!.DeploymentId;
        var first = System.IO.File.ReadAllText(File("first-credential")).Trim();

        var renewal = await RunAsync("issue-licence", "--key", _key.PrivateKeyFile, "--customer", "acme-rotate", "--expires", "2032-01-01", "--seats", "5",
            "--deployment", id.ToString(), "--licence-out", File("renewed.jws"));
        var rotation = await RunAsync("rotate-credential", "--deployment", id.ToString(), "--credential-out", File("second-credential"));
        var second = System.IO.File.ReadAllText(File("second-credential")).Trim();

        Assert.True(renewal.ExitCode == 0, renewal.Output);
        Assert.Equal(2032, (await service.Registry.FindAsync(id))!.LicenceExpiresAt.Year);
        Assert.True(rotation.ExitCode == 0, rotation.Output);
        Assert.True(await service.Registry.VerifyAsync(id, first), "the old credential works until the new one is used");
        Assert.True(await service.Registry.VerifyAsync(id, second));
        Assert.False(await service.Registry.VerifyAsync(id, first), "the first use of the new credential retires the old one");
    }

    [Fact]
    public async Task Publish_manifest_signs_and_serves_it_and_refuses_what_agents_would_refuse()
    {
        var (id, credential) = await service.RegisterAsync();
        System.IO.File.WriteAllText(File("notes.md"), "Faster search.\nFixes the export bug.");

        var published = await RunAsync("publish-manifest", "--key", _key.PrivateKeyFile, "--channel", "stable", "--version", "7.1.0",
            "--notes-file", File("notes.md"), "--command", "cd infra-cdk && npx cdk deploy --all -c env={env}");
        var badCommand = await RunAsync("publish-manifest", "--key", _key.PrivateKeyFile, "--channel", "stable", "--version", "7.2.0",
            "--notes-file", File("notes.md"), "--command", "");
        var badChannel = await RunAsync("publish-manifest", "--key", _key.PrivateKeyFile, "--channel", "nightly", "--version", "7.2.0",
            "--notes-file", File("notes.md"), "--command", "x");

        Assert.True(published.ExitCode == 0, published.Output);
        Assert.Equal(2, badCommand.ExitCode);
        Assert.Equal(2, badChannel.ExitCode);
        Assert.Contains("usage: publish-manifest", badChannel.Output);
        using var agent = service.AgentClient(credential);
        var document = await agent.GetStringAsync($"/v1/deployments/{id}/manifests/stable");
        var check = await ManifestDocument.VerifyAsync(document, _key.Private);
        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(ReleaseVersion.Parse("7.1.0"), check.Manifest!.Version);
        Assert.Equal("Faster search.\nFixes the export bug.", check.Manifest.Notes);
        Assert.Equal("cd infra-cdk && npx cdk deploy --all -c env=acme", check.Manifest.UpgradeCommandFor("acme"));
    }

    [Fact]
    public async Task Hash_password_prints_a_hash_the_fleet_page_accepts_and_refuses_a_short_password()
    {
        await using var process = ChildProcess.Start("Autri.Coordination", ["hash-password"], new Dictionary<string, string?>());
        await process.WriteLineAsync("a long enough fleet password");
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var hash = process.Lines.Single(l => l.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal));

        Assert.True(AdminPassword.Verify("a long enough fleet password", hash));
        Assert.False(AdminPassword.Verify("another password", hash));

        await using var shortOne = ChildProcess.Start("Autri.Coordination", ["hash-password"], new Dictionary<string, string?>());
        await shortOne.WriteLineAsync("short");
        Assert.Equal(2, await shortOne.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_command_without_a_required_option_names_it_and_changes_nothing()
    {
        var before = await service.CountAsync("SELECT count(*) FROM deployments");

        var (code, output) = await RunAsync("issue-licence", "--key", _key.PrivateKeyFile, "--customer", "acme-missing", "--seats", "3");

        Assert.Equal(2, code);
        Assert.Contains("--expires is required", output);
        Assert.Equal(before, await service.CountAsync("SELECT count(*) FROM deployments"));
    }

    public void Dispose() => _key.Dispose();
}
