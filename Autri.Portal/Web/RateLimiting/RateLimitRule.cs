namespace Autri.Portal.Web.RateLimiting;

/// <summary>
/// One limit: at most <paramref name="PerAddress"/> requests per source address and, for signed-in people,
/// <paramref name="PerUser"/> per user, in each fixed <paramref name="Window"/>.
/// </summary>
/// <param name="CountsReads">False where a GET only shows a form and the POST is what costs (token minting).</param>
/// <param name="AnswersJson">Machine clients (OAuth registration and tokens) get a JSON error; people get a page.</param>
/// <param name="What">How the answer names what was limited ("sign-in attempts").</param>
/// <param name="Path">
/// Null: the rule covers the endpoints marked <see cref="RateLimitedAttribute"/>, counted after authentication.
/// A path: the rule covers requests to it, counted before authentication, for what OpenIddict answers inside the
/// authentication middleware (its token endpoint), where no endpoint of the portal is ever reached.
/// </param>
public sealed record RateLimitRule(string Name, int PerAddress, int? PerUser, TimeSpan Window, bool CountsReads, bool AnswersJson, string What, string? Path = null);
