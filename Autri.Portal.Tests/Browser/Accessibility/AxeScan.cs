using Deque.AxeCore.Commons;

namespace Autri.Portal.Tests.Browser.Accessibility;

/// <summary>
/// axe-core (the copy embedded in Deque.AxeCore.Playwright, injected through Playwright, so the pages' CSP does
/// not apply) over the page as it is now.
/// </summary>
public static class AxeScan
{
    /// <summary>What the portal must have none of; "moderate" and "minor" findings are not failures.</summary>
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>One line per failing element: rule, impact, the element's selector, what is wrong and how to fix it.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return
        [
            .. result.Violations
                .Where(v => Blocking.Contains(v.Impact))
                .SelectMany(v => v.Nodes.Select(n =>
                    $"{v.Id} ({v.Impact}) at {n.Target}: {Summary(n)} [{Flatten(n.Html)}] ({v.HelpUrl})")),
        ];
    }

    /// <summary>What axe's own failureSummary says: the messages of the checks that failed.</summary>
    private static string Summary(AxeResultNode node)
    {
        var parts = new List<string>();
        if (node.Any is { Length: > 0 } any) parts.Add("fix any of: " + string.Join("; ", any.Select(c => c.Message)));
        var all = (node.All ?? []).Concat(node.None ?? []).ToList();
        if (all.Count > 0) parts.Add("fix all of: " + string.Join("; ", all.Select(c => c.Message)));
        return Flatten(string.Join(" / ", parts));
    }

    private static string Flatten(string? text) => string.Join(' ', (text ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
