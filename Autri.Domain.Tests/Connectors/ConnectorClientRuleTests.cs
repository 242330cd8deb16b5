namespace Autri.Domain.Tests.Connectors;

public class ConnectorClientRuleTests
{
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly string[] Reserved = ["portal-client-id", "mcp-client-id"];

    private static ConnectorClientTarget Target(string clientId = "connector-client-id", ConnectorKind kind = ConnectorKind.OAuthClient, Guid? acting = null, Guid? connectorOrg = null) =>
        new(Guid.NewGuid(), connectorOrg ?? Org, kind, clientId, acting ?? Org);

    [Fact]
    public void The_org_s_own_oauth_connector_client_may_be_acted_on()
    {
        Assert.Null(ConnectorClientRule.RefusalFor(Target(), Reserved));
    }

    [Fact]
    public void An_administrator_may_act_on_any_org_s_connector_client()
    {
        Assert.Null(ConnectorClientRule.RefusalFor(Target() with { ActingOrgId = null }, Reserved));
    }

    [Theory]
    [InlineData("portal-client-id")]
    [InlineData("mcp-client-id")]
    public void The_deployment_s_own_clients_are_refused_even_to_an_administrator(string clientId)
    {
        Assert.Contains("deployment's own app clients", ConnectorClientRule.RefusalFor(Target(clientId), Reserved));
        Assert.NotNull(ConnectorClientRule.RefusalFor(Target(clientId) with { ActingOrgId = null }, Reserved));
    }

    [Fact]
    public void Another_org_s_connector_client_is_refused()
    {
        Assert.Contains("another org", ConnectorClientRule.RefusalFor(Target(acting: Guid.NewGuid()), Reserved));
    }

    [Theory]
    [InlineData(ConnectorKind.ApiKey)]
    [InlineData(ConnectorKind.AppAccess)]
    public void Connectors_without_an_app_client_are_refused(ConnectorKind kind)
    {
        Assert.Contains("has no app client", ConnectorClientRule.RefusalFor(Target(kind: kind), Reserved));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pending:0198a4c2-0000-7000-8000-000000000000")]
    public void A_row_without_a_registered_client_id_is_refused(string clientId)
    {
        Assert.Contains("no registered client id", ConnectorClientRule.RefusalFor(Target(clientId), Reserved));
    }
}
