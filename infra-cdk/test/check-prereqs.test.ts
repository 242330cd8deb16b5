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
