namespace Autri.Portal.Features.Allowlist;

/// <summary>A Parameter Store failure as the admin should read it, and the HTTP status of the page that says so.</summary>
public sealed record StoreError(string Title, string Message, string Code, int Status)
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "TooManyUpdates",
    };

    /// <param name="writing">True when a save failed (so the page says nothing was saved and the input is kept).</param>
    public static StoreError From(ParameterStoreException e, string parameter, bool writing)
    {
        var kept = writing ? " Nothing was saved; your changes are kept below." : "";
        if (Throttling.Contains(e.Code))
            return new("Parameter Store is busy", $"AWS is throttling Parameter Store requests, still after the portal's retries.{kept} Try again in a minute.", e.Code, 503);
        return e.Code switch
        {
            "AccessDeniedException" => new("The portal is not allowed to do this",
                $"AWS denied the portal's role {(writing ? "ssm:PutParameter" : "read access")} on {parameter}.{kept} Whoever manages the deployment must grant it (see the portal's IAM policy).", e.Code, 502),
            "ValidationException" => new("Parameter Store refused the value",
                $"AWS said: {e.Message}{kept}", e.Code, 422),
            "ParameterMaxVersionLimitExceeded" => new("Parameter Store keeps only 100 versions",
                $"The oldest version has a label, so Parameter Store will not drop it to make room. Remove that label in the AWS console, then save again.{kept}", e.Code, 409),
            "InvalidNextToken" => new("This page link has expired",
                "The listing moved on since this link was made. Start again from the first page.", e.Code, 400),
            _ => new("Parameter Store could not be reached",
                $"The request failed ({e.Code}).{kept} Try again in a minute; if it persists, check the Health page.", e.Code, 503),
        };
    }
}
