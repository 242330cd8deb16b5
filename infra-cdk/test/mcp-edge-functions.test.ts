import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mcpEdgeRequestSource } from '../lib/constructs/mcp-edge-functions';
import { CloudFrontFunction, unsignedJwt } from './support/cloudfront-function';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/autri_beta_mcp-AbCdEf1234';
const ENCODED = 'arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fautri_beta_mcp-AbCdEf1234';
const settings = { origin: 'https://mcp.example.com', authorizationServer: 'https://app.example.com' };
const edge = new CloudFrontFunction(mcpEdgeRequestSource(ARN, settings));

const ENDPOINT_CHALLENGE = 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="mcp.invoke offline_access"';
const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;
/** A portal access token as the portal shapes it (README of Autri.Portal/Features/OAuth), unsigned. */
const portalToken = (overrides: object = {}) => `Bearer ${unsignedJwt({
  iss: 'https://app.example.com', sub: 'user', aud: 'https://mcp.example.com/mcp', scope: 'mcp.invoke offline_access',
  client_id: 'client', connector_id: '6f1c1f4e-3c55-4a8e-9d2c-0c0b8f1d2a11', exp: inMinutes(30), ...overrides,
})}`;

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

test('A portal token for the endpoint goes on to the runtime invocation path with the DEFAULT qualifier, headers untouched', () => {
  const token = portalToken();
  const request = edge.viewerRequest('POST', '/mcp', { authorization: token, 'mcp-protocol-version': '2025-11-25' }, { foo: { value: 'bar' } });
  assert.equal(request.uri, `/runtimes/${ENCODED}/invocations`);
  assert.deepEqual(request.querystring, { qualifier: { value: 'DEFAULT' } });
  assert.equal(request.headers.authorization.value, token);
  assert.equal(request.headers['mcp-protocol-version'].value, '2025-11-25');
  assert.equal(edge.viewerRequest('POST', '/', { authorization: token }).uri, `/runtimes/${ENCODED}/invocations`);
  // aud may be a list; the scheme is case-insensitive.
  assert.equal(edge.viewerRequest('POST', '/mcp', { authorization: portalToken({ aud: ['other', 'https://mcp.example.com/mcp'] }).replace('Bearer', 'bearer') }).uri,
    `/runtimes/${ENCODED}/invocations`);
  // A preflight carries no credentials by definition: it goes on to the server, as before.
  assert.equal(edge.viewerRequest('OPTIONS', '/mcp').uri, `/runtimes/${ENCODED}/invocations`);
});

test('Credentials AgentCore is bound to refuse get the endpoint challenge with invalid_token, so the client refreshes or reconnects at the portal', () => {
  const cases: Array<[string, string]> = [
    [portalToken({ exp: inMinutes(-1) }), 'The access token expired.'],
    [portalToken({ exp: undefined }), 'The access token expired.'],
    [portalToken({ aud: 'https://mcp.example.com' }), 'The access token is for another resource.'],
    [portalToken({ aud: undefined }), 'The access token is for another resource.'],
    [portalToken({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool' }), 'The access token is not from the portal; connect through the portal.'],
    [portalToken({ iss: 'https://app.example.com/' }), 'The access token is not from the portal; connect through the portal.'],
    ['Bearer autri_sk_0123456789abcdef', 'The credential is not an access token from the portal.'],
    ['Basic dXNlcjpwYXNz', 'The credential is not an access token from the portal.'],
    ['Bearer a.b@d.c', 'The credential is not an access token from the portal.'],
    ['Bearer e30.bm90IGpzb24.c2ln', 'The access token cannot be read.'],
    ['Bearer e30.bnVsbA.c2ln', 'The access token cannot be read.'],
  ];
  for (const [authorization, description] of cases) {
    const refused = edge.viewerRequest('POST', '/mcp', { authorization });
    assert.equal(refused.statusCode, 401, authorization);
    assert.equal(refused.headers['www-authenticate'].value, `${ENDPOINT_CHALLENGE}, error="invalid_token", error_description="${description}"`, authorization);
    assert.equal(JSON.parse(refused.body.data).error.message, description);
  }
});

test('Any other path is answered 404 at the edge, the runtime path and other well-known documents included', () => {
  for (const path of ['/runtimes/other/invocations', '/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource/other', '/constructor', '/__proto__']) {
    const answer = edge.viewerRequest('GET', path, { authorization: portalToken() });
    assert.equal(answer.statusCode, 404, path);
  }
});

test('The source fits CloudFront Functions: a handler, no modules, no arrow functions, under the 10 KB limit', () => {
  assert.doesNotMatch(edge.source, /=>|require\(|import |Buffer/);
  assert.match(edge.source, /^function handler\(event\)/m);
  assert.ok(Buffer.byteLength(edge.source) < 10 * 1024, `${Buffer.byteLength(edge.source)} bytes`);
});
