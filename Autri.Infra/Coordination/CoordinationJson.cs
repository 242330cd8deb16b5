namespace Autri.Infra.Coordination;

/// <summary>
/// The wire format between the agent and the coordination service (and the agent and the portal): snake_case members
/// and enums, and a member nobody declared is an error, not silently dropped, so the records in
/// Autri.Domain/Coordination stay the whole allow-list on both sides.
/// </summary>
public static class CoordinationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A member the record declares non-null must be present and not null.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
