namespace Autri.Portal.Features.Admin;

/// <summary>
/// The admin section's pages, in one place: the overview at <see cref="Overview"/> lists every one with what it is for,
/// the navbar's Admin menu the ones marked <see cref="AdminPage.InMenu"/>. A page added under /admin or /ops belongs
/// here (a test compares this list with the routes).
/// </summary>
public static class AdminPages
{
    public const string Overview = "/admin";

    public static readonly IReadOnlyList<AdminArea> Areas =
    [
        new("People and access",
        [
            new("/admin/allowlist", "Allowlist", "Who may sign in to the beta: add or remove emails, each change previewed and saved with a note."),
            new("/admin/allowlist/history", "Allowlist history", "Every saved version of the allowlist, who changed it and why; compare two versions or restore an old one.", InMenu: false),
            new("/admin/users", "Users", "Everyone who has an account, with their organisations, when they joined and when they last signed in."),
            new("/admin/connectors", "Connectors", "Every user's connectors with their owner, kind and last use; revoke one that should no longer work."),
            new("/admin/notifications", "Notifications", "Send a notification to everyone or to chosen people; it appears under their bell."),
        ]),
        new("Operations",
        [
            new(LogsPaths.Index, "Logs", "Run the saved Logs Insights queries of the runbook over a chosen time range."),
            new(LogsPaths.AdHoc, "Ad hoc log query", "Write a Logs Insights query of your own and run it over chosen log groups.", InMenu: false),
            new("/ops/costs", "Costs", "Spending per stack layer, month to date and day by day, against the AWS budgets."),
            new("/admin/health", "Health", "The running version, the state of each dependency and where each configuration value comes from."),
            new("/admin/config", "Configuration", "The deployment's parameters in Parameter Store, with secure values never decrypted."),
            new(Licence.LicencePaths.Page, "Licence", "The deployment's Autri licence: until when it is valid, and what to do when it ends.", InMenu: false),
            new(Diagnostics.DiagnosticsPaths.Page, "Diagnostics", "Generate a bundle for Autri support (no names, emails, documents or queries), download it or send it."),
        ]),
    ];

    public static IEnumerable<AdminPage> All => Areas.SelectMany(a => a.Pages);
}

/// <summary>A group of admin pages under one heading.</summary>
public sealed record AdminArea(string Heading, IReadOnlyList<AdminPage> Pages);

/// <summary>One admin page: where it is, its name in links, and one line saying what it is for.</summary>
public sealed record AdminPage(string Href, string Name, string Purpose, bool InMenu = true);
