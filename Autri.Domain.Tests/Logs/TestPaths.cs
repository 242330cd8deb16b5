namespace Autri.Domain.Tests.Logs;

internal static class TestPaths
{
    /// <summary>The folder holding Autri.slnx, found upwards from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autri.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Autri.slnx not found above " + AppContext.BaseDirectory);
    }
}
