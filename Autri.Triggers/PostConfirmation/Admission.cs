using Autri.Domain.Allowlist;

namespace Autri.Triggers.PostConfirmation;

public enum RefusalReason
{
    NoEmail,
    NotOnAllowlist,
    EmailNotVerified,
}

/// <summary>Whether a newly confirmed Cognito user may keep their account. Null means admitted.</summary>
public static class Admission
{
    /// <summary>
    /// The allowlist names people by email, so the email must be one Cognito (or Google) verified: otherwise
    /// anyone could sign up as an invited address through a provider that does not check ownership.
    /// </summary>
    public static RefusalReason? Decide(string? email, bool emailVerified, BetaAllowlist allowlist)
    {
        if (string.IsNullOrWhiteSpace(email)) return RefusalReason.NoEmail;
        if (!allowlist.Contains(email)) return RefusalReason.NotOnAllowlist;
        if (!emailVerified) return RefusalReason.EmailNotVerified;
        return null;
    }

    /// <summary>
    /// The exception message, which is all the person sees: managed login shows it above the form, the API as
    /// "PostConfirmation failed with error &lt;message&gt;". It must say what to do and nothing internal.
    /// </summary>
    public static string MessageFor(RefusalReason reason, string? contactEmail) => reason switch
    {
        RefusalReason.EmailNotVerified =>
            "Your email address is not verified, so your beta invitation cannot be checked. Sign up again and confirm your email address.",
        _ => "You are not invited to the beta yet." + (contactEmail is null ? "" : $" Write to {contactEmail} to ask for an invitation."),
    };

    public static string LogName(RefusalReason reason) => reason switch
    {
        RefusalReason.NoEmail => "no_email",
        RefusalReason.NotOnAllowlist => "not_on_allowlist",
        RefusalReason.EmailNotVerified => "email_not_verified",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}

/// <summary>Thrown to make Cognito refuse the sign-up; its message is what the person sees. Not a failure of the trigger.</summary>
public sealed class SignUpRefusedException(RefusalReason reason, string message) : Exception(message)
{
    public RefusalReason Reason { get; } = reason;
}
