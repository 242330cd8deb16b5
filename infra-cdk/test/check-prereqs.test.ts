import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test } from 'node:test';
import { infraRoot } from '../lib/paths';

const script = path.join(infraRoot, 'scripts', 'check-prereqs.sh');

/**
 * Stand-ins for the aws CLI and dig on PATH. They answer only the calls the script makes, from
 * environment variables, and fail loudly on anything else so a new call cannot pass unnoticed.
 */
function fakeTools(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prereqs-'));
  fs.writeFileSync(path.join(dir, 'aws'), `#!/usr/bin/env bash
case "$1 $2" in
  "sts get-caller-identity") echo "$FAKE_ACCOUNT" ;;
  "cloudformation describe-stacks") echo "UPDATE_COMPLETE" ;;
  "secretsmanager describe-secret") [[ "$FAKE_GOOGLE_SECRET" == yes ]] && echo "$4" || { echo "ResourceNotFoundException" >&2; exit 254; } ;;
  "acm list-certificates") echo "arn:aws:acm:us-east-1:123456789012:certificate/11111111-1111-1111-1111-111111111111" ;;
  "acm describe-certificate") printf '%s\\t%s\\t%s\\n' "$FAKE_CERT_STATUS" "_abc.auth.example.com." "_def.acm-validations.aws." ;;
  "rds describe-engine-default-parameters") echo "$FAKE_PRELOADABLE" ;;
  "ecr describe-images") echo "v0.1.0" ;;
  "ce list-cost-allocation-tags") echo "3" ;;
  "ec2 describe-availability-zones") echo "use1-az1	use1-az2" ;;
  *) echo "fake aws: unexpected call: $*" >&2; exit 99 ;;
esac
`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'dig'), `#!/usr/bin/env bash
case "$2" in
  A) echo "192.0.2.10" ;;
  CNAME) echo "$FAKE_CNAME" ;;
  *) echo "fake dig: unexpected call: $*" >&2; exit 99 ;;
esac
`, { mode: 0o755 });
  // curl: the deployed endpoints, as FAKE_DISCOVERY says (ok, wrong: AgentCore's own challenge and document).
  fs.writeFileSync(path.join(dir, 'curl'), `#!/usr/bin/env bash
url=""; for a in "$@"; do [[ "$a" == https://* ]] && url="$a"; done
ours=$([[ "$FAKE_DISCOVERY" == ok ]] && echo yes || echo no)
case "$url" in
  https://mcp.example.com/mcp)
    printf 'HTTP/2 401\\r\\n'
    if [[ $ours == yes ]]; then printf 'www-authenticate: Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="mcp.invoke offline_access"\\r\\n'
    else printf 'www-authenticate: Bearer resource_metadata="https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/x/invocations/.well-known/oauth-protected-resource?qualifier=DEFAULT"\\r\\n'; fi
    printf '\\r\\n' ;;
  https://mcp.example.com/.well-known/oauth-protected-resource/mcp)
    if [[ $ours == yes ]]; then echo '{"resource":"https://mcp.example.com/mcp","authorization_servers":["https://app.example.com"]}'
    else echo '<html>404</html>'; fi ;;
  https://app.example.com/.well-known/oauth-authorization-server)
    echo '{"issuer":"https://app.example.com","registration_endpoint":"https://app.example.com/oauth/register","code_challenge_methods_supported":["S256"]}' ;;
  *) echo "fake curl: unexpected call: $*" >&2; exit 99 ;;
esac
`, { mode: 0o755 });
  return dir;
}

function run(env: Record<string, string>) {
  const tools = fakeTools();
  const result = spawnSync('bash', [script, 'beta'], {
    encoding: 'utf8',
    env: {
      PATH: `${tools}:${process.env.PATH}`,
      FAKE_ACCOUNT: '123456789012',
      FAKE_GOOGLE_SECRET: 'yes',
      FAKE_CERT_STATUS: 'ISSUED',
      FAKE_PRELOADABLE: 'auto_explain,pg_cron,pg_stat_statements,vector',
      FAKE_CNAME: '',
      FAKE_DISCOVERY: 'ok',
      ...env,
    },
  });
  return { code: result.status, lines: result.stdout.split('\n').filter((l) => /^(PASS|FAIL|WARN|INFO) /.test(l)), stderr: result.stderr };
}

test('The checker script is valid bash', () => {
  const result = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('A ready account passes every check', () => {
  const { code, lines, stderr } = run({});
  assert.equal(stderr, '');
  assert.equal(code, 0, lines.join('\n'));
  assert.ok(lines.length >= 10);
  assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), []);
  assert.ok(lines.includes('PASS  AWS credentials are for account 123456789012'));
  assert.ok(lines.includes('PASS  CDK bootstrapped in us-east-1 (UPDATE_COMPLETE)'));
  assert.ok(lines.includes('PASS  certificate for auth.example.com is issued'));
});

test('Credentials for another account fail the check', () => {
  const { code, lines } = run({ FAKE_ACCOUNT: '999999999999' });
  assert.equal(code, 1);
  assert.ok(lines.includes("FAIL  AWS credentials are for account '999999999999', config says 123456789012"));
});

test('A missing Google secret fails with the command that creates it', () => {
  const { code, lines } = run({ FAKE_GOOGLE_SECRET: 'no' });
  assert.equal(code, 1);
  assert.ok(lines.some((l) => l.startsWith("FAIL  secret 'autri/beta/google-oauth-client-secret' is missing: aws secretsmanager create-secret")));
});

test('A pending certificate names the validation CNAME to add', () => {
  const missing = run({ FAKE_CERT_STATUS: 'PENDING_VALIDATION', FAKE_CNAME: '' });
  assert.equal(missing.code, 1);
  assert.ok(missing.lines.includes('FAIL  add DNS record: _abc.auth.example.com. CNAME _def.acm-validations.aws. (DNS only, not proxied) to validate auth.example.com'));
  const present = run({ FAKE_CERT_STATUS: 'PENDING_VALIDATION', FAKE_CNAME: '_def.acm-validations.aws.' });
  assert.ok(present.lines.includes('PASS  validation CNAME for auth.example.com is in DNS; ACM will issue shortly'));
});

test('If RDS cannot preload vector the check says to switch preloading off', () => {
  const { code, lines } = run({ FAKE_PRELOADABLE: 'auto_explain,pg_cron,pg_stat_statements' });
  assert.equal(code, 1);
  assert.ok(lines.some((l) => l.startsWith("FAIL  RDS postgres16 does not list 'vector'") && l.includes('database.preloadVector')));
});

test('After deploy, discovery from the MCP URL alone is checked: challenge, endpoint metadata, portal metadata', () => {
  const ready = run({});
  assert.ok(ready.lines.includes('PASS  https://mcp.example.com/mcp without credentials answers a challenge naming its metadata'), ready.lines.join('\n'));
  assert.ok(ready.lines.includes('PASS  protected-resource metadata names https://mcp.example.com/mcp and the portal https://app.example.com'));
  assert.ok(ready.lines.includes("PASS  the portal's authorization-server metadata has issuer https://app.example.com, registration and S256"));

  // AgentCore's own answers passed through (no edge functions) are what a client could not use.
  const agentCore = run({ FAKE_DISCOVERY: 'agentcore' });
  assert.equal(agentCore.code, 1);
  assert.ok(agentCore.lines.some((l) => l.startsWith('FAIL  https://mcp.example.com/mcp without credentials must answer 401') && l.includes('bedrock-agentcore')));
  assert.ok(agentCore.lines.some((l) => l.startsWith('FAIL  protected-resource metadata of https://mcp.example.com/mcp') && l.includes('not JSON')));
});
