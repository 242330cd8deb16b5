namespace Autri.Domain.Connectors;

/// <summary>The per-user cap on live connectors (configuration <c>Connectors:MaxPerUser</c>, default 10).</summary>
public static class ConnectorLimit
{
    public const int Default = 10;

    /// <param name="live">The user's connectors that are neither revoked nor expired.</param>
    public static bool AllowsAnother(int live, int max) => live < max;

    public static string Message(int max) =>
        $"You already have {max} active connectors, the most one person may have. Revoke one you no longer use, then create the new one.";
}
