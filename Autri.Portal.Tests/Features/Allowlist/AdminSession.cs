using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Autri.Portal.Tests.Support;

namespace Autri.Portal.Tests.Features.Allowlist;

/// <summary>
/// A signed-in session driving the portal's forms as a browser without script would: it reads a form's fields from
/// the page (hidden inputs, textareas, ticked checkboxes, the antiforgery token), lets the test change some, and posts.
/// </summary>
public sealed class AdminSession : IDisposable
{
    private readonly HttpSignIn _http = new();
    private readonly string _portal;

    private AdminSession(string portal) => _portal = portal;

    public static async Task<AdminSession> SignInAsync(string portalUrl, string email = "admin@autri.test")
    {
        var session = new AdminSession(portalUrl);
        var landed = await session._http.SignInAsync(portalUrl, email);
        if (landed != "/") throw new InvalidOperationException($"{email} landed on {landed}");
        return session;
    }

    public HttpClient Client => _http.Client;

    public async Task<Page> GetAsync(string path) => await Page.ReadAsync(await _http.Client.GetAsync(_portal + path));

    /// <summary>Posts the form named <paramref name="formName"/> on <paramref name="page"/> with some fields changed.</summary>
    public async Task<Page> SubmitAsync(Page page, string formName, Action<FormFields>? fill = null)
    {
        var form = page.Form(formName);
        var fields = FormFields.Of(form);
        fill?.Invoke(fields);
        var action = form.GetAttribute("action") ?? page.Path;
        return await Page.ReadAsync(await _http.Client.PostAsync(_portal + action, new FormUrlEncodedContent(fields.Pairs)));
    }

    /// <summary>Follows a redirect (post/redirect/get).</summary>
    public async Task<Page> FollowAsync(Page page)
    {
        Assert.True(page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"expected a redirect, got {(int)page.Status}: {page.Text[..Math.Min(400, page.Text.Length)]}");
        return await GetAsync(page.Location!);
    }

    public void Dispose() => _http.Dispose();
}

public sealed class Page
{
    private static readonly HtmlParser Parser = new();

    private Page(HttpStatusCode status, string path, string? location, IDocument document, string html)
    {
        Status = status;
        Path = path;
        Location = location;
        Document = document;
        Html = html;
    }

    public HttpStatusCode Status { get; }
    public string Path { get; }
    public string? Location { get; }
    public IDocument Document { get; }
    public string Html { get; }

    /// <summary>The visible text, whitespace collapsed, for readable assertions.</summary>
    public string Text => string.Join(' ', (Document.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        // Redirects may name the portal's own origin; tests compare paths.
        var location = response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.ToString();
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!.PathAndQuery, location, Parser.ParseDocument(html), html);
    }

    public IElement Form(string name) =>
        Document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{name}']") is not null)
        ?? throw new InvalidOperationException($"No form '{name}' on {Path} ({(int)Status}): {Text[..Math.Min(600, Text.Length)]}");

    public bool HasForm(string name) => Document.QuerySelectorAll("form").Any(f => f.QuerySelector($"input[name=_handler][value='{name}']") is not null);

    public string TextOf(string testId) =>
        string.Join(' ', (Document.QuerySelector($"[data-testid='{testId}']")?.TextContent ?? throw new InvalidOperationException($"No [data-testid={testId}] on {Path}: {Text[..Math.Min(600, Text.Length)]}"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public bool Has(string testId) => Document.QuerySelector($"[data-testid='{testId}']") is not null;

    public IReadOnlyList<string> ItemsOf(string testId, string label) =>
        Document.QuerySelectorAll($"[data-testid='{testId}'] ul[aria-label='{label}'] li").Select(li => li.TextContent.Trim().TrimStart('+', '−').Trim()).ToList();
}

/// <summary>A form's fields as the browser would send them, editable by the test.</summary>
public sealed class FormFields
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public static FormFields Of(IElement form)
    {
        var fields = new FormFields();
        foreach (var e in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = e.GetAttribute("name")!;
            switch (e.LocalName)
            {
                case "textarea":
                    fields._pairs.Add(new(name, e.TextContent));
                    break;
                case "select":
                    fields._pairs.Add(new(name, e.QuerySelector("option[selected]")?.GetAttribute("value") ?? ""));
                    break;
                default:
                    var type = e.GetAttribute("type") ?? "text";
                    if (type is "submit" or "button") break;
                    if (type is "checkbox" or "radio" && !e.HasAttribute("checked")) break;
                    fields._pairs.Add(new(name, e.GetAttribute("value") ?? ""));
                    break;
            }
        }
        return fields;
    }

    public FormFields Set(string name, string value)
    {
        _pairs.RemoveAll(p => p.Key == name);
        _pairs.Add(new(name, value));
        return this;
    }

    /// <summary>Ticks a checkbox (adds one more value under the name).</summary>
    public FormFields Tick(string name, string value)
    {
        _pairs.Add(new(name, value));
        return this;
    }

    public string? Get(string name) => _pairs.FirstOrDefault(p => p.Key == name).Value;
}
