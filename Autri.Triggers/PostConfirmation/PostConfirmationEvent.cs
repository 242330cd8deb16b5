namespace Autri.Triggers.PostConfirmation;

/// <summary>
/// What the post-confirmation trigger reads from Cognito's event (aws-samples/cognito/post-confirmation*.json):
/// the user pool and user name (to delete a refused user), and the user attributes.
/// </summary>
public sealed record PostConfirmationEvent(
    string TriggerSource, string UserPoolId, string UserName, string Subject, string? Email, bool EmailVerified, string DisplayName)
{
    public const string Trigger = "post-confirmation";
    public const string ConfirmSignUp = "PostConfirmation_ConfirmSignUp";
    public const string ConfirmForgotPassword = "PostConfirmation_ConfirmForgotPassword";

    public static PostConfirmationEvent Parse(byte[] json)
    {
        using var doc = EventJson.Parse(json, Trigger);
        var root = doc.RootElement;
        var source = EventJson.RequiredString(root, "triggerSource", Trigger);
        var pool = EventJson.RequiredString(root, "userPoolId", Trigger);
        var userName = EventJson.RequiredString(root, "userName", Trigger);
        var attributes = EventJson.RequiredObject(root, "request.userAttributes", Trigger);

        var email = EventJson.Attribute(attributes, "email");
        var verified = string.Equals(EventJson.Attribute(attributes, "email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        return new PostConfirmationEvent(source, pool, userName,
            // The portal keys users on the id_token's sub, which is this attribute; userName is the fallback Cognito always sends.
            EventJson.Attribute(attributes, "sub") is { Length: > 0 } sub ? sub : userName,
            string.IsNullOrWhiteSpace(email) ? null : email,
            verified,
            DisplayNameOf(EventJson.Attribute(attributes, "name"), EventJson.Attribute(attributes, "given_name"), EventJson.Attribute(attributes, "family_name")));
    }

    /// <summary>"name" when set, else given and family name (what the Google mapping provides), else empty.</summary>
    private static string DisplayNameOf(string? name, string? given, string? family) =>
        !string.IsNullOrWhiteSpace(name) ? name.Trim() : $"{given?.Trim()} {family?.Trim()}".Trim();
}
