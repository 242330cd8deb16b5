// An MCP client built on the official TypeScript SDK's OAuth support, connecting by URL the way Claude does: the
// 401 challenge, RFC 9728 and RFC 8414 discovery, then dynamic registration (`registration`) or a client metadata
// document this program serves over https (`metadata-document`), authorization code + PKCE with the browser, tools,
// a refresh after the access token expired, and refusal once the connector is revoked.
//   node sdk-client.mjs registration|metadata-document
// Environment: MCP_URL, MCP_QUERY and MCP_EXPECT_TITLE (a search and the title it must find); for metadata-document
// also MCP_TLS_CERT and MCP_TLS_KEY (PEM files of a certificate for 127.0.0.1 the portal under test trusts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { ask, claimsOf, env, listenForCallback } from './driver.mjs';

const mode = process.argv[2];
assert.ok(['registration', 'metadata-document'].includes(mode), 'usage: sdk-client.mjs registration|metadata-document');
const url = new URL(env('MCP_URL'));
const search = { name: 'search_documents', arguments: { query: env('MCP_QUERY'), limit: 5 } };

const callback = await listenForCallback();
const clientMetadata = {
  client_name: `Autri interop (${mode})`,
  redirect_uris: [callback.redirectUri],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
};

/** Serves this client's metadata document at an https URL whose path names it (SEP-991). */
async function serveMetadataDocument() {
  const server = https.createServer({ cert: readFileSync(env('MCP_TLS_CERT')), key: readFileSync(env('MCP_TLS_KEY')) }, (req, res) => {
    if (req.url !== '/oauth/client.json') return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ client_id: documentUrl, ...clientMetadata }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const documentUrl = `https://127.0.0.1:${server.address().port}/oauth/client.json`;
  return documentUrl;
}

/** What a real client keeps between runs, kept in memory: registration, tokens, PKCE verifier, discovery. */
class Provider {
  authorizationUrl;
  authorizations = 0;
  #client;
  #tokens;
  #verifier;
  #state;
  #discovery;

  constructor(clientMetadataUrl) {
    this.clientMetadataUrl = clientMetadataUrl;
  }

  get redirectUrl() { return callback.redirectUri; }
  get clientMetadata() { return clientMetadata; }
  state() { return (this.#state = randomBytes(16).toString('base64url')); }
  get expectedState() { return this.#state; }
  clientInformation() { return this.#client; }
  saveClientInformation(info) { this.#client = info; }
  tokens() { return this.#tokens; }
  saveTokens(tokens) { this.#tokens = tokens; }
  saveCodeVerifier(verifier) { this.#verifier = verifier; }
  codeVerifier() { return this.#verifier; }
  discoveryState() { return this.#discovery; }
  saveDiscoveryState(state) { this.#discovery = state; }
  invalidateCredentials(scope) {
    if (scope === 'all' || scope === 'client') this.#client = undefined;
    if (scope === 'all' || scope === 'tokens') this.#tokens = undefined;
    if (scope === 'all' || scope === 'verifier') this.#verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.#discovery = undefined;
  }
  redirectToAuthorization(authorizationUrl) {
    this.authorizationUrl = authorizationUrl;
    this.authorizations++;
  }
}

const provider = new Provider(mode === 'metadata-document' ? await serveMetadataDocument() : undefined);
const newClient = () => new Client({ name: 'autri-connect-test', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(url, { authProvider: provider });

// First contact: no token, so the SDK follows the challenge, registers (or names its document) and wants the browser.
await assert.rejects(newClient().connect(transport), UnauthorizedError);
assert.equal(provider.authorizations, 1);
const authorizationUrl = new URL(provider.authorizationUrl);
assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
assert.equal(authorizationUrl.searchParams.get('resource'), url.href);
if (mode === 'metadata-document') assert.equal(authorizationUrl.searchParams.get('client_id'), provider.clientMetadataUrl);
else assert.match(authorizationUrl.searchParams.get('client_id'), /^autri-/);

const answer = callback.next();
await ask('authorize', { url: authorizationUrl.href, client_id: authorizationUrl.searchParams.get('client_id') });
const { code, state, iss } = await answer;
assert.equal(state, provider.expectedState);
assert.ok(iss, 'the authorization response names its issuer (RFC 9207)');
await transport.finishAuth(code);
// Connected again, as the SDK's examples do, with the tokens the provider now holds.
const client = newClient();
await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));

const { tools } = await client.listTools();
assert.deepEqual(tools.map((t) => t.name).sort(), ['get_document', 'list_documents', 'search_documents']);
async function searchFinds() {
  const result = await client.callTool(search);
  assert.notEqual(result.isError, true, JSON.stringify(result));
  assert.equal(result.structuredContent.results[0].title, env('MCP_EXPECT_TITLE'));
}
await searchFinds();
const first = provider.tokens();
assert.ok(first.refresh_token, 'the grant can be refreshed (offline_access)');
const { connector_id: connectorId, client_id: clientId } = claimsOf(first.access_token);

// The access token expires; the next call gets 401, the SDK refreshes (a new refresh token too) and calls again.
await ask('expire');
await searchFinds();
const refreshed = provider.tokens();
assert.notEqual(refreshed.access_token, first.access_token);
assert.notEqual(refreshed.refresh_token, first.refresh_token);
assert.equal(claimsOf(refreshed.access_token).connector_id, connectorId);
assert.equal(provider.authorizations, 1, 'refreshing needed no new consent');

// The person revokes the connector on the portal: the access token is refused, the refresh too, so the SDK can
// only start over with a new authorization (which nobody gives here).
await ask('revoke', { connector_id: connectorId, client_id: clientId });
await assert.rejects(client.callTool(search), UnauthorizedError);
assert.equal(provider.authorizations, 2, 'after revocation only a new consent would help');
assert.equal(provider.tokens(), undefined, 'the refused grant was dropped');

await client.close();
callback.close();
process.exit(0);
