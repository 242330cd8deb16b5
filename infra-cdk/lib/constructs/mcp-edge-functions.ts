/**
 * Sources of the two CloudFront Functions (cloudfront-js-2.0) in front of AgentCore on `https://mcp.<domain>`.
 *
 * MCP clients are given `https://mcp.<domain>/mcp` and nothing else. AgentCore serves a runtime at
 * `/runtimes/<url-encoded runtime ARN>/invocations?qualifier=DEFAULT` (EPIC-4 finding F3), and its own MCP-style
 * answers name that URL: without a token it answers 401 with `resource_metadata` on
 * `bedrock-agentcore.<region>.amazonaws.com`, whose document's `resource` is the invocation URL. A client that dialled
 * `https://mcp.<domain>/mcp` must discard that document (RFC 9728 §3.3), so discovery would stop there. The edge
 * therefore speaks for the endpoint itself (README "MCP authorization at the edge"):
 *
 * - **viewer request**: answers `/.well-known/oauth-protected-resource[/mcp]` with the RFC 9728 document (the same
 *   members Autri.Mcp's ProtectedResourceMetadata serves), answers `/`, `/mcp` without `Authorization` with 401 and
 *   the challenge Autri.Mcp's AuthChallenge writes, maps `/` and `/mcp` with a credential to the runtime, and answers
 *   404 elsewhere.
 * - **viewer response**: a 401 whose challenge is not ours (AgentCore refusing a token: expired, wrong audience…)
 *   gets our challenge with `error="invalid_token"`, so the client refreshes against the portal instead of following
 *   AgentCore's metadata. The MCP server's own 401s already name our metadata and pass untouched.
 *
 * Values are literals in the source; `runtimeArn` is a CloudFormation token in the stack (rendered with Fn::Join).
 */

/** What clients are told to ask for: the portal gives refresh tokens only with offline_access (Autri.Mcp ResourceDescription). */
export const MCP_CLIENT_SCOPES = ['mcp.invoke', 'offline_access'] as const;

export const METADATA_PATH = '/.well-known/oauth-protected-resource';
export const MCP_PATH = '/mcp';

export interface McpEdgeSettings {
  /** `https://mcp.<domain>`, no path: the origin clients dial. */
  readonly origin: string;
  /** The portal's issuer, `https://app.<domain>` without a trailing slash. */
  readonly authorizationServer: string;
}

/** The RFC 9728 documents by path: the endpoint's (what the challenge names) and the origin's. */
export function protectedResourceDocuments(settings: McpEdgeSettings): Record<string, object> {
  const document = (resource: string) => ({
    resource,
    authorization_servers: [settings.authorizationServer],
    scopes_supported: [...MCP_CLIENT_SCOPES],
    bearer_methods_supported: ['header'],
    resource_name: 'Autri documents',
  });
  return {
    [METADATA_PATH + MCP_PATH]: document(settings.origin + MCP_PATH),
    [METADATA_PATH]: document(settings.origin),
  };
}

/** `Bearer resource_metadata="…", scope="…"` for a dialled path (`/` names the origin's document). */
export function challengeFor(settings: McpEdgeSettings, path: '/' | typeof MCP_PATH): string {
  const metadata = settings.origin + METADATA_PATH + (path === '/' ? '' : MCP_PATH);
  return `Bearer resource_metadata="${metadata}", scope="${MCP_CLIENT_SCOPES.join(' ')}"`;
}

const literal = (value: unknown) => JSON.stringify(value);

/** Viewer request: metadata documents and the missing-credential challenge answered here, the endpoint rewritten. */
export function mcpEdgeRequestSource(runtimeArn: string, settings: McpEdgeSettings): string {
  const documents = Object.fromEntries(Object.entries(protectedResourceDocuments(settings)).map(([p, d]) => [p, JSON.stringify(d)]));
  const endpoint = challengeFor(settings, MCP_PATH);
  const challenges = { '/': challengeFor(settings, '/'), '/mcp': endpoint, '/mcp/': endpoint };
  return [
    'var RUNTIME_ARN = "' + runtimeArn + '";',
    `var DOCUMENTS = ${literal(documents)};`,
    `var CHALLENGES = ${literal(challenges)};`,
    'var UNAUTHORIZED_BODY = \'{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"Authorization required: connect through the portal (see resource_metadata in WWW-Authenticate)."}}\';',
    'function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }',
    'function metadata(method, document) {',
    '  var cors = { "access-control-allow-origin": { value: "*" }, "access-control-expose-headers": { value: "WWW-Authenticate" } };',
    '  if (method === "OPTIONS") {',
    '    cors["access-control-allow-methods"] = { value: "GET, OPTIONS" };',
    '    cors["access-control-max-age"] = { value: "600" };',
    '    return { statusCode: 204, statusDescription: "No Content", headers: cors };',
    '  }',
    '  if (method !== "GET" && method !== "HEAD") {',
    '    return { statusCode: 405, statusDescription: "Method Not Allowed", headers: { allow: { value: "GET, HEAD, OPTIONS" } } };',
    '  }',
    '  cors["content-type"] = { value: "application/json" };',
    '  cors["cache-control"] = { value: "public, max-age=300" };',
    '  var answer = { statusCode: 200, statusDescription: "OK", headers: cors };',
    '  if (method === "GET") answer.body = { encoding: "text", data: document };',
    '  return answer;',
    '}',
    'function handler(event) {',
    '  var request = event.request;',
    '  if (has(DOCUMENTS, request.uri)) return metadata(request.method, DOCUMENTS[request.uri]);',
    '  if (!has(CHALLENGES, request.uri)) return { statusCode: 404, statusDescription: "Not Found" };',
    '  var authorization = request.headers.authorization;',
    '  if (request.method !== "OPTIONS" && (!authorization || !authorization.value)) {',
    '    return {',
    '      statusCode: 401,',
    '      statusDescription: "Unauthorized",',
    '      headers: {',
    '        "www-authenticate": { value: CHALLENGES[request.uri] },',
    '        "content-type": { value: "application/json" },',
    '        "cache-control": { value: "no-store" }',
    '      },',
    '      body: { encoding: "text", data: UNAUTHORIZED_BODY }',
    '    };',
    '  }',
    '  request.uri = "/runtimes/" + encodeURIComponent(RUNTIME_ARN) + "/invocations";',
    '  request.querystring = { qualifier: { value: "DEFAULT" } };',
    '  return request;',
    '}',
    '',
  ].join('\n');
}

/** Viewer response: AgentCore's own 401 challenge (naming its invocation URL) replaced by the endpoint's. */
export function mcpEdgeResponseSource(settings: McpEdgeSettings): string {
  return [
    `var OURS = ${literal(`Bearer resource_metadata="${settings.origin}/`)};`,
    `var CHALLENGE = ${literal(challengeFor(settings, MCP_PATH) + ', error="invalid_token"')};`,
    'function handler(event) {',
    '  var response = event.response;',
    '  if (response.statusCode !== 401) return response;',
    '  var header = response.headers["www-authenticate"];',
    '  if (header && header.value.indexOf(OURS) === 0) return response;',
    '  response.headers["www-authenticate"] = { value: CHALLENGE };',
    '  return response;',
    '}',
    '',
  ].join('\n');
}
