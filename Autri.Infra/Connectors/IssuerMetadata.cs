using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Autri.Infra.Connectors;

/// <summary>
/// The connector issuer's OIDC discovery document (token, registration and JWKS endpoints), fetched once
/// and refreshed by IdentityModel's configuration manager.
/// </summary>
public sealed class IssuerMetadata
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

    public IssuerMetadata(HttpClient http, ConnectorOptions options)
    {
        var address = options.MetadataAddress;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = address.StartsWith("https://", StringComparison.Ordinal) })
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromSeconds(30),
        };
    }

    /// <exception cref="ClientRegistryException">Unavailable: the document could not be fetched or read.</exception>
    public async Task<OpenIdConnectConfiguration> GetAsync(string purpose, CancellationToken ct)
    {
        try
        {
            return await _manager.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException ex)
        {
            throw ClientRegistryException.Unavailable(purpose, ex);
        }
    }
}
