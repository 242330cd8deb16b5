/**
 * Source of the CloudFront Function (cloudfront-js-2.0, viewer request) in front of AgentCore.
 *
 * MCP clients are given `https://mcp.<domain>/mcp`; AgentCore serves a runtime at
 * `/runtimes/<url-encoded runtime ARN>/invocations?qualifier=DEFAULT` (EPIC-4 finding F3). The
 * function maps `/` and `/mcp` there and answers 404 for any other path, so the distribution
 * exposes nothing but the MCP endpoint. `runtimeArn` is a literal in tests and a CloudFormation
 * token in the stack (rendered with Fn::Join); it is encoded at request time.
 */
export function mcpRewriteFunctionSource(runtimeArn: string): string {
  return [
    'var RUNTIME_ARN = "' + runtimeArn + '";',
    'var MCP_PATHS = { "/": true, "/mcp": true, "/mcp/": true };',
    'function handler(event) {',
    '  var request = event.request;',
    '  if (!MCP_PATHS[request.uri]) {',
    '    return { statusCode: 404, statusDescription: "Not Found" };',
    '  }',
    '  request.uri = "/runtimes/" + encodeURIComponent(RUNTIME_ARN) + "/invocations";',
    '  request.querystring = { qualifier: { value: "DEFAULT" } };',
    '  return request;',
    '}',
    '',
  ].join('\n');
}
