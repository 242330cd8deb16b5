// The official MCP TypeScript SDK client (Streamable HTTP transport) against a running Autri.Mcp.
// Autri.Mcp.Tests starts the server, the dev IdP and Postgres, makes the connectors and runs this file with:
//   MCP_URL            the endpoint, e.g. http://127.0.0.1:8000/mcp
//   MCP_TOKEN          an access token minted through the connector flow (client_credentials at the dev IdP)
//   MCP_API_KEY        an autri_sk_ API key of another connector to the same library
//   MCP_CLIENT_ID, MCP_CLIENT_SECRET, MCP_ISSUER   an OAuth connector's credentials, for the SDK's own OAuth flow
//   MCP_EXPECT_TITLE   the title of a document the query MCP_QUERY must find
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { discoverOAuthProtectedResourceMetadata, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};
const url = new URL(env('MCP_URL'));
const query = env('MCP_QUERY');
const expectTitle = env('MCP_EXPECT_TITLE');

async function connect(options) {
  const client = new Client({ name: 'autri-interop-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url, options);
  await client.connect(transport);
  return client;
}

async function listAndSearch(client) {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['get_document', 'list_documents', 'search_documents']);
  const search = tools.find((t) => t.name === 'search_documents');
  assert.deepEqual(search.inputSchema.required, ['query']);

  const result = await client.callTool({ name: 'search_documents', arguments: { query, limit: 5 } });
  assert.notEqual(result.isError, true, JSON.stringify(result));
  assert.equal(result.structuredContent.results[0].title, expectTitle);
  assert.match(result.content[0].text, new RegExp(expectTitle));

  const doc = await client.callTool({ name: 'get_document', arguments: { id: result.structuredContent.results[0].id } });
  assert.equal(doc.structuredContent.title, expectTitle);

  const bad = await client.callTool({ name: 'search_documents', arguments: { query, limit: 500 } });
  assert.equal(bad.isError, true);
  assert.match(bad.content[0].text, /'limit' must be from 1 to 50/);
}

test('a token minted through the connector flow lists tools and searches', async () => {
  const client = await connect({ requestInit: { headers: { Authorization: `Bearer ${env('MCP_TOKEN')}` } } });
  try {
    assert.equal(client.getServerVersion().name, 'autri-documents');
    await listAndSearch(client);
  } finally {
    await client.close();
  }
});

test('a stream for a 2025-11-25 client starts with a priming event (id, retry, no data) the SDK reads past', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-11-25',
      Authorization: `Bearer ${env('MCP_TOKEN')}`,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  const [priming] = (await response.text()).split('\n\n');
  assert.match(priming, /^id: \S+\nretry: \d+\ndata: $/);
  // Every SDK call in this file speaks 2025-11-25, so each of its streams was primed too.
});

test('an API key lists tools and searches', async () => {
  const client = await connect({ requestInit: { headers: { Authorization: `Bearer ${env('MCP_API_KEY')}` } } });
  try {
    await listAndSearch(client);
  } finally {
    await client.close();
  }
});

test('an unauthenticated client gets the 401 challenge and can read the metadata it points to', async () => {
  await assert.rejects(connect({}), (error) => error instanceof StreamableHTTPError || /401|Unauthorized/i.test(String(error)));

  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  assert.equal(response.status, 401);
  const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
  assert.equal(scope, 'mcp.invoke');
  // RFC 9728: the path-specific document, whose resource is exactly the URL dialled.
  assert.equal(resourceMetadataUrl.href, `${url.origin}/.well-known/oauth-protected-resource/mcp`);

  const metadata = await discoverOAuthProtectedResourceMetadata(url, { resourceMetadataUrl });
  assert.equal(metadata.resource, url.href);
  assert.deepEqual(metadata.authorization_servers, [env('MCP_ISSUER')]);
});

test('the SDK OAuth flow (client credentials) follows the challenge to the issuer and gets in', async () => {
  const authProvider = new ClientCredentialsProvider({
    clientId: env('MCP_CLIENT_ID'),
    clientSecret: env('MCP_CLIENT_SECRET'),
    scope: 'mcp.invoke',
    expectedIssuer: env('MCP_ISSUER'),
  });
  const client = new Client({ name: 'autri-interop-oauth', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url, { authProvider });
  try {
    await client.connect(transport);
  } catch (error) {
    // First contact is a 401: the SDK reads the metadata, fetches a token, and expects the caller to reconnect.
    if (!/Unauthorized/i.test(String(error))) throw error;
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider }));
  }
  try {
    assert.ok(authProvider.tokens()?.access_token, 'the provider holds a token from the issuer');
    await listAndSearch(client);
  } finally {
    await client.close();
  }
});
