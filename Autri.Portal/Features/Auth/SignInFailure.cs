namespace Autri.Portal.Features.Auth;

/// <summary>Why a sign-in failed, as a code in the URL of the failure page and a sentence on it.</summary>
public static class SignInFailure
{
    public static string Path(string code) => "/sign-in/failed?reason=" + Uri.EscapeDataString(code);

    public static string Code(Exception? failure) => failure switch
    {
        IdTokenRejectedException => "invalid_token",
        HttpRequestException or TaskCanceledException => "idp_unavailable",
        _ when DatabaseErrors.IsDatabaseError(failure) => "database_unavailable",
        _ when failure?.Message.Contains("oauth state", StringComparison.OrdinalIgnoreCase) == true => "state",
        _ when failure?.Message.Contains("Correlation", StringComparison.OrdinalIgnoreCase) == true => "state",
        _ when failure?.Message.Contains("Access was denied", StringComparison.OrdinalIgnoreCase) == true => "denied",
        _ when failure?.Message.Contains("token endpoint", StringComparison.OrdinalIgnoreCase) == true => "code_refused",
        _ => "unknown",
    };

    public static string Explain(string? code) => code switch
    {
        "idp_unavailable" => "The sign-in service is not reachable right now. Please try again in a minute.",
        "invalid_token" => "The sign-in service sent an identity we could not verify, so we did not sign you in.",
        "state" => "This sign-in link was expired, already used, or opened in another browser. Please start again.",
        "denied" => "Sign-in was cancelled at the sign-in service.",
        "code_refused" => "The sign-in service refused to complete this sign-in. Please start again.",
        "database_unavailable" => "We could not reach our database to finish signing you in. Nothing was lost; please try again shortly.",
        "no_email" => "The sign-in service did not share an email address, which we need to check your invitation.",
        "email_not_verified" => "An Autri account with your email address already exists, but the sign-in service has not verified that "
            + "this address is yours, so we did not connect this sign-in to it. Verify your email address with the sign-in service, then sign in again.",
        _ => "Something went wrong while signing you in. Please start again.",
    };
}
