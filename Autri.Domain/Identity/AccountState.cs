namespace Autri.Domain.Identity;

/// <summary>
/// What the identity provider says about an account now: whether it still exists, is enabled, its status (Cognito's
/// UserStatus vocabulary) and its groups. Sessions are re-validated against it (README "Sign-in").
/// </summary>
public sealed record AccountState(bool Exists, bool Enabled, string Status, IReadOnlyList<string> Groups)
{
    public static AccountState Deleted { get; } = new(false, false, "DELETED", []);

    /// <summary>A confirmed local user, or one from a federated provider (Google): the statuses that may hold a session.</summary>
    private static readonly HashSet<string> ActiveStatuses = ["CONFIRMED", "EXTERNAL_PROVIDER"];

    public bool IsActive => Exists && Enabled && ActiveStatuses.Contains(Status);

    /// <summary>Why a session must end, for logs and tests; null while the account may keep one.</summary>
    public string? EndReason => !Exists ? "deleted" : !Enabled ? "disabled" : !ActiveStatuses.Contains(Status) ? "status_" + Status.ToLowerInvariant() : null;
}

/// <summary>Reads an account's state at the identity provider. Throws when the provider cannot answer.</summary>
public interface IAccountStates
{
    /// <param name="username">Cognito's username (the id_token's <c>cognito:username</c>), else the <c>sub</c>.</param>
    Task<AccountState> GetAsync(string username, CancellationToken ct);
}
