namespace Autri.Infra.Tests.Connectors;

public class ConnectorOptionsTests
{
    private static ConnectorOptions Local() => new() { Authority = "http://127.0.0.1:5090", RegistrationToken = "t" };

    [Fact]
    public void A_complete_local_configuration_passes()
    {
        Assert.Empty(ConnectorOptionsValidator.Check(Local()));
    }

    [Fact]
    public void Every_problem_names_the_key_to_fix()
    {
        var errors = ConnectorOptionsValidator.Check(new ConnectorOptions { Registry = "Local", Authority = null, RegistrationToken = "", MaxPerUser = 0 });

        Assert.Contains("Configuration missing value for: Connectors:Authority (or Identity:Authority)", errors);
        Assert.Contains("Configuration missing value for: Connectors:RegistrationToken", errors);
        Assert.Contains("Configuration value Connectors:MaxPerUser must be at least 1", errors);
    }

    [Fact]
    public void Cognito_needs_a_user_pool_the_mcp_client_to_protect_and_a_token_validity_cognito_accepts()
    {
        var errors = ConnectorOptionsValidator.Check(new ConnectorOptions { Registry = "Cognito", Authority = "https://cognito-idp.eu-west-3.amazonaws.com/p", AccessTokenMinutes = 2 });

        Assert.Equal([
            "Configuration missing value for: Connectors:UserPoolId",
            "Configuration missing value for: Connectors:McpClientId (the public MCP client, which the portal must never delete)",
            "Configuration value Connectors:AccessTokenMinutes must be 5..1440"], errors);
    }

    [Fact]
    public void An_unknown_registry_is_refused()
    {
        var options = Local();
        options.Registry = "Okta";

        Assert.Contains("Configuration value Connectors:Registry must be Local or Cognito (was \"Okta\")", ConnectorOptionsValidator.Check(options));
    }
}
