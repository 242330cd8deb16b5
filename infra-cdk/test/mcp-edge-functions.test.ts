import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mcpEdgeRequestSource, mcpEdgeResponseSource } from '../lib/constructs/mcp-edge-functions';
import { CloudFrontFunction } from './support/cloudfront-function';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/autri_beta_mcp-AbCdEf1234';
const ENCODED = 'arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fautri_beta_mcp-AbCdEf1234';
const settings = { origin: 'https://mcp.example.com', authorizationServer: 'https://app.example.com' };
const edge = new CloudFrontFunction(mcpEdgeRequestSource(ARN, settings));
const responses = new CloudFrontFunction(mcpEdgeResponseSource(settings));

const ENDPOINT_CHALLENGE = 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="mcp.invoke offline_access"';
const AGENTCORE_CHALLENGE = `Bearer resource_metadata="https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${ENCODED}/invocations/.well-known/oauth-protected-resource?qualifier=DEFAULT"`;

/** The path of the metadata URL a challenge names, on the MCP origin. */
function metadataPath(challenge: string): string {
  const url = new URL(/resource_metadata="([^"]+)"/.exec(challenge)![1]);
  assert.equal(url.origin, 'https://mcp.example.com', 'the metadata is on the origin the client dialled');
  return url.pathname;
}

test('A client that knows only https://mcp.<domain>/mcp is sent, without credentials, to metadata naming exactly that URL and the portal', () => {
  const refused = edge.viewerRequest('POST', '/mcp', { 'content-type': 'application/json' });
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.headers['www-authenticate'].value, ENDPOINT_CHALLENGE);
  assert.equal(refused.headers['cache-control'].value, 'no-store');
  assert.equal(JSON.parse(refused.body.data).error.code, -32001);

  const metadata = edge.viewerRequest('GET', metadataPath(ENDPOINT_CHALLENGE));
  assert.equal(metadata.statusCode, 200);
  assert.equal(metadata.headers['content-type'].value, 'application/json');
  assert.equal(metadata.headers['access-control-allow-origin'].value, '*');
  assert.equal(metadata.headers['cache-control'].value, 'public, max-age=300');
  assert.deepEqual(JSON.parse(metadata.body.data), {
    resource: 'https://mcp.example.com/mcp',
    authorization_servers: ['https://app.example.com'],
    scopes_supported: ['mcp.invoke', 'offline_access'],
    bearer_methods_supported: ['header'],
    resource_name: 'Autri documents',
  });
});

test('The origin-wide document has the origin as its resource, and / challenges with it', () => {
  const refused = edge.viewerRequest('POST', '/');
  assert.equal(refused.statusCode, 401);
  const path = metadataPath(refused.headers['www-authenticate'].value);
  assert.equal(path, '/.well-known/oauth-protected-resource');
  assert.equal(JSON.parse(edge.viewerRequest('GET', path).body.data).resource, 'https://mcp.example.com');
});

test('An empty Authorization header is no credential', () => {
  assert.equal(edge.viewerRequest('POST', '/mcp', { authorization: '' }).statusCode, 401);
  assert.equal(edge.viewerRequest('GET', '/mcp/').statusCode, 401);
});

test('Metadata answers CORS preflights, HEAD without a body, and 405 to anything else', () => {
  const preflight = edge.viewerRequest('OPTIONS', '/.well-known/oauth-protected-resource/mcp', { origin: 'https://claude.ai' });
  assert.equal(preflight.statusCode, 204);
  assert.equal(preflight.headers['access-control-allow-methods'].value, 'GET, OPTIONS');
  assert.equal(preflight.headers['access-control-allow-origin'].value, '*');
  const head = edge.viewerRequest('HEAD', '/.well-known/oauth-protected-resource/mcp');
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, undefined);
  const post = edge.viewerRequest('POST', '/.well-known/oauth-protected-resource');
  assert.equal(post.statusCode, 405);
  assert.equal(post.headers.allow.value, 'GET, HEAD, OPTIONS');
});

test('With a credential, / and /mcp go to the runtime invocation path with the DEFAULT qualifier, headers untouched', () => {
  const request = edge.viewerRequest('POST', '/mcp', { authorization: 'Bearer x', 'mcp-protocol-version': '2025-11-25' }, { foo: { value: 'bar' } });
  assert.equal(request.uri, `/runtimes/${ENCODED}/invocations`);
  assert.deepEqual(request.querystring, { qualifier: { value: 'DEFAULT' } });
  assert.equal(request.headers.authorization.value, 'Bearer x');
  assert.equal(request.headers['mcp-protocol-version'].value, '2025-11-25');
  assert.equal(edge.viewerRequest('POST', '/', { authorization: 'Bearer x' }).uri, `/runtimes/${ENCODED}/invocations`);
  // A preflight carries no credentials by definition: it goes on to the server, as before.
  assert.equal(edge.viewerRequest('OPTIONS', '/mcp').uri, `/runtimes/${ENCODED}/invocations`);
});

test('Any other path is answered 404 at the edge, the runtime path and other well-known documents included', () => {
  for (const path of ['/runtimes/other/invocations', '/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource/other', '/constructor', '/__proto__']) {
    const answer = edge.viewerRequest('GET', path, { authorization: 'Bearer x' });
    assert.equal(answer.statusCode, 404, path);
  }
});

test('AgentCore refusing a token gets the endpoint challenge with invalid_token, so the client refreshes at the portal', () => {
  const refused = responses.viewerResponse(`/runtimes/${ENCODED}/invocations`, 401, { 'WWW-Authenticate': AGENTCORE_CHALLENGE, 'content-type': 'text/event-stream' });
  assert.equal(refused.headers['www-authenticate'].value, `${ENDPOINT_CHALLENGE}, error="invalid_token"`);
  assert.equal(refused.headers['content-type'].value, 'text/event-stream');
  const bare = responses.viewerResponse('/mcp', 401);
  assert.equal(bare.headers['www-authenticate'].value, `${ENDPOINT_CHALLENGE}, error="invalid_token"`);
});

test('The MCP server\'s own challenges and every other status pass untouched', () => {
  const server = `${ENDPOINT_CHALLENGE}, error="invalid_token", error_description="The connector was revoked."`;
  assert.equal(responses.viewerResponse('/mcp', 401, { 'www-authenticate': server }).headers['www-authenticate'].value, server);
  const forbidden = 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="mcp.invoke", error="insufficient_scope"';
  assert.equal(responses.viewerResponse('/mcp', 403, { 'www-authenticate': forbidden }).headers['www-authenticate'].value, forbidden);
  assert.deepEqual(responses.viewerResponse('/mcp', 200, { 'content-type': 'text/event-stream' }).headers, { 'content-type': { value: 'text/event-stream' } });
});

test('Both sources fit CloudFront Functions: a handler, no modules, no arrow functions, under the 10 KB limit', () => {
  for (const source of [edge.source, responses.source]) {
    assert.doesNotMatch(source, /=>|require\(|import /);
    assert.match(source, /^function handler\(event\)/m);
    assert.ok(Buffer.byteLength(source) < 10 * 1024, `${Buffer.byteLength(source)} bytes`);
  }
});
