import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { AGENT_ENTRY_POINT } from '../lib/constructs/coordination-agent';
import { ConfigError } from '../lib/config/load';
import { infraRoot } from '../lib/paths';
import { customerManagedConfig, exampleApp, exampleConfig, resourcesOfType } from './support/example-app';

/**
 * The coordination agent of a customer-managed deployment (issue 16): deployed only when configuration says so, in a
 * task of its own that nothing can connect to, with a task role that holds nothing and an execution role that reads
 * only its own secrets: no document bucket, no bucket key, no database login of any app.
 */

const beta = exampleApp('beta');
const managed = exampleApp('beta', { config: customerManagedConfig() });
const compute = managed.template('compute');
const data = managed.template('data');
const computeResources = compute.toJSON().Resources as Record<string, any>;

/** The agent's task definition: the one whose container is named `agent`. */
function agentTask(resources: Record<string, any>): any {
  return Object.values(resources).find((r) => r.Type === 'AWS::ECS::TaskDefinition'
    && r.Properties.ContainerDefinitions.some((c: any) => c.Name === 'agent'));
}

/** Every statement of the policies attached to a role (by its logical id). */
function statementsOf(roleLogicalId: string): any[] {
  return Object.values(computeResources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const roleId = (arn: any): string => /"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/.exec(JSON.stringify(arn))![1];

test('Without customerManaged the agent, its security group and the agent API token are absent', () => {
  const resources = beta.template('compute').toJSON().Resources as Record<string, any>;
  assert.equal(agentTask(resources), undefined);
  assert.equal(resourcesOfType(beta.template('compute'), 'AWS::ECS::Service').length, 1, 'the portal service only');
  assert.ok(!JSON.stringify(resources).includes('agent-api-token'));
  assert.ok(!JSON.stringify(beta.template('data').toJSON()).includes('Coordination agent'));
});

test('With customerManaged the agent runs as its own Fargate service, from the portal image, without a load balancer', () => {
  const services = resourcesOfType(compute, 'AWS::ECS::Service');
  assert.equal(services.length, 2);
  const task = agentTask(computeResources);
  assert.ok(task, 'the agent task definition');
  const [, service] = services.find(([, s]) => JSON.stringify(s.Properties.TaskDefinition).includes(
    Object.entries(computeResources).find(([, r]) => r === task)![0]))!;
  assert.equal(service.Properties.LoadBalancers, undefined, 'no load balancer target');
  assert.equal(service.Properties.DesiredCount, 1);
  assert.equal(service.Properties.ServiceName, 'autri-beta-agent');
  assert.equal(service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp, 'DISABLED');
  const [container] = task.Properties.ContainerDefinitions;
  assert.deepEqual(container.EntryPoint, AGENT_ENTRY_POINT);
  assert.equal(container.PortMappings, undefined, 'no port');
  assert.match(JSON.stringify(container.Image), /RepositoriesPortal.*:v0\.1\.0/);
  assert.equal(task.Properties.RuntimePlatform.CpuArchitecture, 'ARM64');
});

test('The agent\'s security group has no ingress rule and only HTTPS egress, and no path to the database', () => {
  const [id, group] = resourcesOfType(data, 'AWS::EC2::SecurityGroup').find(([, g]) => g.Properties.GroupDescription.startsWith('Coordination agent'))!;
  assert.equal(group.Properties.SecurityGroupIngress, undefined);
  assert.deepEqual(group.Properties.SecurityGroupEgress.map((e: any) => [e.IpProtocol, e.FromPort, e.ToPort, e.CidrIp]), [['tcp', 443, 443, '0.0.0.0/0']]);
  const ingressRules = resourcesOfType(data, 'AWS::EC2::SecurityGroupIngress');
  assert.ok(!ingressRules.some(([, r]) => JSON.stringify(r.Properties.GroupId).includes(id)), 'nothing may connect to the agent');
  assert.ok(!ingressRules.some(([, r]) => JSON.stringify(r.Properties.SourceSecurityGroupId ?? '').includes(id)), 'the agent reaches nothing inside the VPC');
  assert.ok(!resourcesOfType(data, 'AWS::EC2::SecurityGroupEgress').some(([, r]) => JSON.stringify(r.Properties.GroupId).includes(id)));
  const service = resourcesOfType(compute, 'AWS::ECS::Service').find(([, s]) => JSON.stringify(s.Properties.NetworkConfiguration).includes(id));
  assert.ok(service, 'the agent service sits in that group');
});

test('The agent\'s task role holds no permission at all', () => {
  const task = agentTask(computeResources);
  const taskRole = roleId(task.Properties.TaskRoleArn);
  assert.deepEqual(statementsOf(taskRole), []);
  const role = computeResources[taskRole];
  assert.equal(role.Properties.ManagedPolicyArns, undefined);
  assert.equal(role.Properties.Policies, undefined);
});

test('The agent\'s execution role reads its own secrets and image only: no bucket, no KMS key, no database login', () => {
  const task = agentTask(computeResources);
  const statements = statementsOf(roleId(task.Properties.ExecutionRoleArn));
  const text = JSON.stringify(statements);
  const actions = statements.flatMap((s) => [s.Action].flat());
  assert.ok(!actions.some((a: string) => /^(s3|kms|rds|rds-db|ssm|dynamodb):/.test(a)), `unexpected actions: ${actions}`);
  for (const forbidden of ['Bucket', 'Database', 'Login', 'InstanceSecret', 'db-master', 'db-portal', 'db-mcp', 'db-triggers', 'Key']) {
    assert.ok(!text.includes(forbidden), `${forbidden} in the agent's execution role`);
  }
  const secretResources = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('secretsmanager:'))).flatMap((s) => [s.Resource].flat());
  assert.equal(secretResources.length, 2);
  assert.ok(secretResources.some((r) => /secret:autri\/beta\/agent-issue-\?\?\?\?\?\?/.test(JSON.stringify(r))), 'the vendor\'s issue');
  assert.ok(secretResources.some((r) => /SecretsAgentApiToken/.test(JSON.stringify(r))), 'the agent API token');
});

test('No role in the compute stack but the portal\'s and the migrate step\'s touches the document buckets', () => {
  // The agent, whatever else changes, must never be among the principals of a bucket or its objects.
  const task = agentTask(computeResources);
  for (const role of [roleId(task.Properties.TaskRoleArn), roleId(task.Properties.ExecutionRoleArn)]) {
    assert.ok(!JSON.stringify(statementsOf(role)).includes(':s3:::'), role);
  }
});

test('The agent gets exactly deploy/contract/agent.json\'s keys; the portal gets the same agent API token', () => {
  const contract = JSON.parse(fs.readFileSync(path.join(infraRoot, '..', 'deploy', 'contract', 'agent.json'), 'utf8'));
  const [container] = agentTask(computeResources).Properties.ContainerDefinitions;
  const key = (name: string) => name.replace(/__/g, ':');
  const environment = new Map<string, string>(container.Environment.map((e: any) => [key(e.Name), e.Value]));
  const secrets = new Map<string, string>(container.Secrets.map((s: any) => [key(s.Name), JSON.stringify(s.ValueFrom)]));
  assert.deepEqual([...environment.keys(), ...secrets.keys()].sort(), contract.keys.map((k: any) => k.key).sort());
  for (const k of contract.keys) assert.ok((k.from === 'env' ? environment : secrets).has(k.key), `${k.key} from ${k.from}`);
  assert.equal(environment.get('Agent:Mode'), 'Aws');
  assert.equal(environment.get('Agent:CoordinationUrl'), 'https://coordination.vendor.example');
  assert.equal(environment.get('Agent:Channel'), 'beta');
  assert.equal(environment.get('Agent:SendCounts'), 'false');
  assert.equal(environment.get('Agent:PortalUrl'), 'https://app.example.com');
  assert.equal(environment.get('Agent:McpUrl'), 'https://mcp.example.com');
  assert.equal(environment.get('Agent:McpVersion'), 'v0.1.0');
  assert.match(secrets.get('Agent:Licence')!, /agent-issue.*:licence::/);
  assert.match(secrets.get('Agent:DeploymentCredential')!, /agent-issue.*:deploymentCredential::/);
  assert.match(secrets.get('Agent:PortalToken')!, /SecretsAgentApiToken/);
  for (const k of contract.keys.filter((k: any) => k.from === 'secret')) {
    assert.ok(!environment.has(k.key), `${k.key} must never be a plain value`);
  }

  const portal = Object.values(computeResources).find((r) => r.Type === 'AWS::ECS::TaskDefinition'
    && r.Properties.ContainerDefinitions.some((c: any) => c.Name === 'portal')).Properties.ContainerDefinitions.find((c: any) => c.Name === 'portal');
  const token = portal.Secrets.find((s: any) => s.Name === 'AgentApi__Token');
  assert.match(JSON.stringify(token.ValueFrom), /SecretsAgentApiToken/);
});

test('customerManaged needs the coordination URL (https) and the vendor\'s secret name when enabled', () => {
  const problems = (change: (raw: any) => void): string => {
    try {
      exampleConfig('beta', change);
      return '';
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
  };
  const missing = problems((raw) => { raw.customerManaged = { enabled: true }; });
  assert.match(missing, /customerManaged\.coordinationUrl/);
  assert.match(missing, /customerManaged\.agentSecretName/);
  assert.match(problems((raw) => { raw.customerManaged = { enabled: true, coordinationUrl: 'http://plain.example', agentSecretName: 'x' }; }),
    /customerManaged\.coordinationUrl.*https/);
  assert.match(problems((raw) => { raw.customerManaged = { channel: 'nightly' }; }), /customerManaged\.channel/);
  assert.equal(problems((raw) => { raw.customerManaged = { enabled: false }; }), '');
});
