namespace Autri.Infra.Connectors;

public enum ClientRegistryFailure
{
    /// <summary>The registry is asking us to slow down; trying again in a minute will likely work.</summary>
    Throttled,
    /// <summary>An account or pool limit (e.g. Cognito's app clients per pool) is reached.</summary>
    LimitExceeded,
    /// <summary>The registry refused our request or our credentials: a configuration problem.</summary>
    Refused,
    /// <summary>The registry could not be reached or failed.</summary>
    Unavailable,
}

/// <summary>A registry call failed. <see cref="Exception.Message"/> is safe to show the user: no secrets, no internals.</summary>
public sealed class ClientRegistryException(ClientRegistryFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public ClientRegistryFailure Failure { get; } = failure;

    public static ClientRegistryException Throttled(Exception? inner = null) => new(ClientRegistryFailure.Throttled,
        "The identity provider is busy and asked us to slow down. Nothing was created; please try again in a minute.", inner);

    public static ClientRegistryException LimitExceeded(Exception? inner = null) => new(ClientRegistryFailure.LimitExceeded,
        "The identity provider has reached its limit of OAuth clients. Nothing was created; create an API key instead, or ask an administrator to raise the limit.", inner);

    public static ClientRegistryException Refused(string what, Exception? inner = null) => new(ClientRegistryFailure.Refused,
        $"The identity provider refused to {what}. This is a configuration problem on our side and has been logged; nothing was changed.", inner);

    public static ClientRegistryException Unavailable(string what, Exception? inner = null) => new(ClientRegistryFailure.Unavailable,
        $"The identity provider could not be reached to {what}. Nothing was changed; please try again in a minute.", inner);
}
