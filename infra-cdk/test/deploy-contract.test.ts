import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { POST_CONFIRMATION_HANDLER, PRE_TOKEN_GENERATION_HANDLER } from '../lib/constructs/triggers';
import { infraRoot } from '../lib/paths';
import { exampleApp, resourcesOfType } from './support/example-app';

/**
 * deploy/contract/*.json list the configuration each deployable reads in production; the .NET tests prove each app
 * refuses to start without a required one. These prove the synthesized stacks give each app exactly those keys:
 * nothing missing, nothing extra that no code reads, and every secret through ECS secrets from Secrets Manager.
 */

interface ContractKey { key: string; from: 'env' | 'parameter' | 'secret' | 'platform'; required: boolean; description: string; when?: string }

const contractDir = path.join(infraRoot, '..', 'deploy', 'contract');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(contractDir, `${name}.json`), 'utf8'));
/** .NET reads `A__B` from the environment as the configuration key `A:B`. */
const configKey = (name: string) => name.replace(/__/g, ':');

const beta = exampleApp('beta');
const t = beta.template('compute');
const resources = t.toJSON().Resources as Record<string, any>;

/**
 * What an ECS secret's valueFrom points at: `parameter <name>`, `secret <logical id>`, or one JSON key of a database
 * secret of the data stack: `db-master <key>` (the RDS master secret) or `db-<app> <key>` (an app role's login).
 */
function source(valueFrom: any): string {
  const text = JSON.stringify(valueFrom);
  const ref = /"Ref":"([A-Za-z0-9]+)"/.exec(text.replace(/"Ref":"AWS::Partition"/g, ''))?.[1];
  if (/:ssm:/.test(text) && ref && resources[ref]?.Type === 'AWS::SSM::Parameter') return `parameter ${resources[ref].Properties.Name}`;
  if (!/:ssm:/.test(text) && ref && resources[ref]?.Type === 'AWS::SecretsManager::Secret') return `secret ${ref}`;
  const db = /ExportsOutputRefDatabase(InstanceSecretAttachment|Portal|Mcp|Triggers)(?:Login)?[A-Z0-9]+"},":([a-z]+)::"/.exec(text);
  if (db) return `${db[1] === 'InstanceSecretAttachment' ? 'db-master' : `db-${db[1].toLowerCase()}`} ${db[2]}`;
  return `unknown ${text}`;
}

/** A container of the portal's task definition: `portal` or `migrate`. */
function portalTaskContainer(name: string): any {
  const [, task] = resourcesOfType(t, 'AWS::ECS::TaskDefinition')[0];
  const container = task.Properties.ContainerDefinitions.find((c: any) => c.Name === name);
  assert.ok(container, `no container ${name}`);
  return container;
}

test('Every contract entry names a key, where it comes from and what it is for', () => {
  const all: ContractKey[] = [...read('portal').keys, ...read('migrate').keys, ...read('mcp').keys, ...read('agent').keys,
    ...Object.values(read('triggers').functions as Record<string, ContractKey[]>).flat()];
  for (const k of all) {
    assert.ok(['env', 'parameter', 'secret', 'platform'].includes(k.from), `${k.key}: from ${k.from}`);
    assert.equal(typeof k.required, 'boolean', k.key);
    assert.ok(k.description.length > 10, `${k.key} needs a description`);
  }
});

test('The portal task gets exactly the contract\'s keys: plain values in the environment, the rest as ECS secrets', () => {
  // beta is not customer-managed: the keys only such a deployment gets are absent.
  const keys: ContractKey[] = read('portal').keys.filter((k: ContractKey) => k.when === undefined);
  const container = portalTaskContainer('portal');
  const environment = new Map<string, unknown>(container.Environment.map((e: any) => [configKey(e.Name), e.Value]));
  const secrets = new Map<string, string>(container.Secrets.map((s: any) => [configKey(s.Name), source(s.ValueFrom)]));

  const given = [...environment.keys(), ...secrets.keys()].sort();
  assert.deepEqual(given, keys.map((k) => k.key).sort(), 'the task is given exactly the contract\'s keys');
  for (const k of keys) {
    if (k.from === 'env') assert.ok(environment.has(k.key), `${k.key} belongs in the plain environment`);
    if (k.from === 'parameter') assert.match(secrets.get(k.key) ?? '', /^parameter \/autri\/beta\//, `${k.key} comes from Parameter Store`);
    if (k.from === 'secret') assert.match(secrets.get(k.key) ?? '', /^(secret|db-[a-z]+) /, `${k.key} comes from Secrets Manager`);
  }
  assert.equal(secrets.get('Database:Host'), 'parameter /autri/beta/db/host');
  // Its own login, never the master's.
  assert.equal(secrets.get('Database:Password'), 'db-portal password');
  assert.equal(secrets.get('Database:Username'), 'db-portal username');
  assert.equal(secrets.get('Connectors:ApiKeysEnabled'), 'parameter /autri/beta/features/api-key-connectors');
  assert.match(secrets.get('ApiKeys:Peppers:1') ?? '', /^secret SecretsApiKeyPepper/);
  assert.match(secrets.get('DataProtection:EncryptionKeys') ?? '', /^secret SecretsDataProtectionKey/);
});

test('The migrate step gets exactly its contract\'s keys, all as ECS secrets: the master login and each role\'s password', () => {
  const keys: ContractKey[] = read('migrate').keys;
  const container = portalTaskContainer('migrate');
  assert.equal(container.Environment, undefined, 'nothing in the plain environment');
  const secrets = new Map<string, string>(container.Secrets.map((s: any) => [configKey(s.Name), source(s.ValueFrom)]));
  assert.deepEqual([...secrets.keys()].sort(), keys.map((k) => k.key).sort());
  assert.deepEqual(Object.fromEntries(secrets), {
    'Database:Host': 'parameter /autri/beta/db/host',
    'Database:Port': 'parameter /autri/beta/db/port',
    'Database:Name': 'parameter /autri/beta/db/name',
    'Database:Username': 'db-master username',
    'Database:Password': 'db-master password',
    'RolePasswords:autri_portal': 'db-portal password',
    'RolePasswords:autri_mcp': 'db-mcp password',
    'RolePasswords:autri_triggers': 'db-triggers password',
  });
});

test('No container but the migrate step is given the master login', () => {
  const [, task] = resourcesOfType(t, 'AWS::ECS::TaskDefinition')[0];
  for (const container of task.Properties.ContainerDefinitions.filter((c: any) => c.Name !== 'migrate')) {
    assert.ok(!(container.Secrets ?? []).some((s: any) => source(s.ValueFrom).startsWith('db-master')), container.Name);
  }
  assert.ok(!/DatabaseInstanceSecretAttachment/.test(JSON.stringify(resourcesOfType(t, 'AWS::BedrockAgentCore::Runtime'))));
  assert.ok(!/DatabaseInstanceSecretAttachment/.test(JSON.stringify(resourcesOfType(t, 'AWS::Lambda::Function'))));
});

test('The portal is told it runs in Aws mode on Cognito, with API keys from Parameter Store', () => {
  const container = portalTaskContainer('portal');
  const env = Object.fromEntries(container.Environment.map((e: any) => [e.Name, e.Value]));
  assert.equal(env.Portal__Mode, 'Aws');
  assert.equal(env.Connectors__Registry, 'Cognito');
  assert.equal(env.Identity__LogoutStyle, 'Cognito');
  assert.equal(env.Identity__LogoutEndpoint, 'https://auth.example.com/logout');
  assert.equal(env.Portal__PublicUrl, 'https://app.example.com');
  assert.equal(env.Portal__McpEndpoint, 'https://mcp.example.com/mcp');
  assert.equal(env.Portal__ContactEmail, 'beta@example.com');
  assert.equal(env.Aws__AccountId, '123456789012');
  assert.equal(env.Logs__Groups__portal, '/autri/beta/portal');
  // Log groups are referenced by Ref: show their names.
  const names = (v: unknown) => JSON.stringify(v).replace(/\{"Ref":"([A-Za-z0-9]+)"\}/g, (ref, id) =>
    resources[id]?.Type === 'AWS::Logs::LogGroup' ? JSON.stringify(resources[id].Properties.LogGroupName) : ref);
  assert.match(names(env.Logs__Groups__mcp), /bedrock-agentcore\/runtimes/);
  assert.match(names(env.Logs__Groups__triggers), /\/aws\/lambda\/autri-beta-post-confirmation.*,.*\/aws\/lambda\/autri-beta-pre-token-generation/);
  assert.match(JSON.stringify(env.Portal__AllowlistParameter), /AllowedEmails/);
  // The clients the portal must never act on as on a connector's: its own and the public MCP client.
  assert.match(JSON.stringify(env.Identity__ClientId), /PortalClient/);
  assert.match(JSON.stringify(env.Connectors__McpClientId), /McpPublicClient/);
  t.hasResourceProperties('AWS::SSM::Parameter', { Name: '/autri/beta/features/api-key-connectors', Value: 'false' });
});

test('The MCP runtime gets exactly the contract\'s keys, none of them a secret value', () => {
  const keys: ContractKey[] = read('mcp').keys;
  const [, runtime] = resourcesOfType(t, 'AWS::BedrockAgentCore::Runtime')[0];
  const env: Record<string, unknown> = runtime.Properties.EnvironmentVariables;
  assert.deepEqual(Object.keys(env).map(configKey).sort(), keys.map((k) => k.key).sort());
  assert.ok(keys.every((k) => k.from === 'env'), 'AgentCore can only take plain values');
  // The password stays in Secrets Manager: the runtime gets the secret's ARN, never a resolved value.
  const text = JSON.stringify(env);
  assert.ok(!/resolve:secretsmanager|password"?:/i.test(text), text);
  assert.match(JSON.stringify(env.Database__PasswordSecretArn), /DatabaseMcpLogin/);
  assert.equal(env.Database__Username, 'autri_mcp');
});

test('Each trigger gets exactly its contract\'s variables; the platform ones are left to Lambda', () => {
  const functions = read('triggers').functions as Record<string, ContractKey[]>;
  const handlers: Record<string, string> = { 'post-confirmation': POST_CONFIRMATION_HANDLER, 'pre-token-generation': PRE_TOKEN_GENERATION_HANDLER };
  for (const [name, keys] of Object.entries(functions)) {
    const [, fn] = resourcesOfType(t, 'AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === handlers[name])!;
    const variables: Record<string, unknown> = fn.Properties.Environment.Variables;
    const expected = keys.filter((k) => k.from !== 'platform').map((k) => k.key).sort();
    assert.deepEqual(Object.keys(variables).sort(), expected, name);
    assert.ok(!/resolve:secretsmanager/.test(JSON.stringify(variables)), name);
  }
  const [, post] = resourcesOfType(t, 'AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === POST_CONFIRMATION_HANDLER)!;
  assert.equal(post.Properties.Environment.Variables.CONTACT_EMAIL, 'beta@example.com');
  assert.match(JSON.stringify(post.Properties.Environment.Variables.DB_SECRET_ARN), /DatabaseTriggersLogin/);
});
