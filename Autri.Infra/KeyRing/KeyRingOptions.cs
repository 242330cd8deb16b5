namespace Autri.Infra.KeyRing;

/// <summary>
/// Section "DataProtection": where the key-encryption keys of the portal's key ring come from.
/// <list type="bullet">
/// <item><c>EncryptionKeys</c>: the keys themselves, separated by whitespace or commas, the first encrypting (AWS: the value
/// of the Secrets Manager secret <c>&lt;prefix&gt;/data-protection-key</c>, injected by ECS).</item>
/// <item><c>EncryptionKeyFile</c> (Local mode only): a file holding the same, created with one random key on first use,
/// readable by its owner alone (run-local.sh: <c>.local/data-protection.key</c>, git-ignored).</item>
/// </list>
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    public string? EncryptionKeys { get; set; }

    public string? EncryptionKeyFile { get; set; }

    /// <summary>The keys, or an exception naming what to configure (never a key).</summary>
    /// <param name="baseDirectory">What a relative <see cref="EncryptionKeyFile"/> is relative to (the content root).</param>
    public KeyEncryptionKeys Load(bool localMode, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(EncryptionKeys)) return Parse(EncryptionKeys, $"{Section}:EncryptionKeys");
        if (!localMode)
            throw new InvalidOperationException($"Configuration missing value for: {Section}:EncryptionKeys (in Aws mode the key ring's key comes from Secrets Manager; {Section}:EncryptionKeyFile is for Local mode only)");
        if (string.IsNullOrWhiteSpace(EncryptionKeyFile))
            throw new InvalidOperationException($"Configuration missing value for: {Section}:EncryptionKeys or {Section}:EncryptionKeyFile");
        var path = Path.GetFullPath(Path.Combine(baseDirectory, EncryptionKeyFile));
        return Parse(ReadOrCreate(path), $"{Section}:EncryptionKeyFile ({path})");
    }

    private static KeyEncryptionKeys Parse(string secrets, string source)
    {
        try
        {
            return KeyEncryptionKeys.Parse(secrets, source);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Configuration invalid value for: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The file's text; on first use a new random key, written to a temporary file (owner read/write only) and moved
    /// into place, so a second instance starting at the same moment reads a whole file or makes none.
    /// </summary>
    internal static string ReadOrCreate(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options)) stream.Write(Encoding.ASCII.GetBytes(secret + "\n"));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path);
        }
    }
}
