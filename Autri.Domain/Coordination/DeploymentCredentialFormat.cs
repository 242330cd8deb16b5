namespace Autri.Domain.Coordination;

/// <summary>What a deployment credential looks like (<c>autri_dc_</c> and 43 base64url characters): checked by the agent at start and the service on every call.</summary>
public static class DeploymentCredentialFormat
{
    public const string Prefix = "autri_dc_";

    public static bool IsOne(string? text) =>
        text is { Length: > 20 and < 100 } && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
