namespace Autri.Infra.Allowlist;

/// <summary>
/// Where the connector-liveness rule's "owner invited" input comes from in SQL: the owner (created_by) of the connector
/// aliased <c>c</c> has no row in suspended_owners (which <see cref="AllowlistMirror"/> keeps). Every query that decides
/// whether a connector may call (MCP lookups, API keys, the pre-token trigger, the token endpoint, the pages) selects it.
/// </summary>
public static class OwnerSuspensions
{
    public const string OwnerInvited = "NOT EXISTS (SELECT 1 FROM suspended_owners s WHERE s.user_id = c.created_by)";
}
