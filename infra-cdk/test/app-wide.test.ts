import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import type { AutriStacks } from '../lib/autri-app';
import { exampleApp, resourcesOfType, type ExampleApp } from './support/example-app';

const COST_BUCKETS = new Set(['network', 'data', 'auth', 'compute', 'portal', 'monitoring']);
const STACKS: (keyof AutriStacks)[] = ['certificates', 'data', 'compute', 'monitoring'];
const apps: ExampleApp[] = [exampleApp('beta'), exampleApp('dev')];
for (const a of apps) a.app.synth();

test('Every taggable resource carries project, env and a known cost bucket', () => {
  for (const { app, config } of apps) {
    let checked = 0;
    for (const construct of app.node.findAll()) {
      const manager = construct instanceof CfnResource ? TagManager.of(construct) : undefined;
      if (!manager) continue;
      const tags = manager.tagValues();
      const where = `${construct.node.path} (${(construct as CfnResource).cfnResourceType})`;
      assert.equal(tags.project, 'autri', where);
      assert.equal(tags.env, config.env, where);
      assert.ok(COST_BUCKETS.has(tags['cost-bucket']), `${where}: cost-bucket=${tags['cost-bucket']}`);
      checked++;
    }
    assert.ok(checked > 80, `only ${checked} taggable resources found`);
  }
});

test('Each layer lands in its own cost bucket', () => {
  const bucketOf = (stack: Stack, type: string) => {
    const found = stack.node.findAll().find((c): c is CfnResource => c instanceof CfnResource && c.cfnResourceType === type);
    const manager = found && TagManager.of(found);
    assert.ok(manager, type);
    return manager.tagValues()['cost-bucket'];
  };
  const { stacks } = apps[0];
  assert.equal(bucketOf(stacks.data, 'AWS::EC2::VPC'), 'network');
  assert.equal(bucketOf(stacks.data, 'AWS::EC2::NatGateway'), 'network');
  assert.equal(bucketOf(stacks.data, 'AWS::RDS::DBInstance'), 'data');
  assert.equal(bucketOf(stacks.data, 'AWS::S3::Bucket'), 'data');
  assert.equal(bucketOf(stacks.compute, 'AWS::Cognito::UserPool'), 'auth');
  assert.equal(bucketOf(stacks.compute, 'AWS::Lambda::Function'), 'auth');
  assert.equal(bucketOf(stacks.compute, 'AWS::BedrockAgentCore::Runtime'), 'compute');
  assert.equal(bucketOf(stacks.compute, 'AWS::CloudFront::Distribution'), 'compute');
  assert.equal(bucketOf(stacks.compute, 'AWS::ECS::Service'), 'portal');
  assert.equal(bucketOf(stacks.compute, 'AWS::ElasticLoadBalancingV2::LoadBalancer'), 'portal');
  assert.equal(bucketOf(stacks.compute, 'AWS::Logs::LogGroup'), 'monitoring');
  assert.equal(bucketOf(stacks.monitoring, 'AWS::SNS::Topic'), 'monitoring');
});

test('Every log group in every stack keeps 30 days', () => {
  for (const a of apps) {
    let groups = 0;
    for (const stack of STACKS) {
      for (const [id, group] of resourcesOfType(a.template(stack), 'AWS::Logs::LogGroup')) {
        assert.equal(group.Properties.RetentionInDays, 30, `${a.config.env}/${stack}/${id}`);
        groups++;
      }
    }
    assert.equal(groups, 5, `${a.config.env}: portal, MCP runtime, two triggers, RDS`);
  }
});

test('Every Lambda function logs to an explicit log group of its own stack', () => {
  for (const a of apps) {
    for (const stack of STACKS) {
      const template = a.template(stack).toJSON();
      for (const [id, fn] of resourcesOfType(a.template(stack), 'AWS::Lambda::Function')) {
        const ref = fn.Properties.LoggingConfig?.LogGroup?.Ref;
        assert.ok(ref, `${stack}/${id} has no explicit log group`);
        assert.equal(template.Resources[ref].Type, 'AWS::Logs::LogGroup');
      }
    }
  }
});

test('Synth needs no context lookup: no missing context, no placeholder zones', () => {
  for (const a of apps) {
    const assembly = a.app.synth();
    assert.equal(assembly.manifest.missing, undefined, JSON.stringify(assembly.manifest.missing));
    for (const stack of STACKS) {
      assert.doesNotMatch(JSON.stringify(a.template(stack).toJSON()), /dummy1a|dummy-value/);
    }
    const zones = resourcesOfType(a.template('data'), 'AWS::EC2::Subnet').map(([, s]) => s.Properties.AvailabilityZone);
    assert.deepEqual([...new Set(zones)].sort(), [`${a.config.region}a`, `${a.config.region}b`]);
  }
});

test('No template has a dependency cycle (the user pool and its triggers included)', () => {
  for (const a of apps) {
    for (const stack of STACKS) {
      const cycle = findCycle(a.template(stack).toJSON().Resources);
      assert.equal(cycle, undefined, `${a.config.env}/${stack}: ${cycle?.join(' -> ')}`);
    }
  }
});

test('Stacks deploy in order: data, then auth-and-compute (after the certificates), then monitoring', () => {
  const { stacks } = apps[0];
  assert.deepEqual(STACKS.map((s) => stacks[s].stackName),
    ['autri-beta-certificates', 'autri-beta-network-and-data', 'autri-beta-auth-and-compute', 'autri-beta-monitoring']);
  const deps = (s: Stack) => s.dependencies.map((d) => d.stackName).sort();
  assert.deepEqual(deps(stacks.compute), ['autri-beta-certificates', 'autri-beta-network-and-data']);
  assert.deepEqual(deps(stacks.monitoring), ['autri-beta-auth-and-compute', 'autri-beta-network-and-data']);
  for (const s of STACKS) assert.equal(stacks[s].account, '123456789012');
});

test('After deploy, the URLs, pool and client ids, DNS records and next steps are printed', () => {
  const outputs = apps[0].template('compute').toJSON().Outputs;
  for (const key of ['AppUrl', 'McpUrl', 'AuthUrl', 'UserPoolId', 'PortalClientId', 'McpClientId', 'DnsAppCname', 'DnsMcpCname', 'DnsAuthCname', 'GoogleRedirectUri', 'NextSteps']) {
    assert.ok(outputs[key], key);
  }
  assert.equal(outputs.AppUrl.Value, 'https://app.example.com');
  assert.equal(outputs.McpUrl.Value, 'https://mcp.example.com/mcp');
  assert.equal(outputs.AuthUrl.Value, 'https://auth.example.com');
  assert.match(outputs.NextSteps.Value, /check-prereqs\.sh beta/);
  const certificateOutputs = apps[1].template('certificates').toJSON().Outputs;
  assert.ok(certificateOutputs.AuthCertificateArn && certificateOutputs.McpCertificateArn);
});

/** Depth-first search over Ref, Fn::GetAtt and DependsOn edges between resources of one template. */
function findCycle(resources: Record<string, any>): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  const collect = (node: unknown, into: Set<string>): void => {
    if (Array.isArray(node)) node.forEach((n) => collect(n, into));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Ref' && typeof value === 'string' && value in resources) into.add(value);
        else if (key === 'Fn::GetAtt' && Array.isArray(value) && value[0] in resources) into.add(value[0]);
        else collect(value, into);
      }
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    const out = new Set<string>([].concat(resource.DependsOn ?? []));
    collect(resource.Properties ?? {}, out);
    edges.set(id, out);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
