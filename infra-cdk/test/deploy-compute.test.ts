import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { infraRoot } from '../lib/paths';
import { tempDir } from './support/mini-repo';

const script = path.join(infraRoot, 'scripts', 'deploy-compute.sh');

/**
 * Stand-ins for the aws CLI and npx on PATH: aws answers DescribeStacks for the compute stack from FAKE_STACK,
 * npx records the cdk command it was given. Any other call fails loudly.
 */
function run(env: Record<string, string>) {
  const tools = tempDir('deploy-compute-');
  const calls = path.join(tools, 'npx-calls');
  fs.writeFileSync(path.join(tools, 'aws'), `#!/usr/bin/env bash
[[ "$1 $2 $4 $6" == "cloudformation describe-stacks autri-beta-auth-and-compute us-east-1" ]] || { echo "fake aws: unexpected call: $*" >&2; exit 99; }
case "$FAKE_STACK" in
  missing) echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id $4 does not exist" >&2; exit 254 ;;
  denied) echo "An error occurred (AccessDenied) when calling the DescribeStacks operation: not authorized" >&2; exit 254 ;;
  old) echo "None" ;;
  deployed) case "$8" in *McpImageTag*) echo "sha-mcp-deployed" ;; *PortalImageTag*) echo "sha-portal-deployed" ;; esac ;;
esac
`, { mode: 0o755 });
  fs.writeFileSync(path.join(tools, 'npx'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "${calls}"\n`, { mode: 0o755 });
  const result = spawnSync('bash', [script, 'beta'], { encoding: 'utf8', env: { PATH: `${tools}:${process.env.PATH}`, ...env } });
  const cdk = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, cdk };
}

const deploy = (...context: string[]) => ['cdk deploy autri-beta-auth-and-compute --exclusively -c env=beta', ...context, '--require-approval never'].join(' ');

test('The deploy script is valid bash', () => {
  const result = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('Deploying the portal image keeps the MCP image that is deployed, and the other way round', () => {
  const portal = run({ FAKE_STACK: 'deployed', PORTAL_IMAGE_TAG: 'sha-new' });
  assert.equal(portal.code, 0, portal.stderr);
  assert.deepEqual(portal.cdk, [deploy('-c mcpImageTag=sha-mcp-deployed', '-c portalImageTag=sha-new')]);
  assert.match(portal.stdout, /mcp: keeping the deployed sha-mcp-deployed/);

  const mcp = run({ FAKE_STACK: 'deployed', MCP_IMAGE_TAG: 'sha-new' });
  assert.deepEqual(mcp.cdk, [deploy('-c mcpImageTag=sha-new', '-c portalImageTag=sha-portal-deployed')]);
});

test('A trigger-code deploy keeps both deployed images', () => {
  const triggers = run({ FAKE_STACK: 'deployed' });
  assert.equal(triggers.code, 0, triggers.stderr);
  assert.deepEqual(triggers.cdk, [deploy('-c mcpImageTag=sha-mcp-deployed', '-c portalImageTag=sha-portal-deployed')]);
});

test('Before the first deploy, or before the stack had the tag outputs, the config file\'s tags apply', () => {
  for (const state of ['missing', 'old']) {
    const first = run({ FAKE_STACK: state, PORTAL_IMAGE_TAG: 'sha-new' });
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(first.cdk, [deploy('-c portalImageTag=sha-new')], state);
    assert.match(first.stdout, /mcp: nothing deployed yet, using the tag in config\/beta\.json/);
  }
});

test('A failure to read the stack stops before deploying, with the AWS error', () => {
  const denied = run({ FAKE_STACK: 'denied', PORTAL_IMAGE_TAG: 'sha-new' });
  assert.notEqual(denied.code, 0);
  assert.match(denied.stderr, /AccessDenied/);
  assert.deepEqual(denied.cdk, []);
});

test('An unknown environment fails naming the missing file', () => {
  const result = spawnSync('bash', [script, 'nosuch'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /No configuration file config\/nosuch\.json/);
});
