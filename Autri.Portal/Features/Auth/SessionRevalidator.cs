namespace Autri.Portal.Features.Auth;

/// <summary>
/// The session cookie carries the groups read at sign-in. Once a session's last confirmation is older than
/// <see cref="SessionRevalidationOptions.RevalidateInterval"/>, its next request asks the IdP again (Cognito's
/// AdminGetUser and AdminListGroupsForUser in AWS, the dev IdP's account-state API locally): new groups replace the
/// roles and the cookie is re-issued, and the admin roster follows (an admin demoted off the allowlist then has their
/// connectors suspended by the allowlist mirror); a deleted or disabled account is signed out.
/// When the IdP cannot answer, the session keeps the roles last confirmed (fail open) for
/// <see cref="SessionRevalidationOptions.RevalidateGrace"/>, and ends after that (fail closed); meanwhile this
/// instance asks again at most every 30 seconds, so an outage does not slow every request.
/// </summary>
public sealed class SessionRevalidator(IOptions<SessionRevalidationOptions> options, AdminRoster roster,
    IOptionsMonitor<OidcOptions> oidc, TimeProvider clock, ILogger<SessionRevalidator> log, IAccountStates? accounts = null)
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(30);
    private long _pausedUntilTicks;

    /// <summary>The cookie handler's OnValidatePrincipal.</summary>
    public static Task OnValidatePrincipal(CookieValidatePrincipalContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<SessionRevalidator>().ValidateAsync(context);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { Identity: ClaimsIdentity identity } principal) return;
        var o = options.Value;
        var now = clock.GetUtcNow();
        var confirmed = PortalClaims.ConfirmedAtOf(principal) ?? DateTimeOffset.MinValue;
        if (now - confirmed < o.RevalidateInterval) return;

        var userId = PortalClaims.UserIdOf(principal);
        var beyondGrace = now - confirmed > o.RevalidateInterval + o.RevalidateGrace;
        if (accounts is null)
        {
            // Identity:AccountStates=None: the IdP has no account-state API, so signing in again is the check.
            if (beyondGrace) await EndAsync(context, userId, "reauthentication_required");
            return;
        }
        if (now.UtcTicks < Interlocked.Read(ref _pausedUntilTicks))
        {
            if (beyondGrace) await EndAsync(context, userId, "revalidation_unavailable");
            return;
        }

        AccountState state;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.HttpContext.RequestAborted);
            timeout.CancelAfter(o.RevalidateTimeout);
            state = await accounts.GetAsync(PortalClaims.IdpUserOf(principal), timeout.Token);
        }
        catch (Exception ex) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _pausedUntilTicks, (now + Min(PauseAfterFailure, o.RevalidateInterval)).UtcTicks);
            log.LogWarning(new EventId(27, "session_revalidation_failed"), ex,
                "Could not re-validate the session of {user_id} at the identity provider; keeping the roles confirmed at {confirmed_at:o}", userId, confirmed);
            if (beyondGrace) await EndAsync(context, userId, "revalidation_unavailable");
            return;
        }

        if (state.EndReason is { } reason)
        {
            await EndAsync(context, userId, reason);
            return;
        }

        var before = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var after = state.Groups.ToHashSet(StringComparer.Ordinal);
        var renewed = identity.Clone();
        foreach (var claim in renewed.FindAll(c => c.Type is ClaimTypes.Role or PortalClaims.ConfirmedAt).ToList()) renewed.RemoveClaim(claim);
        foreach (var group in after.Order(StringComparer.Ordinal)) renewed.AddClaim(new Claim(ClaimTypes.Role, group));
        renewed.AddClaim(PortalClaims.Confirmed(now));
        context.ReplacePrincipal(new ClaimsPrincipal(renewed));
        context.ShouldRenew = true;
        if (!before.SetEquals(after))
        {
            log.LogInformation(new EventId(28, "session_roles_changed"), "The groups of {user_id} changed at the identity provider: added {added}, removed {removed}",
                userId, string.Join(",", after.Except(before)), string.Join(",", before.Except(after)));
            if (userId is { } id) await RecordAdminAsync(id, after.Contains(oidc.Get(OidcOptions.Scheme).AdminGroup), context.HttpContext.RequestAborted);
        }
    }

    /// <summary>The roster is informational for this request: a database error is logged, and the next sign-in records it.</summary>
    private async Task RecordAdminAsync(Guid userId, bool isAdmin, CancellationToken ct)
    {
        try
        {
            await roster.RecordAsync(userId, isAdmin, ct);
        }
        catch (Exception ex) when (Autri.Infra.Database.DatabaseErrors.IsDatabaseError(ex))
        {
            log.LogWarning(new EventId(30, "admin_roster_failed"), ex, "Could not record the admin flag of {user_id}", userId);
        }
    }

    private async Task EndAsync(CookieValidatePrincipalContext context, Guid? userId, string reason)
    {
        log.LogInformation(new EventId(29, "session_ended"), "Ended the session of {user_id}: the identity provider check says {reason}", userId, reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
