namespace Autri.Portal.Features.Help;

/// <summary>Addresses of help pages that moved, kept working for bookmarks and the welcome notifications already sent.</summary>
public static class HelpEndpoints
{
    public const string ConnectPath = "/help/connect";

    /// <summary>Where the Claude Desktop guide was; it is now the guide for every Claude client.</summary>
    public const string ClaudeDesktopPath = "/help/claude-desktop";

    public static void MapHelp(this WebApplication app) =>
        app.MapGet(ClaudeDesktopPath, () => TypedResults.Redirect(ConnectPath, permanent: true)).AllowAnonymous();
}
