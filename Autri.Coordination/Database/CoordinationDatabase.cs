namespace Autri.Coordination.Database;

/// <summary>The coordination service's own Postgres: its migrations (Database/Migrations here) and its data source.</summary>
public static class CoordinationDatabase
{
    public const string ApplicationName = "autri-coordination";

    public static MigrationSet Migrations { get; } =
        MigrationSet.Embedded(typeof(CoordinationDatabase).Assembly, "coordination-migrations/", 0x436F6F7264); // "Coord"

    public static void AddCoordinationDatabase(this WebApplicationBuilder builder, DatabaseOptions database) =>
        builder.Services.AddDatabase(database, ApplicationName, applyMigrations: true, Migrations);
}
