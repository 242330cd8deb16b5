namespace Autri.Infra.Connectors;

/// <summary>What the create form posted, unchecked: <see cref="ConnectorCreator"/> validates every field.</summary>
/// <param name="Kind">Form value <c>oauth_client</c> or <c>api_key</c>.</param>
/// <param name="ApiKeyExpiry">Form value from <see cref="Domain.Connectors.ApiKeyLifetime.Choices"/>; API keys only.</param>
public sealed record ConnectorDraft(string? Name, Guid? LibraryId, string? Kind, string? ApiKeyExpiry);

/// <summary>A problem with one field of a form (or with the whole form when <see cref="Field"/> is empty).</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>Field names shared by the forms and the problems.</summary>
public static class ConnectorFields
{
    public const string Name = "name";
    public const string Library = "library";
    public const string Kind = "kind";
    public const string Expiry = "expiry";
    public const string Grace = "grace";
    public const string Form = "";
}
