using AngleSharp.Html.Parser;

namespace Autri.Testing.Web;

/// <summary>A portal response read as a browser would see it: status, redirect, parsed document, visible text.</summary>
public sealed class Page
{
    private static readonly HtmlParser Parser = new();

    private Page(HttpResponseMessage response, string html)
    {
        Response = response;
        Html = html;
        Document = Parser.ParseDocument(html);
    }

    public HttpResponseMessage Response { get; }

    public HttpStatusCode Status => Response.StatusCode;

    /// <summary>The path and query this page was requested at.</summary>
    public string Path => Response.RequestMessage!.RequestUri!.PathAndQuery;

    /// <summary>Path and query of a redirect: static SSR answers with an absolute Location, tests compare paths.</summary>
    public string? Location => Response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.ToString()) : null;

    public string? CacheControl => Response.Headers.CacheControl?.ToString();

    public IDocument Document { get; }

    public string Html { get; }

    /// <summary>The visible text, whitespace collapsed, for readable assertions.</summary>
    public string Text => Collapse(Document.Body?.TextContent ?? "");

    public static async Task<Page> ReadAsync(HttpResponseMessage response) => new(response, await response.Content.ReadAsStringAsync());

    /// <summary>The trimmed text of the first element matching <paramref name="selector"/>, or null.</summary>
    public string? TextAt(string selector) => Document.QuerySelector(selector)?.TextContent.Trim();

    public string TextOf(string testId) =>
        Collapse(Document.QuerySelector($"[data-testid='{testId}']")?.TextContent ?? throw new InvalidOperationException($"No [data-testid={testId}] on {Path}: {Excerpt}"));

    public bool Has(string testId) => Document.QuerySelector($"[data-testid='{testId}']") is not null;

    public IReadOnlyList<string> ItemsOf(string testId, string label) =>
        Document.QuerySelectorAll($"[data-testid='{testId}'] ul[aria-label='{label}'] li").Select(li => li.TextContent.Trim().TrimStart('+', '−').Trim()).ToList();

    /// <summary>The static-SSR form whose hidden <c>_handler</c> field names it.</summary>
    public IElement Form(string name) =>
        Document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{name}']") is not null)
        ?? throw new InvalidOperationException($"No form '{name}' on {Path} ({(int)Status}): {Excerpt}");

    public bool HasForm(string name) => Document.QuerySelectorAll("form").Any(f => f.QuerySelector($"input[name=_handler][value='{name}']") is not null);

    public string? AntiforgeryToken => Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");

    private string Excerpt => Text[..Math.Min(600, Text.Length)];

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
