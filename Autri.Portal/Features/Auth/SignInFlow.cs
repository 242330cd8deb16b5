namespace Autri.Portal.Features.Auth;

/// <summary>
/// What happens between a validated id_token and the session cookie: the allowlist gate (no rows for
/// people who are not invited) and first-sign-in provisioning. Admins pass the gate even when the list
/// is wrong, so a broken allowlist cannot lock out the people who fix it.
/// </summary>
public static class SignInFlow
{
    public static async Task OnTicketReceived(TicketReceivedContext context)
    {
        try
        {
            await AdmitAsync(context);
        }
        catch (Exception ex) when (Autri.Infra.Database.DatabaseErrors.IsOutage(ex))
        {
            var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Portal.SignIn");
            log.LogError(new EventId(25, "sign_in_failed"), ex, "Sign-in could not finish: the database is unreachable (reason {reason})", "database_unavailable");
            context.Response.Redirect(SignInFailure.Path("database_unavailable"));
            context.HandleResponse();
        }
    }

    private static async Task AdmitAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Portal.SignIn");
        var options = services.GetRequiredService<IOptionsMonitor<OidcOptions>>().Get(OidcOptions.Scheme);
        var principal = context.Principal!;
        var identity = (ClaimsIdentity)principal.Identity!;
        var email = PortalClaims.EmailOf(principal);

        if (email.Length == 0)
        {
            log.LogWarning(new EventId(20, "sign_in_failed"), "Sign-in refused: the identity provider sent no email (reason {reason})", "no_email");
            context.Response.Redirect(SignInFailure.Path("no_email"));
            context.HandleResponse();
            return;
        }

        var isAdmin = principal.IsInRole(options.AdminGroup);
        if (!isAdmin && !await services.GetRequiredService<AllowlistReader>().IsAllowedAsync(email, context.HttpContext.RequestAborted))
        {
            log.LogInformation(new EventId(21, "allowlist_rejected"), "Sign-in refused: {email_hash} is not on the beta allowlist ({source})", EmailHash.Of(email), "portal");
            context.Response.Redirect(NotInvitedPage.Path(context.ReturnUri));
            context.HandleResponse();
            return;
        }

        ProvisionedUser provisioned;
        try
        {
            provisioned = await services.GetRequiredService<ProvisioningService>().EnsureProvisionedAsync(
                new NewIdentity(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, email, principal.FindFirstValue(ClaimTypes.Name) ?? "",
                    PortalClaims.EmailVerifiedOf(principal)),
                recordSignIn: true, context.HttpContext.RequestAborted);
        }
        catch (UnverifiedEmailLinkException ex)
        {
            log.LogWarning(new EventId(26, "sign_in_failed"), "Sign-in refused: {problem} (reason {reason})", ex.Message, "email_not_verified");
            context.Response.Redirect(SignInFailure.Path("email_not_verified"));
            context.HandleResponse();
            return;
        }
        await services.GetRequiredService<AdminRoster>().RecordAsync(provisioned.UserId, isAdmin, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(PortalClaims.UserId, provisioned.UserId.ToString()));
        identity.AddClaim(new Claim(PortalClaims.OrgId, provisioned.OrgId.ToString()));
        // The groups just came from the IdP: the session is confirmed as of now (SessionRevalidator checks again later).
        identity.AddClaim(PortalClaims.Confirmed(services.GetRequiredService<TimeProvider>().GetUtcNow()));
        log.LogInformation(new EventId(22, "signed_in"), "Signed in {user_id} (new account: {created}, admin: {admin})", provisioned.UserId, provisioned.Created, isAdmin);
    }

    public static Task OnRemoteFailure(RemoteFailureContext context)
    {
        var code = SignInFailure.Code(context.Failure);
        var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Portal.SignIn");
        log.LogWarning(new EventId(23, "sign_in_failed"), context.Failure, "Sign-in failed ({reason})", code);
        context.Response.Redirect(SignInFailure.Path(code));
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
