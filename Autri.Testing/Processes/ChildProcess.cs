namespace Autri.Testing.Processes;

/// <summary>
/// A .NET app of this repository run as a real child process (<c>dotnet App.dll</c>), configured through its
/// environment, with every line it writes kept so a test can wait for and read its JSON log lines.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _newLine = new(0);

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public static ChildProcess Start(string project, IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(BuiltApp.Dll(project))!,
        };
        psi.ArgumentList.Add(BuiltApp.Dll(project));
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Only what the test gives: nothing of the test runner's own ASP.NET Core or app settings leaks in.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + project);
        var child = new ChildProcess(process, project);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until a line matches (or fails with everything the process wrote).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
                if (match(lines[seen])) return lines[seen];
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || (HasExited && seen >= Lines.Count))
                throw new TimeoutException($"{Name} never logged {what}{(HasExited ? $" (it exited with {_process.ExitCode})" : "")}. Its output:\n{string.Join('\n', Lines.TakeLast(80))}");
            await _newLine.WaitAsync(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// Waits until <paramref name="baseUrl"/>/readyz answers 2xx (the app has migrated and started), or fails with
    /// everything the process wrote when it exits first or takes longer than 90 s.
    /// </summary>
    public async Task WaitUntilReadyAsync(string baseUrl)
    {
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !HasExited; await Task.Delay(100))
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
        }
        throw new InvalidOperationException($"{Name} did not become ready at {baseUrl}:\n{string.Join('\n', Lines)}");
    }

    /// <summary>Writes a line to the process's standard input and closes it.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        _process.StandardInput.Close();
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>Kills the process (the whole tree) and waits for it.</summary>
    public Task StopAsync() => _process.KillTreeAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _newLine.Release();
    }
}
