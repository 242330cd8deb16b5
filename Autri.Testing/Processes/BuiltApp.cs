namespace Autri.Testing.Processes;

/// <summary>
/// Where a project's build output is, in the configuration the tests themselves were built in (the test project
/// references the app, so building the tests builds it).
/// </summary>
public static class BuiltApp
{
    public static string Dll(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built; build {project} ({configuration}) first");
    }
}
