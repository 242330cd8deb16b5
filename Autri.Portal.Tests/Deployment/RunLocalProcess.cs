namespace Autri.Portal.Tests.Deployment;

/// <summary>
/// scripts/run-local.sh of a checkout as a child process on ports of the test's choosing, its terminal output
/// (stdout and stderr, as a person sees them) collected. Stopped with SIGTERM, which the script handles as it does
/// Ctrl-C (a process started in the background may have SIGINT ignored, so SIGINT would test nothing there).
/// </summary>
public sealed partial class RunLocalProcess : IAsyncDisposable
{
    public const string RunningBanner = "Autri portal is running";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunLocalProcess(Process process, LocalPorts ports)
    {
        _process = process;
        Ports = ports;
    }

    public LocalPorts Ports { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Where the run command says the database lives (from its banner or its first lines).</summary>
    public string DataFolder => DataIn().Match(Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No data folder in:\n" + Output);

    public static RunLocalProcess Start(string checkout, LocalPorts ports, IDictionary<string, string>? environment = null, params string[] arguments)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = checkout };
        psi.ArgumentList.Add(Path.Combine(checkout, "scripts", "run-local.sh"));
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        psi.Environment["PG_PORT"] = ports.Postgres.ToString();
        psi.Environment["IDP_PORT"] = ports.Idp.ToString();
        psi.Environment["PORTAL_PORT"] = ports.Portal.ToString();
        psi.Environment["MCP_PORT"] = ports.Mcp.ToString();
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("bash did not start");
        var run = new RunLocalProcess(process, ports);
        process.OutputDataReceived += (_, e) => run.Append(e.Data);
        process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits for the banner; fails with the whole output if the script ends first or takes too long.</summary>
    public async Task WaitUntilRunningAsync()
    {
        // Generous: the first run builds the portal and the MCP server in Release on a loaded two-core machine.
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (!Output.Contains(RunningBanner, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"run-local.sh ended ({_process.ExitCode}) before it was running:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("run-local.sh was not running after 20 minutes:\n" + Output);
            await Task.Delay(250);
        }
    }

    /// <summary>Waits for the script to end by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (what Ctrl-C does, through the same handler) and waits for the script to end; its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    [GeneratedRegex(@"data in (/\S+?)\)?(?:…)?$", RegexOptions.Multiline)]
    private static partial Regex DataIn();
}

/// <summary>The four ports of a local stack, none of them the defaults (5080, 5090, 8000, 55432).</summary>
public sealed record LocalPorts(int Postgres, int Idp, int Portal, int Mcp)
{
    public static LocalPorts Free()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 4) ports.Add(FreePort.Next());
        var p = ports.ToArray();
        return new LocalPorts(p[0], p[1], p[2], p[3]);
    }

    public string PortalUrl => $"http://127.0.0.1:{Portal}";

    public string McpUrl => $"http://127.0.0.1:{Mcp}";
}
