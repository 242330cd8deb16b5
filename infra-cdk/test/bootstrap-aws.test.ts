import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { test } from 'node:test';
import type { AutriStacks } from '../lib/autri-app';
import { infraRoot } from '../lib/paths';
import { exampleApp } from './support/example-app';
import { fakeAccount, type FakeAccount } from './support/fake-account';
import { commandsIn, numberedSteps, readmeSection } from './support/readme';

const script = path.join(infraRoot, 'scripts', 'bootstrap-aws.sh');
const DEPLOY_ORDER: (keyof AutriStacks)[] = ['certificates', 'data', 'compute', 'monitoring'];

function run(env: string, args: string[], account: FakeAccount, extra: Record<string, string> = {}) {
  // No terminal on stdin: the script must not wait for an answer it cannot get.
  const result = spawnSync('bash', [script, env, ...args], { encoding: 'utf8', input: '', env: { ...account.env, ...extra } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, calls: account.calls() };
}

/** The `cdk deploy` stacks, in order, from traced lines (`+ npx cdk deploy …`) or recorded calls (`npx cdk deploy …`). */
const deployed = (lines: string[]) => lines.map((l) => /npx cdk deploy (\S+)/.exec(l)?.[1]).filter((s): s is string => !!s);
const traced = (stdout: string, mark: '+' | '?') => stdout.split('\n').filter((l) => l.startsWith(`${mark} `)).map((l) => l.slice(2));

test('The bootstrap script is valid bash', () => {
  const result = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

for (const env of ['beta', 'dev']) {
  test(`A dry run (${env}) runs nothing and lists the synthesized app's stacks in deploy order, after bootstrapping both regions`, () => {
    const app = exampleApp(env);
    const account = fakeAccount();
    const dry = run(env, ['--dry-run'], account);

    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(dry.calls, [], 'a dry run calls no tool');
    const changes = traced(dry.stdout, '+');
    const stacks = DEPLOY_ORDER.map((s) => app.stacks[s].stackName);
    // The compute stack goes through deploy-compute.sh (it keeps the deployed images on a re-run).
    const order = changes.map((c) => /npx cdk deploy (\S+)/.exec(c)?.[1] ?? (/^scripts\/deploy-compute\.sh /.test(c) ? app.stacks.compute.stackName : undefined))
      .filter((s) => s !== undefined);
    assert.deepEqual(order, stacks);
    for (const [i, s] of DEPLOY_ORDER.entries()) {
      for (const dependency of app.stacks[s].dependencies) assert.ok(stacks.indexOf(dependency.stackName) < i, `${stacks[i]} after ${dependency.stackName}`);
    }
    const regions = [...new Set([app.config.region, 'us-east-1'])].sort();
    assert.deepEqual(changes.filter((c) => c.startsWith('npx cdk bootstrap')), regions.map((r) => `npx cdk bootstrap aws://123456789012/${r} -c env=${env}`));
    const index = (re: RegExp) => changes.findIndex((c) => re.test(c));
    assert.ok(index(/cdk bootstrap/) < index(/create-secret --name /), 'bootstrap, then the secret');
    assert.ok(index(/create-secret --name /) < index(/cdk deploy \S+-certificates/), 'the Google secret before any deploy');
    assert.ok(index(/docker buildx build .*-portal:/) < index(/deploy-compute\.sh/) && index(/docker buildx build .*-mcp:/) < index(/deploy-compute\.sh/), 'images before compute');
    assert.ok(index(/update-cost-allocation-tags-status/) > index(/cdk deploy \S+-monitoring/));
    assert.match(dry.stdout, /Still manual:\n(  - .*\n)+/);
  });
}

test('The README\'s deploy commands are what the dry run runs, in the same order', () => {
  const app = exampleApp('beta');
  const values = { env: 'beta', region: 'us-east-1', account: '123456789012', acct: '123456789012', tag: app.config.images.portalTag };
  const dry = run('beta', ['--dry-run'], fakeAccount());
  const changes = traced(dry.stdout, '+').map((c) => c.replace(' --exclusively', '').replace(' --require-approval never', ''));

  // Prerequisites: the bootstrap targets and the Google secret.
  const prerequisites = commandsIn(readmeSection('Prerequisites'), { ...values, 'google.clientSecretName': app.config.google.clientSecretName });
  const bootstrap = prerequisites.find((c) => c.startsWith('npx cdk bootstrap'))!;
  const targets = [...new Set(bootstrap.split(' ').filter((w) => w.startsWith('aws://')))].sort();
  assert.deepEqual(changes.filter((c) => c.startsWith('npx cdk bootstrap')).map((c) => c.split(' ')[3]), targets);
  const secret = prerequisites.find((c) => c.startsWith('aws secretsmanager create-secret'))!;
  assert.ok(changes.some((c) => c.startsWith(secret.split(' --secret-string')[0]) && c.endsWith('--region us-east-1')), secret);

  // Deploy order: every cdk deploy and docker command of the README, placeholders filled, in order.
  const steps = numberedSteps(readmeSection('Deploy order (first install)'));
  const readme = [...steps.values()].flatMap((text) => commandsIn(text, values))
    .filter((c) => /^(npx cdk deploy|docker buildx build)/.test(c));
  assert.ok(readme.length >= 5, readme.join('\n'));
  const mcpTag = app.config.images.mcpTag;
  const expected = readme.flatMap((c) => c.includes('Autri.Portal/Dockerfile')
    // "and the same with -f Autri.Mcp/Dockerfile and autri-<env>-mcp"
    ? [c, c.replace('Autri.Portal/Dockerfile', 'Autri.Mcp/Dockerfile').replace(/autri-beta-portal:\S+/, `autri-beta-mcp:${mcpTag}`)]
    : [c]);
  const ran = changes.map((c) => (c === 'scripts/deploy-compute.sh beta' ? 'npx cdk deploy autri-beta-auth-and-compute -c env=beta' : c))
    .filter((c) => /^(npx cdk deploy|docker buildx build)/.test(c));
  assert.deepEqual(ran, expected);
});

test('A new account gets everything, the Google secret from GOOGLE_CLIENT_SECRET without showing it, and the URLs and DNS records at the end', () => {
  const account = fakeAccount();
  const first = run('beta', [], account, { GOOGLE_CLIENT_SECRET: 'g0ogle-s3cret', ANTHROPIC_API_KEY: 'sk-ant-k3y' });

  assert.equal(first.code, 0, first.stderr + first.stdout);
  assert.deepEqual(first.calls.filter((c) => c.startsWith('UNEXPECTED')), []);
  assert.equal(account.read('secret-autri_beta_google-oauth-client-secret'), 'g0ogle-s3cret');
  assert.equal(account.read('secret-autri_beta_anthropic-api-key'), 'sk-ant-k3y');
  for (const output of [first.stdout, first.stderr, first.calls.join('\n')]) {
    assert.doesNotMatch(output, /g0ogle-s3cret|sk-ant-k3y/, 'a secret never shows');
  }
  assert.deepEqual(deployed(first.calls), ['autri-beta-certificates', 'autri-beta-network-and-data', 'autri-beta-auth-and-compute', 'autri-beta-monitoring']);
  assert.ok(account.has('stack-CDKToolkit-us-east-1') && account.has('image-autri-beta-portal:v0.1.0') && account.has('image-autri-beta-mcp:v0.1.0'));
  assert.ok(account.has('tags-active'));
  assert.match(first.stdout, /portal +https:\/\/app\.example\.com/);
  assert.match(first.stdout, /app\.example\.com CNAME alb\.example\.elb\.amazonaws\.com/);
  assert.match(first.stdout, /redirect URI https:\/\/auth\.example\.com\/oauth2\/idpresponse/);
  assert.match(first.stdout, /put the real value in autri\/beta\/github-token/);
  assert.doesNotMatch(first.stdout, /put the real value in autri\/beta\/anthropic-api-key/);
});

test('Running it again creates nothing and keeps the deployed images', () => {
  const account = fakeAccount();
  assert.equal(run('beta', [], account, { GOOGLE_CLIENT_SECRET: 'first' }).code, 0);
  const before = account.calls().length;

  const again = run('beta', [], account);
  const calls = again.calls.slice(before);
  assert.equal(again.code, 0, again.stderr + again.stdout);
  assert.deepEqual(calls.filter((c) => /UNEXPECTED|create-secret|put-secret-value|cdk bootstrap|^docker|update-cost-allocation/.test(c)), []);
  assert.equal(account.read('secret-autri_beta_google-oauth-client-secret'), 'first');
  assert.ok(calls.includes('npx cdk deploy autri-beta-auth-and-compute --exclusively -c env=beta -c mcpImageTag=sha-mcp-deployed -c portalImageTag=sha-portal-deployed --require-approval never'));
  assert.match(again.stdout, /already bootstrapped in us-east-1/);
});

test('Prerequisites it cannot fix stop it before anything is created', () => {
  const account = fakeAccount();
  const wrong = run('beta', [], account, { FAKE_ACCOUNT: '999999999999', GOOGLE_CLIENT_SECRET: 'x' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /Stopping: fix these first/);
  assert.match(wrong.stderr, /AWS credentials are for account '999999999999'/);
  assert.deepEqual(wrong.calls.filter((c) => /^(npx|docker)|create-secret/.test(c)), []);
});

test('Without a terminal and without GOOGLE_CLIENT_SECRET it stops, naming what it needs, and creates no secret', () => {
  const account = fakeAccount();
  const result = run('beta', [], account);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /set GOOGLE_CLIENT_SECRET or run this in a terminal/);
  assert.deepEqual(result.calls.filter((c) => /create-secret|cdk deploy|^docker/.test(c)), []);
});

test('A wrong environment or argument is refused with the usage', () => {
  for (const args of [['nosuch'], ['beta', '--bogus'], []]) {
    const result = spawnSync('bash', [script, ...args], { encoding: 'utf8' });
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /usage: .*bootstrap-aws\.sh <env> \[--dry-run\]/);
  }
});
