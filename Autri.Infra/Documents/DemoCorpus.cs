namespace Autri.Infra.Documents;

/// <summary>
/// Local mode's demo documents: Autri's own help pages, so a fresh local stack has something real to search
/// from Claude Desktop or mcp-remote. Plain text with Markdown headings, as imported documents would be.
/// </summary>
public static class DemoCorpus
{
    private const string Docs = "https://docs.autri.test/";

    public static IReadOnlyList<NewDocument> Documents { get; } =
    [
        new("Getting started with Autri", Docs + "getting-started", """
            # Getting started with Autri
            Autri keeps your documents in knowledge bases (KBs) and serves them to AI assistants through the Model
            Context Protocol (MCP). Claude Desktop, Claude.ai and any MCP client can search your documents and read
            them while they answer you.

            1. Sign in to the portal with your invited email address. The first sign-in creates your personal
               organisation, a "Personal" knowledge base and a "Personal" library that contains it.
            2. Open Connectors and create a connector for the library you want to share with an assistant.
            3. Follow the setup help for Claude Desktop or mcp-remote, paste the credential, and ask a question.

            Only people on the beta allowlist can sign in. If you see the "not invited" page, ask the Autri team
            for an invitation with the contact address shown there.
            """),
        new("Knowledge bases and libraries", Docs + "concepts/libraries", """
            # Knowledge bases and libraries
            A knowledge base (KB) is a set of documents. A library groups one or more KBs and is the unit you share:
            people are granted access to a library (owner or read), and a connector grants an assistant access to
            exactly one library. Searching through a connector only ever looks at the KBs of its library; a
            document in any other library behaves as if it did not exist.

            Every account starts with a Personal KB inside a Personal library. Put a KB in several libraries to
            share it with different groups without copying documents.
            """),
        new("Connectors: OAuth clients and API keys", Docs + "connectors", """
            # Connectors
            A connector is the credential an MCP client uses to reach https://mcp.<your domain>/mcp. It belongs to
            your organisation and grants one library. There are two kinds:

            - OAuth client: a client id and secret for the client-credentials grant with the scope mcp.invoke. The
              secret is shown once and never stored by Autri. Use "Mint token" to get a bearer token with its
              expiry, or let the MCP client fetch tokens itself.
            - API key: a single secret that starts with autri_sk_. It is shown once, stored only as a keyed hash,
              and can be rotated with a grace period so clients can switch without downtime.

            Revoking a connector stops it everywhere within 30 seconds, even if a token it minted has not expired.
            """),
        new("Setting up Claude Desktop", Docs + "help/claude-desktop", """
            # Setting up Claude Desktop
            Claude Desktop talks to remote MCP servers through mcp-remote. Add this to claude_desktop_config.json
            (Settings → Developer → Edit Config) and restart Claude Desktop:

                {
                  "mcpServers": {
                    "autri": {
                      "command": "npx",
                      "args": ["mcp-remote", "https://mcp.example.com/mcp",
                               "--header", "Authorization: Bearer ${AUTRI_TOKEN}"],
                      "env": { "AUTRI_TOKEN": "<API key or token from the portal>" }
                    }
                  }
                }

            Then ask Claude something like "search my Autri documents for the refund policy". Claude lists the
            tools search_documents, list_documents and get_document and asks before calling them.
            """),
        new("Using mcp-remote from a terminal", Docs + "help/mcp-remote", """
            # Using mcp-remote
            mcp-remote bridges a local stdio MCP client to a remote Streamable HTTP server. Run
            npx mcp-remote https://mcp.example.com/mcp --header "Authorization: Bearer $AUTRI_TOKEN" to check that
            your credential works: it prints the server's tools when the connection succeeds. A 401 response means
            the token is missing, expired or revoked; a 403 means the token lacks the mcp.invoke scope.
            """),
        new("The MCP tools Autri offers", Docs + "mcp/tools", """
            # MCP tools
            search_documents(query, limit): full-text search over the documents of the connector's library. The
            query uses web-search syntax: plain words, "quoted phrases", or, and -word to exclude. Results are
            ranked and come with highlighted snippets, the document title and its link. At most 50 results.

            list_documents(limit, cursor): every document of the library, a page at a time; pass next_cursor back
            to get the next page.

            get_document(id, start, length): the text of one document, or a character range of it. Long documents
            are returned in parts of at most 20,000 characters; next_start tells where the next part begins.
            """),
        new("Beta allowlist", Docs + "admin/allowlist", """
            # Beta allowlist
            During the beta only invited people can sign in. Administrators edit the allowlist on the Admin →
            Allowlist page; it is stored as the ALLOWED_EMAILS parameter in SSM Parameter Store (in a Postgres
            table with the same semantics locally). Every save creates a new parameter version, so the history
            shows who changed what. Changes apply within 30 seconds. Someone who is removed keeps their data but
            cannot sign in again until re-invited.
            """),
        new("Notifications", Docs + "notifications", """
            # Notifications
            The bell at the top of every portal page shows unread notifications: the welcome message after your
            first sign-in, and announcements from administrators. Administrators send notifications to everyone or
            to one person from Admin → Notifications. Opening the list marks them read; they update live without
            reloading the page.
            """),
        new("Troubleshooting connection problems", Docs + "troubleshooting/connections", """
            # Troubleshooting connections
            - 401 Unauthorized with WWW-Authenticate: Bearer error="invalid_token": the token expired (tokens last
              one hour), was minted for another server, or its connector was revoked. Mint a new token or create a
              new connector.
            - 403 insufficient_scope: the OAuth client was not granted mcp.invoke.
            - 403 with no challenge: the request carried an Origin header the server does not trust. Browser-based
              clients must be on the server's allowed origins.
            - 406 Not Acceptable: the client must accept both application/json and text/event-stream.
            - 400 with an MCP-Protocol-Version message: upgrade the client; supported versions are listed in the
              error.
            """),
        new("Troubleshooting search results", Docs + "troubleshooting/search", """
            # Troubleshooting search
            Search matches words after stemming, so "connectors" finds "connector". It does not match parts of
            words, and very common words such as "the" are ignored. If a document you expect is missing, check
            that its knowledge base is in the library your connector grants: a connector never sees documents of
            other libraries. Use quotes for exact phrases and a minus sign to exclude a word.
            """),
        new("Rotating an API key", Docs + "connectors/rotate-key", """
            # Rotating an API key
            Open the connector and choose Rotate key. You get a new key at once; the old key keeps working for the
            grace period you choose (zero revokes it immediately). Update your clients with the new key before the
            grace period ends. The connector, its name and its audit history stay the same.
            """),
        new("Revoking a connector", Docs + "connectors/revoke", """
            # Revoking a connector
            Revoke a connector when a laptop is lost, a secret leaked or an assistant should no longer read a
            library. Revocation is immediate in the portal and takes effect on the MCP server within 30 seconds,
            including for OAuth tokens that have not yet expired. A revoked connector's name can be reused.
            """),
        new("Security overview", Docs + "security", """
            # Security overview
            Bearer tokens and API keys are never logged and never forwarded to other services. API keys are stored
            only as HMAC-SHA256 with a secret pepper. The MCP server checks the token signature against the
            issuer's published keys, the issuer, the expiry, the token type and the mcp.invoke scope, and refuses
            requests from untrusted browser origins to prevent DNS-rebinding attacks. Every tool call is recorded
            in an audit log with the connector, tool, outcome and timing, but never the query text or document
            contents.
            """),
        new("Audit log of tool calls", Docs + "admin/audit", """
            # Audit log
            Each MCP tool call writes one audit row: which connector, which tool, whether it succeeded, how long it
            took and how many results it returned. Administrators see the distribution of tool calls on the Logs
            page (saved query "MCP tool-call distribution") and refused credentials under "Auth failures by
            connector". Query text and document contents are deliberately not recorded.
            """),
        new("Running Autri locally", Docs + "developers/local", """
            # Running Autri locally
            scripts/run-local.sh starts everything on one machine: PostgreSQL (its data kept between runs), the local
            OpenID Connect provider on port 5090, the portal on port 5080 and the MCP server on port 8000 (other ports
            through PG_PORT, IDP_PORT, PORTAL_PORT and MCP_PORT). Sign in
            with admin@autri.test or beta@autri.test and the password autri-demo. Logs are JSON lines under
            .local/logs and the portal's Logs page queries them like CloudWatch Logs Insights.
            """),
        new("Deploying to AWS", Docs + "operations/deploy", """
            # Deploying to AWS
            The CDK app deploys three stacks: network-and-data (VPC, RDS PostgreSQL), auth-and-compute (Cognito, the
            AgentCore Runtime that hosts the MCP server container, the portal on Fargate behind a load balancer,
            secrets and parameters) and monitoring (dashboards, 30-day log groups, budgets, saved queries). Nothing
            is tied to one account, region or domain: everything comes from the deployment configuration.
            """),
        new("Costs and budgets", Docs + "operations/costs", """
            # Costs and budgets
            Admin → Costs shows spend per stack layer, grouped by the cost-bucket tag, against the AWS Budgets set
            for the deployment. Locally there is no AWS account, so the page explains how to connect one instead of
            showing numbers.
            """),
        new("On-call runbook: MCP errors", Docs + "operations/runbook-mcp", """
            # Runbook: MCP error rate
            When the MCP error-rate alarm fires, open /ops/logs/mcp-tool-calls?range=1h to see which tool fails and
            /ops/logs/auth-failures?range=1h for refused credentials. A spike of invalid_token for one connector
            usually means a client kept an expired token; a spike across connectors after a deploy points at the
            issuer configuration. Check /readyz of the MCP server: 503 means the database is unreachable or
            migrations are pending.
            """),
        new("Privacy and data retention", Docs + "privacy", """
            # Privacy and data retention
            Documents stay in your organisation's knowledge bases until you delete them. Audit rows keep the
            connector, tool name, status, timing and result count for 90 days. Logs are kept for 30 days. Search
            queries and document text are not written to logs or audit rows.
            """),
        new("Frequently asked questions", Docs + "faq", """
            # FAQ
            Can an assistant change my documents? No. The MCP tools only search and read.
            Can one connector see several libraries? No. Create one connector per library.
            How long does a token last? One hour. MCP clients that hold the client secret fetch a new one
            automatically; otherwise mint a new token in the portal or use an API key.
            Why does search ignore a word? Very common words are skipped; try a more specific term or a quoted
            phrase.
            """),
    ];
}
