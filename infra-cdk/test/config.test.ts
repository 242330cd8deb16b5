import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { ConfigError, loadConfig, parseConfig, withContextOverrides } from '../lib/config/load';
import { configDir, infraRoot } from '../lib/paths';

const beta = () => JSON.parse(fs.readFileSync(path.join(configDir, 'beta.json'), 'utf8'));

function problemsOf(env: string, raw: unknown): string[] {
  try {
    parseConfig(env, raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error}`);
    return [...error.problems];
  }
  assert.fail('expected the configuration to be refused');
}

test('Every example configuration file loads', () => {
  const files = fs.readdirSync(configDir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 2);
  for (const file of files) {
    const config = loadConfig(path.basename(file, '.json'), configDir);
    assert.equal(config.env, path.basename(file, '.json'));
  }
});

test('A missing MCP domain fails with a message naming domains.mcp', () => {
  const raw = beta();
  delete raw.domains.mcp;
  assert.throws(() => parseConfig('beta', raw), /Configuration missing value for: domains\.mcp/);
});

test('Every problem is reported at once, each by name', () => {
  const raw = beta();
  delete raw.alarmEmail;
  raw.account = '12345';
  raw.domains.app = 'Not A Host';
  const problems = problemsOf('beta', raw);
  assert.ok(problems.includes('Configuration missing value for: alarmEmail'));
  assert.ok(problems.some((p) => p.startsWith('Configuration invalid value for: account (expected 12 digits')));
  assert.ok(problems.some((p) => p.startsWith('Configuration invalid value for: domains.app')));
});

test('A misspelt key is refused instead of silently falling back to a default', () => {
  const raw = beta();
  raw.database.multiAZ = true;
  assert.throws(() => parseConfig('beta', raw), /Configuration unknown key: database\.multiAZ/);
});

test('Defaults fill what the file leaves out', () => {
  const raw = beta();
  delete raw.budget;
  delete raw.database;
  delete raw.features;
  const config = parseConfig('beta', raw);
  assert.deepEqual(config.budget.thresholdsUsd, [50, 100, 200]);
  assert.equal(config.database.instanceClass, 't4g.small');
  assert.equal(config.database.multiAz, false);
  assert.equal(config.database.backupRetentionDays, 7);
  assert.equal(config.features.apiKeyConnectors, false);
  assert.equal(config.parameterPrefix, '/autri/beta');
});

test('Deletion protection defaults on everywhere except dev', () => {
  const raw = beta();
  delete raw.database;
  assert.equal(parseConfig('beta', raw).database.deletionProtection, true);
  assert.equal(parseConfig('prod', raw).database.deletionProtection, true);
  assert.equal(parseConfig('dev', raw).database.deletionProtection, false);
});

test('Budget thresholds must ascend', () => {
  const raw = beta();
  raw.budget.thresholdsUsd = [100, 50];
  assert.throws(() => parseConfig('beta', raw), /budget\.thresholdsUsd \(expected strictly ascending/);
});

test('Autoscaling bounds must be ordered', () => {
  const raw = beta();
  raw.portal = { minTasks: 3, maxTasks: 2 };
  assert.throws(() => parseConfig('beta', raw), /portal\.maxTasks \(expected >= portal\.minTasks\)/);
});

test('API-key connectors cannot be switched on behind the AgentCore JWT authorizer', () => {
  const raw = beta();
  raw.features.apiKeyConnectors = true;
  assert.throws(() => parseConfig('beta', raw), /features\.apiKeyConnectors .*accepts only JWTs from the portal's OAuth authorization server/);
});

test('The mutable "latest" tag is refused for images', () => {
  const raw = beta();
  raw.images.mcpTag = 'latest';
  assert.throws(() => parseConfig('beta', raw), /images\.mcpTag/);
});

test('Outside us-east-1 the certificate ARNs must be configured, naming the stack to deploy first', () => {
  const raw = beta();
  raw.region = 'eu-west-1';
  assert.throws(() => parseConfig('beta', raw), /Configuration missing value for: certificates\.authArn \(deploy autri-beta-certificates first/);
});

test('In us-east-1 the certificates come straight from the certificates stack', () => {
  assert.equal(parseConfig('beta', beta()).certificates, undefined);
});

test('An environment name that is not a config file fails clearly', () => {
  assert.throws(() => loadConfig('nosuch', configDir), /Configuration file not found: .*nosuch\.json/);
  assert.throws(() => loadConfig(undefined, configDir), /Configuration missing value for: env/);
  assert.throws(() => loadConfig('../etc', configDir), /Configuration invalid value for: env/);
});

test('A file that is not JSON fails naming the file', () => {
  const dir = fs.mkdtempSync(path.join(infraRoot, 'dist', 'cfg-'));
  fs.writeFileSync(path.join(dir, 'broken.json'), '{ "account": ');
  assert.throws(() => loadConfig('broken', dir), /Configuration file is not valid JSON: .*broken\.json/);
});

test('CI can override the MCP image tag, and the override is checked', () => {
  const config = parseConfig('beta', beta());
  assert.equal(withContextOverrides(config, {}).images.mcpTag, 'v0.1.0');
  assert.equal(withContextOverrides(config, { mcpImageTag: 'sha-0123abc' }).images.mcpTag, 'sha-0123abc');
  assert.throws(() => withContextOverrides(config, { mcpImageTag: 'latest' }), /-c mcpImageTag/);
});

test('No source file names a real domain: only configuration does', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|sh|yml)$/.test(entry.name) && /autri\.ai/i.test(fs.readFileSync(full, 'utf8'))) offenders.push(full);
    }
  };
  for (const dir of ['bin', 'lib', 'scripts']) walk(path.join(infraRoot, dir));
  walk(path.join(infraRoot, '..', '.github'));
  assert.deepEqual(offenders, []);
});

test('MCP client callbacks must be https or http://localhost, as Cognito requires', () => {
  const raw = beta();
  raw.mcp = { publicClientCallbackUrls: ['http://127.0.0.1:3334/oauth/callback'] };
  assert.throws(() => parseConfig('beta', raw), /mcp\.publicClientCallbackUrls\[0\]/);
  raw.mcp = { publicClientCallbackUrls: ['http://localhost:3334/oauth/callback', 'https://claude.ai/api/mcp/auth_callback'] };
  assert.deepEqual(parseConfig('beta', raw).mcp.publicClientCallbackUrls.length, 2);
});
