namespace Autri.Infra.Database;

/// <summary>
/// The migrations of one database: the SQL files an assembly embeds under a resource prefix, in name order, and the
/// advisory-lock key that serializes applying them. The product's live in Autri.Infra; a host with a database of its
/// own (the coordination service) embeds its own folder and passes its set to <see cref="DatabaseSetup.AddDatabase"/>.
/// </summary>
public sealed record MigrationSet(IReadOnlyList<Migration> Migrations, long LockKey)
{
    /// <summary>Autri.Infra/Database/Migrations, embedded as <c>migrations/*.sql</c>.</summary>
    public static MigrationSet Product { get; } = Embedded(typeof(MigrationSet).Assembly, "migrations/", 0x417574726931); // "Autri1"

    public static MigrationSet Embedded(Assembly assembly, string resourcePrefix, long lockKey)
    {
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Migration.From(n[resourcePrefix.Length..], Read(assembly, n)))
            .ToList();
        if (migrations.Count == 0) throw new InvalidOperationException($"{assembly.GetName().Name} embeds no migrations under {resourcePrefix}");
        return new MigrationSet(migrations, lockKey);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var s = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(s, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
