using ConnectorServices = Autri.Infra.Connectors.ConnectorsServiceCollectionExtensions;

namespace Autri.Portal.Features.Connectors;

public static class ConnectorsSetup
{
    /// <summary>Connectors and their credentials (sections <c>Connectors</c> and <c>ApiKeys</c>, validated at start).</summary>
    public static void AddConnectors(this WebApplicationBuilder builder) => ConnectorServices.AddConnectors(builder.Services, builder.Configuration);
}
