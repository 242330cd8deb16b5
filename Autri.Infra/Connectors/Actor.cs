namespace Autri.Infra.Connectors;

/// <summary>The signed-in person acting on connectors: their user id, the org they act in, and the email audit rows name.</summary>
public sealed record Actor(Guid UserId, Guid OrgId, string Email);
