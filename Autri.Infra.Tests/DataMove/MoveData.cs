using System.Diagnostics;

namespace Autri.Infra.Tests.DataMove;

/// <summary>Runs scripts/move-data.sh (and the Postgres client tools) as an operator would, keeping what they print.</summary>
public static class MoveData
{
    public sealed record Result(int ExitCode, string Output);

    public static Task<Result> RunAsync(params string[] args) =>
        RunToolAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "move-data.sh"), .. args]);

    public static async Task<Result> RunToolAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("AUTRI_SOURCE_URL");
        psi.Environment.Remove("AUTRI_TARGET_URL");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The libpq URI of a test database's Npgsql connection string (the script takes what psql takes).</summary>
    public static string Url(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{Uri.EscapeDataString(b.Username!)}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database!)}";
    }
}
