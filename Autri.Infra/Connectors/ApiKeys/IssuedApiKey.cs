namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// A key just made. <see cref="Plaintext"/> exists only here: show it once and drop it. ToString leaves it
/// out so the record cannot leak into a log by accident.
/// </summary>
public sealed record IssuedApiKey(Guid ConnectorId, Guid KeyId, string Plaintext, string DisplayPrefix, int PepperVersion)
{
    public override string ToString() =>
        $"IssuedApiKey {{ ConnectorId = {ConnectorId}, KeyId = {KeyId}, DisplayPrefix = {DisplayPrefix}, PepperVersion = {PepperVersion} }}";
}
