namespace Autri.Logs.Engine;

/// <summary>A saved-query file does not follow ops/queries/README.md; the message names the file and the key.</summary>
public sealed class SavedQueryFormatException(string file, string message, Exception? inner = null)
    : Exception($"{file}: {message}", inner)
{
    public string File { get; } = file;
}
