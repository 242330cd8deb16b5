namespace Autri.Portal.Features.Ops.Logs;

/// <summary>A long-range run waiting for "Run it anyway": a saved query by slug, or an ad hoc query and its groups.</summary>
public sealed record LogsConfirmation(string? Slug, string? Query, IReadOnlyList<string> Groups, DateTimeOffset Start, DateTimeOffset End);
