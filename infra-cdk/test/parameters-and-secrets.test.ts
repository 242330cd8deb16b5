import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { exampleApp, resourcesOfType } from './support/example-app';

const beta = exampleApp('beta');
const t = beta.template('compute');
const parameters = () => new Map(resourcesOfType(t, 'AWS::SSM::Parameter').map(([, p]) => [p.Properties.Name, p.Properties]));

test('ALLOWED_EMAILS is a StringList seeded from the configured allowlist', () => {
  const allowed = parameters().get('/autri/beta/ALLOWED_EMAILS');
  assert.ok(allowed);
  assert.equal(allowed.Type, 'StringList');
  assert.equal(allowed.Value, 'founder@example.com,tester@example.com');
});

test('API-key connectors are switched off for this topology', () => {
  const flag = parameters().get('/autri/beta/features/api-key-connectors');
  assert.equal(flag?.Type, 'String');
  assert.equal(flag?.Value, 'false');
});

test('Database host, region and Cognito ids are published under the prefix', () => {
  const names = [...parameters().keys()];
  for (const name of [
    'db/host', 'db/port', 'db/name', 'db/secret-arn', 'region',
    'cognito/user-pool-id', 'cognito/portal-client-id', 'cognito/mcp-client-id', 'cognito/issuer', 'cognito/domain',
    'cognito/resource-server', 'cognito/mcp-scope', 'urls/app', 'urls/mcp', 'logs/portal', 'logs/mcp', 'logs/triggers',
    'budgets/name', 'buckets/uploads', 'buckets/feedback-screenshots',
  ]) {
    assert.ok(names.includes(`/autri/beta/${name}`), name);
  }
  assert.ok(names.every((n) => n.startsWith('/autri/beta/')));
  assert.equal(parameters().get('/autri/beta/region')?.Value, 'us-east-1');
  assert.equal(parameters().get('/autri/beta/urls/mcp')?.Value, 'https://mcp.example.com/mcp');
});

test('A custom parameter prefix moves every parameter', () => {
  const custom = exampleApp('beta', {
    config: { ...beta.config, parameterPrefix: '/customer-a/autri' },
  }).template('compute');
  const names = resourcesOfType(custom, 'AWS::SSM::Parameter').map(([, p]) => p.Properties.Name);
  assert.ok(names.length > 20);
  assert.ok(names.every((n: string) => n.startsWith('/customer-a/autri/')), names.join());
});

test('Application secrets exist, generated, named under the deployment', () => {
  for (const name of ['anthropic-api-key', 'oauth-shared-secret', 'github-token', 'api-key-pepper', 'data-protection-key']) {
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `autri/beta/${name}`,
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  }
  t.resourceCountIs('AWS::SecretsManager::Secret', 5);
});

test('No secret value appears in any template', () => {
  for (const stack of ['certificates', 'data', 'compute', 'monitoring'] as const) {
    const text = JSON.stringify(beta.template(stack).toJSON());
    assert.doesNotMatch(text, /"SecretString"\s*:/, stack);
    assert.doesNotMatch(text, /"MasterUserPassword"\s*:\s*"/, stack);
  }
});
