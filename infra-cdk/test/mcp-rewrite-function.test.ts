import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vm from 'vm';
import { mcpRewriteFunctionSource } from '../lib/constructs/mcp-rewrite-function';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/autri_beta_mcp-AbCdEf1234';
const ENCODED = 'arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fautri_beta_mcp-AbCdEf1234';

/** Runs the function source the way CloudFront does: a `handler(event)` in a bare global scope. */
function run(uri: string, querystring: Record<string, { value: string }> = {}) {
  const context = vm.createContext({ encodeURIComponent });
  vm.runInContext(mcpRewriteFunctionSource(ARN), context);
  const event = { request: { method: 'POST', uri, querystring, headers: { authorization: { value: 'Bearer x' } } } };
  // Through JSON so results made in the sandbox's realm compare with ours.
  return JSON.parse(vm.runInContext(`JSON.stringify(handler(${JSON.stringify(event)}))`, context));
}

test('The MCP path is rewritten to the runtime invocation path with the DEFAULT qualifier', () => {
  const request = run('/mcp', { foo: { value: 'bar' } });
  assert.equal(request.uri, `/runtimes/${ENCODED}/invocations`);
  assert.deepEqual(request.querystring, { qualifier: { value: 'DEFAULT' } });
  assert.equal(request.headers.authorization.value, 'Bearer x');
});

test('The root path is rewritten too', () => {
  assert.equal(run('/').uri, `/runtimes/${ENCODED}/invocations`);
});

test('Any other path is answered 404 at the edge', () => {
  const response = run('/runtimes/other/invocations');
  assert.equal(response.statusCode, 404);
  assert.equal(run('/.well-known/oauth-protected-resource').statusCode, 404);
});

test('The function source uses only cloudfront-js-2.0 syntax the rewrite needs (no modules, no arrow functions)', () => {
  const source = mcpRewriteFunctionSource(ARN);
  assert.doesNotMatch(source, /=>|require\(|import /);
  assert.match(source, /^function handler\(event\)/m);
});
