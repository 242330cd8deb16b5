namespace Autri.Portal.Tests.SingleHost;

/// <summary>
/// deploy/single-host/setup.sh without changing this machine: its dry run, its argument checks, and the helpers every
/// change goes through (run for real in a temp folder).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class SetupScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("autri-setup-").FullName;

    private string SecretFile()
    {
        var file = Path.Combine(_folder, "oidc-secret");
        File.WriteAllText(file, "dev-portal-secret\n");
        return file;
    }

    private string[] Arguments() =>
    [
        "--portal-host", "portal.example.com", "--mcp-host", "mcp.example.com",
        "--oidc-issuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123", "--oidc-client-id", "1example23456789",
        "--oidc-client-secret-file", SecretFile(), "--contact-email", "ops@example.com", "--backup-s3-url", "s3://example-backups/autri",
    ];

    [Fact]
    public async Task The_dry_run_prints_every_step_and_changes_nothing_so_a_second_one_prints_the_same()
    {
        var etcAutri = Directory.Exists("/etc/autri");

        var first = await RunAsync("setup.sh", ["--dry-run", .. Arguments()]);
        var second = await RunAsync("setup.sh", ["--dry-run", .. Arguments()]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(etcAutri, Directory.Exists("/etc/autri"));
        var lines = first.Output.Split('\n');
        // Every step says what it would do, or that what it would do is already in place.
        foreach (var step in new[]
                 {
                     "nginx", "PostgreSQL", "/etc/autri/secrets.env", "autri_owner", "system user autri-portal", "system user autri-mcp",
                     "publish Autri.Portal (dotnet publish -c Release)", "publish Autri.Mcp (dotnet publish -c Release)",
                     "/etc/autri/migrate.env (mode 600, root:root)", "/etc/autri/portal.env (mode 600, root:root)", "/etc/autri/mcp.env (mode 600, root:root)",
                     "/etc/systemd/system/autri-migrate.service", "/etc/systemd/system/autri-portal.service", "/etc/systemd/system/autri-mcp.service",
                     "/etc/systemd/system/autri-backup.timer", "autri-portal.service.d/hardening.conf", "restart autri-portal and autri-mcp",
                     "/etc/nginx/sites-available/autri.conf", "nginx -t", "/etc/logrotate.d/autri", "/etc/autri/cloudwatch-agent.json",
                 })
            Assert.Contains(lines, l => (l.StartsWith("would: ", StringComparison.Ordinal) || l.StartsWith("ok: ", StringComparison.Ordinal)) && l.Contains(step));
        Assert.DoesNotContain(lines, l => l.StartsWith("==> ", StringComparison.Ordinal));
        Assert.Contains("certbot certonly --webroot -w /var/lib/autri-acme --cert-name portal.example.com -d portal.example.com -d mcp.example.com", first.Output);
        Assert.Contains("callback URL  https://portal.example.com/signin-oidc", first.Output);
        Assert.DoesNotContain("dev-portal-secret", first.Output + first.Error);
    }

    [Fact]
    public async Task Missing_and_bad_arguments_are_all_named_before_anything_is_done()
    {
        var run = await RunAsync("setup.sh", ["--dry-run", "--portal-host", "Portal_Example", "--mcp-host", "mcp.example.com", "--oidc-issuer", "http://idp.example.com",
            "--backup-retention-days", "0"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        foreach (var problem in new[] { "--oidc-client-id is required", "--contact-email is required", "'Portal_Example' is not a lower-case DNS name",
                     "--oidc-issuer must be an https URL", "--backup-retention-days must be a whole number" })
            Assert.Contains(problem, run.Error);
    }

    [Fact]
    public async Task A_client_secret_on_the_command_line_is_refused()
    {
        var run = await RunAsync("setup.sh", ["--dry-run", "--oidc-client-secret", "s3cret"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--oidc-client-secret-file", run.Error);
        Assert.DoesNotContain("s3cret", run.Output + run.Error);
    }

    [Fact]
    public async Task A_file_is_written_once_then_left_alone_and_a_dry_run_only_says_it_would()
    {
        var file = Path.Combine(_folder, "etc", "portal.env");
        var script = $"""
            . '{SingleHostFiles.Folder}/actions.sh'
            owner=$(id -un):$(id -gn)
            echo "$owner"
            echo 'A=1' | put 600 "$owner" '{file}'
            echo 'A=1' | put 600 "$owner" '{file}' || echo unchanged
            dry_run=1
            echo 'A=2' | put 600 "$owner" '{file}'
            act 'restart the portal' false
            """;

        var run = await RunAsync(null, ["-c", script]);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        var owner = lines[0];
        Assert.Equal([$"==> write {file} (mode 600, {owner})", $"ok: {file} unchanged", "unchanged",
            $"would: write {file} (mode 600, {owner})", "would: restart the portal"], lines[1..]);
        Assert.Equal("A=1\n", File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Rendering_names_every_placeholder_left_without_a_value_and_drops_empty_optional_settings()
    {
        var template = Path.Combine(_folder, "t.env.template");
        File.WriteAllText(template, "A={{ONE}}\nB={{TWO}}\nC={{THREE}}\n");

        var missing = await SingleHostFiles.TryRenderAsync(template, new Dictionary<string, string> { ["ONE"] = "1" });
        var rendered = await SingleHostFiles.RenderAsync(template, new Dictionary<string, string> { ["ONE"] = "a&b", ["TWO"] = "", ["THREE"] = "3" });

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no value for {{THREE}} {{TWO}}", missing.Error);
        Assert.Equal("A=a&b\nC=3\n", rendered);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string? script, string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (script is not null) psi.ArgumentList.Add(Path.Combine(SingleHostFiles.Folder, script));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return SingleHostFiles.RunAsync(psi);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
