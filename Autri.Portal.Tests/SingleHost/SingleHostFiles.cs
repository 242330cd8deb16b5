namespace Autri.Portal.Tests.SingleHost;

/// <summary>deploy/single-host's files, rendered by its own render.sh, as setup.sh renders them.</summary>
internal static class SingleHostFiles
{
    public static string Folder => Path.Combine(RepoPaths.Root, "deploy", "single-host");

    /// <summary>The template with these values (render.sh NAME=VALUE), or render.sh's exit code and error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> TryRenderAsync(string template, IReadOnlyDictionary<string, string> values)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(Folder, "render.sh"));
        psi.ArgumentList.Add(Path.Combine(Folder, template));
        foreach (var (name, value) in values) psi.ArgumentList.Add($"{name}={value}");
        return await RunAsync(psi);
    }

    public static async Task<string> RenderAsync(string template, IReadOnlyDictionary<string, string> values)
    {
        var (exitCode, output, error) = await TryRenderAsync(template, values);
        return exitCode == 0 ? output : throw new InvalidOperationException($"render.sh {template} failed: {error}");
    }

    /// <summary>
    /// A rendered env file as .NET configuration, read the way systemd's EnvironmentFile= and ASP.NET Core's
    /// environment-variable provider read it: NAME=VALUE lines, comments skipped, "__" meaning ":".
    /// </summary>
    public static async Task<Dictionary<string, string?>> EnvConfigurationAsync(string template, IReadOnlyDictionary<string, string> values)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in (await RenderAsync(template, values)).Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var equals = line.IndexOf('=');
            if (equals <= 0) throw new InvalidOperationException($"{template}: '{line}' is not NAME=VALUE");
            settings[line[..equals].Replace("__", ":")] = line[(equals + 1)..];
        }
        return settings;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo psi)
    {
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
