namespace Autri.Infra.Connectors;

/// <summary>
/// Encrypts a registry's delete handle (the RFC 7592 registration access token) before it is stored, with
/// ASP.NET Data Protection: keys live in Postgres and are shared by every portal instance.
/// </summary>
public sealed class RegistrationHandleProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Autri.Connectors.RegistrationToken";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string? Protect(string? handle) => handle is null ? null : _protector.Protect(handle);

    public string? Unprotect(string? stored) => stored is null ? null : _protector.Unprotect(stored);
}
