/**
 * Source of the CloudFront Function (cloudfront-js-2.0, viewer request) in front of AgentCore on `https://mcp.<domain>`.
 *
 * MCP clients are given `https://mcp.<domain>/mcp` and nothing else. AgentCore serves a runtime at
 * `/runtimes/<url-encoded runtime ARN>/invocations?qualifier=DEFAULT` (EPIC-4 finding F3), and its own MCP-style
 * answers name that URL: without a token it answers 401 with `resource_metadata` on
 * `bedrock-agentcore.<region>.amazonaws.com`, whose document's `resource` is the invocation URL. A client that dialled
 * `https://mcp.<domain>/mcp` must discard that document (RFC 9728 §3.3), so discovery would stop there. The edge
 * therefore speaks for the endpoint itself (README "MCP authorization at the edge"): it answers
 * `/.well-known/oauth-protected-resource[/mcp]` with the RFC 9728 document (the members Autri.Mcp's
 * ProtectedResourceMetadata serves), answers `/` and `/mcp` with 401 and the challenge Autri.Mcp's AuthChallenge writes
 * when the credential is missing or is a token AgentCore is bound to refuse (not a JWT, another issuer, another
 * audience, expired: read from the payload, never trusted, AgentCore still verifies everything), maps the rest of
 * `/` and `/mcp` to the runtime, and answers 404 elsewhere.
 *
 * Why refusals are answered here rather than rewritten on the way back: CloudFront does not run viewer-response
 * functions when the origin answers 400 or more, so AgentCore's own 401 (with its challenge) could not be corrected.
 * An expired access token must get the endpoint's challenge, or the client cannot refresh at the portal.
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

/** Viewer request: metadata documents and refusals answered here, the endpoint rewritten to the runtime. */
export function mcpEdgeRequestSource(runtimeArn: string, settings: McpEdgeSettings): string {
  const documents = Object.fromEntries(Object.entries(protectedResourceDocuments(settings)).map(([p, d]) => [p, JSON.stringify(d)]));
  const endpoint = challengeFor(settings, MCP_PATH);
  const challenges = { '/': challengeFor(settings, '/'), '/mcp': endpoint, '/mcp/': endpoint };
  return [
    'var RUNTIME_ARN = "' + runtimeArn + '";',
    `var ISSUER = ${literal(settings.authorizationServer)};`,
    `var AUDIENCE = ${literal(settings.origin + MCP_PATH)};`,
    `var DOCUMENTS = ${literal(documents)};`,
    `var CHALLENGES = ${literal(challenges)};`,
    'var BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";',
    'function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }',
    // Plain JavaScript rather than Buffer: only the claims' JSON is needed, and it parses from bytes read as latin1.
    'function decode(part) {',
    '  var out = "", bits = 0, value = 0;',
    '  for (var i = 0; i < part.length; i++) {',
    '    var digit = BASE64URL.indexOf(part.charAt(i));',
    '    if (digit < 0) return null;',
    '    value = (value << 6) | digit; bits += 6;',
    '    if (bits >= 8) { bits -= 8; out += String.fromCharCode((value >> bits) & 255); }',
    '  }',
    '  return out;',
    '}',
    // Why AgentCore would refuse this credential, or null when it is for AgentCore to judge. Nothing here is trusted.
    'function refusal(authorization, now) {',
    '  var match = /^Bearer +([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)$/i.exec(authorization);',
    '  if (!match) return "The credential is not an access token from the portal.";',
    '  var claims;',
    '  try { claims = JSON.parse(decode(match[2])); } catch (e) { return "The access token cannot be read."; }',
    '  if (!claims || typeof claims !== "object") return "The access token cannot be read.";',
    '  if (claims.iss !== ISSUER) return "The access token is not from the portal; connect through the portal.";',
    '  var audience = [].concat(claims.aud);',
    '  if (audience.indexOf(AUDIENCE) < 0) return "The access token is for another resource.";',
    '  if (typeof claims.exp !== "number" || claims.exp * 1000 <= now) return "The access token expired.";',
    '  return null;',
    '}',
    'function unauthorized(challenge, description) {',
    '  var header = description ? challenge + ", error=\\"invalid_token\\", error_description=\\"" + description + "\\"" : challenge;',
    '  var body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32001, message: description || "Authorization required: connect through the portal." } });',
    '  return {',
    '    statusCode: 401,',
    '    statusDescription: "Unauthorized",',
    '    headers: {',
    '      "www-authenticate": { value: header },',
    '      "content-type": { value: "application/json" },',
    '      "cache-control": { value: "no-store" }',
    '    },',
    '    body: { encoding: "text", data: body }',
    '  };',
    '}',
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
    '  if (request.method !== "OPTIONS") {',
    '    var authorization = request.headers.authorization;',
    '    if (!authorization || !authorization.value) return unauthorized(CHALLENGES[request.uri], null);',
    '    var reason = refusal(authorization.value, Date.now());',
    '    if (reason) return unauthorized(CHALLENGES[request.uri], reason);',
    '  }',
    '  request.uri = "/runtimes/" + encodeURIComponent(RUNTIME_ARN) + "/invocations";',
    '  request.querystring = { qualifier: { value: "DEFAULT" } };',
    '  return request;',
    '}',
    '',
  ].join('\n');
}
