namespace Autri.Infra.Database;

/// <summary>
/// The Postgres role of each deployable, created with its grants by migration 0012 (which names the same three; a test
/// holds them together). Each app connects as its own role; the tables belong to the owner that applies migrations.
/// infra-cdk makes one Secrets Manager secret per role, and the migrate step sets each role's password from it.
/// </summary>
public static class AppRoles
{
    public const string Portal = "autri_portal";
    public const string Mcp = "autri_mcp";
    public const string Triggers = "autri_triggers";

    public static readonly IReadOnlyList<string> All = [Portal, Mcp, Triggers];
}
