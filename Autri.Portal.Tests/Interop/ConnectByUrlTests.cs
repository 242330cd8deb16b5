using Autri.Portal.Tests.Browser;

namespace Autri.Portal.Tests.Interop;

/// <summary>
/// Clients not written here connect by URL alone, as Claude does, against the whole local product: the official MCP
/// TypeScript SDK's OAuth client (with dynamic registration, and with a client metadata document it serves), and
/// mcp-remote in OAuth mode. Chromium (Debian's, through Playwright) signs the beta user in and consents; the clients
/// list tools and search; the SDK client refreshes after its access token expired and is refused once the person
/// revoked the connector on the portal. The programs are in tests/mcp-interop/connect.
/// </summary>
[Collection(ConnectCollection.Name)]
public sealed class ConnectByUrlTests(ConnectStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("registration")]
    [InlineData("metadata-document")]
    public async Task The_sdk_s_oauth_client_connects_refreshes_after_expiry_and_is_refused_after_revocation(string mode)
    {
        var title = $"Connecting Claude by URL ({mode})";
        var email = await stack.BetaUserWithDocumentsAsync(new NewDocument(title, null, "Paste the MCP address into Claude and sign in with quokka."));
        var page = await browser.NewPageAsync();
        string? clientId = null;
        Guid? connectorId = null;

        var outcome = await ClientProgram.RunAsync("sdk-client.mjs", [mode], Environment(title, new Dictionary<string, string>
        {
            ["MCP_TLS_CERT"] = stack.DocumentServerTls.Certificate,
            ["MCP_TLS_KEY"] = stack.DocumentServerTls.Key,
        }), async step =>
        {
            switch (step.Name)
            {
                case "authorize":
                    clientId = step.Get("client_id");
                    await ConsentAsync(page, step.Get("url"), email, verified: mode == "metadata-document");
                    break;
                case "expire":
                    // Past the access token's lifetime and the MCP server's 60 s clock skew; the refresh token lives 30 days.
                    stack.Clock.Advance(ConnectStack.AccessTokenLifetime + TimeSpan.FromSeconds(61));
                    break;
                case "revoke":
                    connectorId = Guid.Parse(step.Get("connector_id"));
                    await RevokeAsync(page, connectorId.Value);
                    stack.Clock.Advance(TimeSpan.FromSeconds(ConnectStack.RevocationCacheSeconds + 1));
                    break;
                default:
                    throw new InvalidOperationException("Unknown step " + step.Name);
            }
        }, Deadline);

        Assert.True(outcome.ExitCode == 0, $"sdk-client.mjs {mode} failed:\n{outcome.Output}");
        Assert.Equal(["authorize", "expire", "revoke"], outcome.Steps);
        await using var conn = await stack.Db.OpenConnectionAsync();
        var connector = await conn.QuerySingleAsync<(string Kind, string OAuthClientId, DateTime? RevokedAt, string Owner)>("""
            SELECT c.kind, c.oauth_client_id, c.revoked_at, u.email FROM connectors c JOIN users u ON u.id = c.created_by WHERE c.id = @id
            """, new { id = connectorId });
        Assert.Equal(("app_access", clientId, email), (connector.Kind, connector.OAuthClientId, connector.Owner));
        Assert.NotNull(connector.RevokedAt);
        Assert.Equal(email, await conn.ExecuteScalarAsync<string>(
            "SELECT actor FROM audit_events WHERE action = 'connector.revoke' AND target = 'connector:' || @id", new { id = connectorId.ToString() }));
        await stack.FlushMcpAuditAsync();
        // Two searches went through, one before and one after the refresh; the refused one never reached a tool.
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM mcp_audit_log WHERE connector_id = @id AND tool = 'search_documents' AND status = 'ok'", new { id = connectorId }));
    }

    [Fact]
    public async Task Mcp_remote_in_oauth_mode_signs_in_through_the_browser_and_calls_a_tool()
    {
        const string title = "Connecting through mcp-remote";
        var email = await stack.BetaUserWithDocumentsAsync(new NewDocument(title, null, "Claude Desktop runs mcp-remote for the wallaby."));
        var page = await browser.NewPageAsync();
        string? clientId = null;

        var outcome = await ClientProgram.RunAsync("mcp-remote-client.mjs", [], Environment(title, new Dictionary<string, string>
        {
            ["MCP_REMOTE_CALLBACK_PORT"] = FreePort.Next().ToString(),
        }), async step =>
        {
            Assert.Equal("authorize", step.Name);
            clientId = step.Get("client_id");
            await ConsentAsync(page, step.Get("url"), email, verified: false);
        }, Deadline);

        Assert.True(outcome.ExitCode == 0, "mcp-remote-client.mjs failed:\n" + outcome.Output);
        await using var conn = await stack.Db.OpenConnectionAsync();
        var connectorId = await conn.QuerySingleAsync<Guid>(
            "SELECT c.id FROM connectors c JOIN users u ON u.id = c.created_by WHERE u.email = @email AND c.oauth_client_id = @clientId AND c.kind = 'app_access'",
            new { email, clientId });
        await stack.FlushMcpAuditAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM mcp_audit_log WHERE connector_id = @id AND tool = 'search_documents' AND status = 'ok'", new { id = connectorId }));
    }

    private Dictionary<string, string> Environment(string title, Dictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(extra)
        {
            ["MCP_URL"] = stack.McpEndpoint,
            ["MCP_QUERY"] = title.Contains("mcp-remote") ? "wallaby" : "quokka",
            ["MCP_EXPECT_TITLE"] = title,
        };
        return env;
    }

    /// <summary>What the person does in the browser the client opened: sign in at the IdP if asked, check who asks, Allow.</summary>
    private async Task ConsentAsync(IPage page, string url, string email, bool verified)
    {
        await page.GotoAsync(url);
        var consentHeading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        if (await page.GetByLabel("Password").CountAsync() > 0)
        {
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(DevIdentityProvider.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        await Assertions.Expect(consentHeading).ToContainTextAsync("to read one of your libraries?");
        await Assertions.Expect(page.GetByTestId(verified ? "client-verified" : "client-self-registered")).ToBeVisibleAsync();
        if (await page.Locator("#reuse-new").CountAsync() > 0) await page.Locator("#reuse-new").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        // The answer goes to the client's own listener on loopback, neither the portal nor the IdP.
        await page.WaitForURLAsync(u => !u.StartsWith(stack.Portal.Url, StringComparison.Ordinal) && !u.StartsWith(stack.Idp.Issuer, StringComparison.Ordinal));
    }

    /// <summary>The person revokes the connector on its page, as on the Connectors list.</summary>
    private async Task RevokeAsync(IPage page, Guid connectorId)
    {
        await page.GotoAsync($"{stack.Portal.Url}/connectors/{connectorId}/revoke");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke connector" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Connector revoked. Its credential no longer works.")).ToBeVisibleAsync();
    }
}
