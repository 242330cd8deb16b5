using Autri.Domain.Identity;
using Autri.Infra.Provisioning;
using Autri.Triggers.PostConfirmation;

namespace Autri.Triggers;

/// <summary>
/// Cognito post-confirmation trigger (Lambda handler <c>Autri.Triggers::Autri.Triggers.PostConfirmationFunction::HandleAsync</c>).
/// A confirmed sign-up whose email is not on ALLOWED_EMAILS (or not verified) is deleted from the pool and refused
/// with a message the person sees; everyone else gets their org, Personal library, access and welcome
/// notification from the same idempotent provisioning the portal runs, so a replayed event changes nothing.
/// A forgotten-password confirmation passes through untouched.
/// </summary>
public sealed class PostConfirmationFunction : TriggerFunction
{
    /// <summary>Shown when the trigger itself fails: the portal provisions again at sign-in, so trying later works.</summary>
    public const string FailureMessage = "Setting up your Autri account did not finish. Sign in again in a few minutes.";

    /// <summary>What the Lambda runtime calls, once per container: the host is shared by every invocation.</summary>
    public PostConfirmationFunction() : this(TriggerHost.Shared)
    {
    }

    internal PostConfirmationFunction(TriggerHost host) : base(host, "Autri.Triggers.PostConfirmation")
    {
    }

    /// <summary>
    /// Stream in, stream out: the managed runtime binds this without Amazon.Lambda.Core or a serializer. Returns
    /// the event exactly as received, which is the response Cognito expects from this trigger.
    /// </summary>
    public async Task<Stream> HandleAsync(Stream input)
    {
        PostConfirmationEvent? evt = null;
        return await RunAsync<SignUpRefusedException>(PostConfirmationEvent.Trigger, TriggerSettings.PostConfirmationRequires, FailureMessage, input,
            async (json, ct) =>
            {
                evt = PostConfirmationEvent.Parse(json);
                switch (evt.TriggerSource)
                {
                    case PostConfirmationEvent.ConfirmForgotPassword:
                        return new MemoryStream(json, writable: false);
                    case PostConfirmationEvent.ConfirmSignUp:
                        await AdmitOrRefuseAsync(evt, ct);
                        return new MemoryStream(json, writable: false);
                    default:
                        throw new TriggerEventException($"The {PostConfirmationEvent.Trigger} event has triggerSource '{evt.TriggerSource}'; expected {PostConfirmationEvent.ConfirmSignUp} or {PostConfirmationEvent.ConfirmForgotPassword}");
                }
            },
            (ex, reason) => Log.LogError(TriggerEvents.TriggerFailed, ex,
                "Trigger {trigger} failed for {user_name} ({email_hash}) in pool {user_pool_id}: {reason}; the user may lack Autri records until they sign in (runbook: Trigger failure)",
                PostConfirmationEvent.Trigger, evt?.UserName, EmailHash.Of(evt?.Email), evt?.UserPoolId, reason));
    }

    private async Task AdmitOrRefuseAsync(PostConfirmationEvent evt, CancellationToken ct)
    {
        var allowlist = await Host.Allowlist.GetAsync(ct);
        if (Admission.Decide(evt.Email, evt.EmailVerified, allowlist) is { } refusal)
        {
            Log.LogInformation(TriggerEvents.AllowlistRejected,
                "Sign-up refused: {email_hash} is not admitted to the beta ({reason}); deleting Cognito user {user_name} ({source})",
                EmailHash.Of(evt.Email), Admission.LogName(refusal), evt.UserName, "trigger");
            await DeleteUserAsync(evt, ct);
            throw new SignUpRefusedException(refusal, Admission.MessageFor(refusal, Host.Settings.ContactEmail));
        }

        var db = await Host.Database.GetAsync(ct);
        var provisioned = await new ProvisioningService(db, Host.Clock)
            .EnsureProvisionedAsync(new NewIdentity(evt.Subject, evt.Email!, evt.DisplayName, evt.EmailVerified), recordSignIn: false, ct);
        Log.LogInformation(TriggerEvents.UserProvisioned, "Provisioned {user_id} for Cognito user {user_name} (new account: {created})",
            provisioned.UserId, evt.UserName, provisioned.Created);
    }

    private async Task DeleteUserAsync(PostConfirmationEvent evt, CancellationToken ct)
    {
        try
        {
            await Host.Cognito.AdminDeleteUserAsync(new AdminDeleteUserRequest { UserPoolId = evt.UserPoolId, Username = evt.UserName }, ct);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "UserNotFoundException")
        {
            // A replayed event: the first delivery already removed the user.
        }
    }
}
