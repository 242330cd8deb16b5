namespace Autri.Logs.Engine;

/// <summary>Reads a folder of <c>.logsql</c> files (ops/queries) into a catalog. Loading fails on the first bad file.</summary>
public static class SavedQueryFolder
{
    /// <exception cref="DirectoryNotFoundException">When the folder does not exist.</exception>
    /// <exception cref="SavedQueryFormatException">Naming the first file that does not follow the format.</exception>
    public static SavedQueryCatalog Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Saved-query folder not found: {directory}");
        var files = Directory.EnumerateFiles(directory, "*" + SavedQueryFile.Extension).Order(StringComparer.Ordinal);
        return new SavedQueryCatalog(files.Select(f => SavedQueryFile.Parse(f, File.ReadAllText(f))));
    }
}
