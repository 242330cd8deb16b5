namespace Autri.Portal.Tests.Interop;

/// <summary>One step a client program asks the test to take (tests/mcp-interop/connect/driver.mjs), with its details.</summary>
public sealed record ClientStep(string Name, JsonElement Details)
{
    public string Get(string name) => Details.GetProperty(name).GetString()!;
}

/// <summary>
/// Runs a client program of tests/mcp-interop/connect under Node, answering each step it asks for (driving the
/// browser, moving the clock, revoking) and collecting everything it prints. The program's exit code is the verdict
/// on what it checked; the test adds its own checks on the database afterwards.
/// </summary>
public static class ClientProgram
{
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Steps, string Output);

    public static async Task<Outcome> RunAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string> env,
        Func<ClientStep, Task> onStep, TimeSpan timeout)
    {
        await NodeProject.EnsureInstalledAsync(NodeProject.Interop);
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(NodeProject.Interop, "connect"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var output = new StringBuilder();
        var steps = new List<string>();
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line) lock (output) output.AppendLine("[stderr] " + line);
        });
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                lock (output) output.AppendLine(line);
                if (!line.StartsWith("@@autri ", StringComparison.Ordinal)) continue;
                using var json = JsonDocument.Parse(line["@@autri ".Length..]);
                var step = new ClientStep(json.RootElement.GetProperty("step").GetString()!, json.RootElement.Clone());
                steps.Add(step.Name);
                try
                {
                    await onStep(step).WaitAsync(deadline.Token);
                    await process.StandardInput.WriteLineAsync("ok");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await process.StandardInput.WriteLineAsync("failed: " + ex.Message.ReplaceLineEndings(" "));
                    throw new InvalidOperationException($"Step {step.Name} failed; the program said so far:\n{output}", ex);
                }
                await process.StandardInput.FlushAsync();
            }
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}; it said:\n{output}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        await stderr;
        return new Outcome(process.ExitCode, steps, output.ToString());
    }
}
