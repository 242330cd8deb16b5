namespace Autri.Infra.Connectors;

/// <summary>
/// A client just registered. <see cref="ClientSecret"/> is shown to its owner once and never stored;
/// <see cref="RegistrationHandle"/> is what the registry needs to delete the client later (the RFC 7592
/// URI and token locally, stored encrypted; null for Cognito). ToString leaves both out.
/// </summary>
public sealed record RegisteredClient(string ClientId, string ClientSecret, string? RegistrationHandle)
{
    public override string ToString() => $"RegisteredClient {{ ClientId = {ClientId} }}";
}
