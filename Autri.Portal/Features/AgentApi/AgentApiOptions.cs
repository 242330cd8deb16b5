namespace Autri.Portal.Features.AgentApi;

/// <summary>
/// Section "AgentApi": the API the coordination agent of a customer-managed deployment calls. Without a token the API
/// does not exist (deployments Autri runs, local runs without the agent); with one, every call must present it.
/// </summary>
public sealed class AgentApiOptions
{
    public const string Section = "AgentApi";

    /// <summary>Shared with the agent (Agent:PortalToken); in AWS the generated agent-api-token secret.</summary>
    [MinLength(32, ErrorMessage = "AgentApi:Token must be at least 32 characters")]
    public string? Token { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Token);
}
