namespace Autri.Mcp.Tools;

// The JSON shapes the tools return (snake_case on the wire, see ToolCatalog.Json).

public sealed record SearchResult(string Query, int Count, IReadOnlyList<SearchHit> Results);

public sealed record SearchHit(string Id, string Title, string? Link, double Score, string Snippet);

public sealed record ListResult(IReadOnlyList<ListedDocument> Documents, string? NextCursor);

public sealed record ListedDocument(string Id, string Title, string? Link, int Length, DateTimeOffset UpdatedAt);

public sealed record DocumentResult(string Id, string Title, string? Link, int TotalLength, int Start, int End, int? NextStart, string Content);
