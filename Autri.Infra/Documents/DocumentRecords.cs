namespace Autri.Infra.Documents;

/// <summary>One search match: where it is, how well it matched, and the matching passages with terms in **bold**.</summary>
public sealed record DocumentHit(Guid Id, string Title, string? SourceUri, double Rank, string Snippet);

/// <summary>A document as a listing shows it; <see cref="Length"/> counts characters (Unicode code points).</summary>
public sealed record DocumentSummary(Guid Id, string Title, string? SourceUri, int Length, DateTimeOffset UpdatedAt);

/// <summary>One page of a library's documents; <see cref="NextAfter"/> is null on the last page.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentSummary> Items, Guid? NextAfter);

/// <summary>
/// A character range of one document: <see cref="Content"/> holds characters
/// [<see cref="Start"/>, <see cref="Start"/> + Content length) of <see cref="TotalLength"/>.
/// </summary>
public sealed record DocumentSlice(Guid Id, string Title, string? SourceUri, int TotalLength, int Start, string Content);

/// <summary>A document to store (seeding, imports).</summary>
public sealed record NewDocument(string Title, string? SourceUri, string Content);

/// <summary>A stored document as the search index takes it: <see cref="Version"/> grows with every update of the row.</summary>
public sealed record IndexedDocument(Guid Id, Guid KbId, long Version, string Title, string? SourceUri, string Content);
