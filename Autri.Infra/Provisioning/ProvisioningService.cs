namespace Autri.Infra.Provisioning;

/// <param name="EmailVerified">The IdP's <c>email_verified</c>: only a verified email may take over an existing account.</param>
public sealed record NewIdentity(string Subject, string Email, string DisplayName, bool EmailVerified);

public sealed record ProvisionedUser(Guid UserId, Guid OrgId, Guid LibraryId, bool Created);

/// <summary>
/// First-sign-in provisioning: user, personal org, "Personal" KB and library, owner access, welcome notification.
/// One transaction, serialized per subject with an advisory lock and idempotent throughout, so two concurrent
/// first sign-ins (or the Cognito trigger replayed, or a sign-in after a failed trigger) leave exactly one of each.
/// The portal calls it on every sign-in; the post-confirmation trigger calls it once.
/// </summary>
public sealed class ProvisioningService(NpgsqlDataSource db, TimeProvider clock)
{
    public const string WelcomeTitle = "Welcome to Autri";
    public const string WelcomeLink = "/help/connect";

    public async Task<ProvisionedUser> EnsureProvisionedAsync(NewIdentity who, bool recordSignIn, CancellationToken ct = default)
    {
        var email = Autri.Domain.Identity.EmailAddress.Normalize(who.Email);
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('provision:' || @email))",
            new { email }, tx, cancellationToken: ct));

        // A user pool can issue a new subject for the same email (user deleted and re-created): keep the existing
        // account and its data rather than failing on the unique email, but only for an email the IdP verified.
        // Otherwise anyone who can type an address at an IdP that does not check it would take over that account.
        var linked = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT subject FROM users WHERE email = @email AND subject <> @Subject FOR UPDATE",
            new { who.Subject, email }, tx, cancellationToken: ct));
        if (linked is not null)
        {
            if (!who.EmailVerified) throw new UnverifiedEmailLinkException();
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET subject = @Subject WHERE email = @email", new { who.Subject, email }, tx, cancellationToken: ct));
        }

        var user = await conn.QuerySingleAsync<(Guid Id, bool Inserted)>(new CommandDefinition("""
            INSERT INTO users (id, subject, email, display_name, last_sign_in_at)
            VALUES (@id, @Subject, @email, @DisplayName, @signIn)
            ON CONFLICT (subject) DO UPDATE SET
                email = EXCLUDED.email,
                display_name = CASE WHEN EXCLUDED.display_name <> '' THEN EXCLUDED.display_name ELSE users.display_name END,
                last_sign_in_at = coalesce(EXCLUDED.last_sign_in_at, users.last_sign_in_at)
            RETURNING id, (xmax = 0) AS inserted
            """, new { id = Guid.CreateVersion7(), who.Subject, email, who.DisplayName, signIn = recordSignIn ? now : (DateTimeOffset?)null },
            tx, cancellationToken: ct));

        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO orgs (id, name, personal_of) VALUES (@id, @name, @user) ON CONFLICT (personal_of) DO NOTHING",
            new { id = Guid.CreateVersion7(), name = PersonalOrgName(who, email), user = user.Id }, tx, cancellationToken: ct));
        var orgId = await conn.QuerySingleAsync<Guid>(new CommandDefinition(
            "SELECT id FROM orgs WHERE personal_of = @user", new { user = user.Id }, tx, cancellationToken: ct));

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO org_members (org_id, user_id, role) VALUES (@orgId, @user, 'owner') ON CONFLICT DO NOTHING;
            INSERT INTO kbs (id, org_id, name) VALUES (@kb, @orgId, 'Personal') ON CONFLICT (org_id, name) DO NOTHING;
            INSERT INTO libraries (id, org_id, name) VALUES (@lib, @orgId, 'Personal') ON CONFLICT (org_id, name) DO NOTHING;
            """, new { orgId, user = user.Id, kb = Guid.CreateVersion7(), lib = Guid.CreateVersion7() }, tx, cancellationToken: ct));
        var (libraryId, kbId) = await conn.QuerySingleAsync<(Guid, Guid)>(new CommandDefinition("""
            SELECT l.id, k.id FROM libraries l JOIN kbs k ON k.org_id = l.org_id AND k.name = 'Personal'
            WHERE l.org_id = @orgId AND l.name = 'Personal'
            """, new { orgId }, tx, cancellationToken: ct));

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO library_kbs (library_id, kb_id) VALUES (@libraryId, @kbId) ON CONFLICT DO NOTHING;
            INSERT INTO library_access (library_id, user_id, access) VALUES (@libraryId, @user, 'owner') ON CONFLICT DO NOTHING;
            INSERT INTO notifications (user_id, type, title, body, link)
            VALUES (@user, 'welcome', @title, @body, @link)
            ON CONFLICT (user_id) WHERE type = 'welcome' DO NOTHING;
            """, new
        {
            libraryId, kbId, user = user.Id, title = WelcomeTitle, link = WelcomeLink,
            body = "Create a connector, then follow the Claude Desktop setup guide to search your documents from Claude.",
        }, tx, cancellationToken: ct));

        await tx.CommitAsync(ct);
        return new ProvisionedUser(user.Id, orgId, libraryId, user.Inserted);
    }

    private static string PersonalOrgName(NewIdentity who, string email) =>
        (who.DisplayName.Length > 0 ? who.DisplayName : email) + " (personal)";
}
