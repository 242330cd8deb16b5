namespace Autri.Testing;

/// <summary>Finds the repository root (the folder holding Autri.slnx) and ../shared beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string AwsModels => Path.Combine(Shared, "aws-models");

    public static string AwsSamples => Path.Combine(Shared, "aws-samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Autri.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Autri.slnx not found above " + AppContext.BaseDirectory);
    }
}
