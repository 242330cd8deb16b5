using Microsoft.AspNetCore.WebUtilities;

namespace Autri.Mcp.Tools;

/// <summary>
/// search_documents, list_documents and get_document. Each reads only the caller's library (the store enforces it),
/// and a document outside it gets the same answer as one that does not exist.
/// </summary>
public sealed class DocumentTools(DocumentStore store, DocumentSearch search, IOptions<McpOptions> options)
{
    public const string NotFound = "Document not found.";

    public IReadOnlyList<ToolDefinition> All() => [Search(), List(), Get()];

    private ToolDefinition Search() => new(
        "search_documents",
        "Search documents",
        "Full-text search over the documents in this connector's Autri library, best match first (BM25 relevance). " +
        "Query syntax: words separated by spaces must all occur (in any form: rotate finds rotating); " +
        "\"quoted words\" must occur together in that order; a or b lets either occur; -word or -\"a phrase\" drops " +
        "documents containing it (a query needs at least one word to look for). Very common words (the, of, and) are ignored. " +
        "Returns the best matches with their title, link, a relevance score (0-1) and highlighted snippets (matched " +
        "words in **bold**). Use get_document with a result's id to read it.",
        [
            new("query", ParameterType.String, "What to search for, e.g. rotate api key, \"grace period\" -billing, or token or key.", Required: true) { MinLength = 1, MaxLength = 500 },
            new("limit", ParameterType.Integer, "How many results to return at most.") { Minimum = 1, Maximum = DocumentStore.MaxSearchResults, Default = 10 },
        ],
        async (caller, args, ct) =>
        {
            var query = args.RequiredString("query");
            IReadOnlyList<DocumentHit> hits;
            try
            {
                hits = await search.SearchAsync(caller.LibraryId, query, args.Integer("limit") ?? 10, ct);
            }
            catch (SearchQueryException ex)
            {
                throw new ToolInputException(ex.Message);
            }
            var results = hits.Select(h => new SearchHit(h.Id.ToString(), h.Title, h.SourceUri, Math.Round(h.Rank, 4), h.Snippet)).ToList();
            return new ToolOutcome(new SearchResult(query, results.Count, results), results.Count);
        });

    private ToolDefinition List() => new(
        "list_documents",
        "List documents",
        "Lists the documents in this connector's Autri library, a page at a time, in a stable order. " +
        "Pass next_cursor from a response as cursor to get the following page; it is null on the last page.",
        [
            new("limit", ParameterType.Integer, "Documents per page.") { Minimum = 1, Maximum = DocumentStore.MaxPageSize, Default = 20 },
            new("cursor", ParameterType.String, "next_cursor from the previous page; omit for the first page.") { MaxLength = 64 },
        ],
        async (caller, args, ct) =>
        {
            var after = args.String("cursor") is { } cursor ? DecodeCursor(cursor) : (Guid?)null;
            var page = await store.ListAsync(caller.LibraryId, after, args.Integer("limit") ?? 20, ct);
            var documents = page.Items.Select(d => new ListedDocument(d.Id.ToString(), d.Title, d.SourceUri, d.Length, d.UpdatedAt)).ToList();
            return new ToolOutcome(new ListResult(documents, page.NextAfter is { } next ? EncodeCursor(next) : null), documents.Count);
        });

    private ToolDefinition Get()
    {
        var max = options.Value.MaxDocumentChars;
        return new(
            "get_document",
            "Get a document",
            $"Returns the text of one document of this connector's Autri library by id (from search_documents or " +
            $"list_documents). Long documents come in parts of at most {max} characters: pass next_start as start to " +
            "continue. start and length count characters.",
            [
                new("id", ParameterType.String, "The document id (a UUID).", Required: true) { Format = "uuid", MaxLength = 64 },
                new("start", ParameterType.Integer, "First character to return (0-based).") { Minimum = 0, Default = 0 },
                new("length", ParameterType.Integer, $"How many characters to return, at most {max}.") { Minimum = 1, Maximum = max, Default = max },
            ],
            async (caller, args, ct) =>
            {
                if (!Guid.TryParse(args.RequiredString("id"), out var id))
                    throw new ToolInputException("'id' must be a document id (a UUID) from search_documents or list_documents.");
                var start = args.Integer("start") ?? 0;
                var slice = await store.GetAsync(caller.LibraryId, id, start, args.Integer("length") ?? max, ct)
                    ?? throw new ToolInputException(NotFound);
                if (start > slice.TotalLength)
                    throw new ToolInputException($"'start' ({start}) is past the end of the document ({slice.TotalLength} characters).");
                var end = start + CodePoints(slice.Content);
                var result = new DocumentResult(slice.Id.ToString(), slice.Title, slice.SourceUri, slice.TotalLength, start, end,
                    end < slice.TotalLength ? end : null, slice.Content);
                return new ToolOutcome(result, 1);
            });
    }

    // Cursors are opaque to clients: the id of the last document of the page, base64url.
    private static string EncodeCursor(Guid after) => WebEncoders.Base64UrlEncode(after.ToByteArray());

    private static Guid DecodeCursor(string cursor)
    {
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(cursor);
            if (bytes.Length == 16) return new Guid(bytes);
        }
        catch (FormatException)
        {
        }
        throw new ToolInputException("'cursor' is not a next_cursor this server returned; omit it to start from the first page.");
    }

    // Postgres counts characters as code points; C# strings count UTF-16 units.
    private static int CodePoints(string text)
    {
        var n = 0;
        foreach (var _ in text.EnumerateRunes()) n++;
        return n;
    }
}
