import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { DATABASE_ROLES, type DatabaseApp } from '../lib/constructs/database';
import { infraRoot } from '../lib/paths';
import { exampleApp, exampleConfig, resourcesOfType } from './support/example-app';

const beta = exampleApp('beta');
const t = beta.template('data');

test('The VPC spans two AZs with public, private and isolated subnets', () => {
  t.resourceCountIs('AWS::EC2::VPC', 1);
  t.resourceCountIs('AWS::EC2::Subnet', 6);
  const tags = resourcesOfType(t, 'AWS::EC2::Subnet').map(([, s]) =>
    s.Properties.Tags.find((tag: any) => tag.Key === 'aws-cdk:subnet-type').Value);
  assert.deepEqual(tags.sort(), ['Isolated', 'Isolated', 'Private', 'Private', 'Public', 'Public']);
});

test('One NAT gateway serves both AZs by default, and S3 goes through a free gateway endpoint', () => {
  t.resourceCountIs('AWS::EC2::NatGateway', 1);
  t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
});

test('Two NAT gateways when configured', () => {
  const ha = exampleApp('beta', { config: exampleConfig('beta', (raw) => { raw.network.natGateways = 2; }) });
  ha.template('data').resourceCountIs('AWS::EC2::NatGateway', 2);
});

test('Rejected VPC flows are logged to the log bucket', () => {
  t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT', LogDestinationType: 's3' });
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
      Sid: 'VpcFlowLogsDelivery',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '123456789012' } },
    })]) },
  });
});

test('The database accepts PostgreSQL only from the portal, trigger and MCP runtime security groups', () => {
  const ingress = resourcesOfType(t, 'AWS::EC2::SecurityGroupIngress').filter(([, r]) => r.Properties.FromPort === 5432);
  assert.equal(ingress.length, 3);
  for (const [, rule] of ingress) {
    assert.equal(rule.Properties.ToPort, 5432);
    assert.ok(rule.Properties.SourceSecurityGroupId, 'PostgreSQL must come from a security group, never a CIDR');
  }
  const dbGroup = resourcesOfType(t, 'AWS::EC2::SecurityGroup').find(([, g]) => g.Properties.GroupDescription.startsWith('PostgreSQL'))!;
  assert.equal(dbGroup[1].Properties.SecurityGroupIngress, undefined);
});

test('Only the load balancer is open to the internet, on 443 and 80', () => {
  const groups = resourcesOfType(t, 'AWS::EC2::SecurityGroup');
  const open = groups.filter(([, g]) => (g.Properties.SecurityGroupIngress ?? []).some((r: any) => r.CidrIp === '0.0.0.0/0'));
  assert.equal(open.length, 1);
  const ports = open[0][1].Properties.SecurityGroupIngress.map((r: any) => r.FromPort).sort();
  assert.deepEqual(ports, [443, 80]);
});

test('Application tiers may only leave on HTTPS and PostgreSQL', () => {
  const egress = [
    ...resourcesOfType(t, 'AWS::EC2::SecurityGroup').flatMap(([, g]) => g.Properties.SecurityGroupEgress ?? []),
    ...resourcesOfType(t, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties),
  ];
  const ports = new Set(egress.filter((r: any) => r.IpProtocol !== 'icmp').map((r: any) => r.FromPort));
  assert.deepEqual([...ports].sort(), [443, 5432, 8080]);
});

test('RDS PostgreSQL 16 is encrypted, single-AZ t4g.small, IAM-authenticated, backed up 7 days and protected', () => {
  t.hasResource('AWS::RDS::DBInstance', {
    DeletionPolicy: 'Snapshot',
    UpdateReplacePolicy: 'Snapshot',
    Properties: Match.objectLike({
      Engine: 'postgres',
      EngineVersion: Match.stringLikeRegexp('^16'),
      DBInstanceClass: 'db.t4g.small',
      MultiAZ: false,
      StorageEncrypted: true,
      EnableIAMDatabaseAuthentication: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
      PubliclyAccessible: false,
      EnableCloudwatchLogsExports: ['postgresql'],
    }),
  });
});

test('The parameter group preloads pg_stat_statements and vector and forces TLS', () => {
  t.hasResourceProperties('AWS::RDS::DBParameterGroup', {
    Family: 'postgres16',
    Parameters: Match.objectLike({ shared_preload_libraries: 'pg_stat_statements,vector', 'rds.force_ssl': '1' }),
  });
});

test('Preloading vector can be switched off without a fork', () => {
  const off = exampleApp('beta', { config: exampleConfig('beta', (raw) => { raw.database.preloadVector = false; raw.database.multiAz = true; }) });
  const template = off.template('data');
  template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: Match.objectLike({ shared_preload_libraries: 'pg_stat_statements' }) });
  template.hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: true });
});

test('Database credentials are generated into Secrets Manager and attached to the instance', () => {
  t.hasResourceProperties('AWS::SecretsManager::Secret', {
    Name: 'autri/beta/db-master',
    GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"autri_admin"}', GenerateStringKey: 'password' }),
  });
  t.resourceCountIs('AWS::SecretsManager::SecretTargetAttachment', 1);
});

test('Each app role has a login secret of its own, generated, with the role as username', () => {
  for (const app of ['portal', 'mcp', 'triggers']) {
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `autri/beta/db-${app}`,
      GenerateSecretString: Match.objectLike({
        SecretStringTemplate: JSON.stringify({ username: DATABASE_ROLES[app as DatabaseApp] }),
        GenerateStringKey: 'password',
        ExcludePunctuation: true,
      }),
    });
  }
  t.resourceCountIs('AWS::SecretsManager::Secret', 4); // the master's and three logins
});

test('The roles infra-cdk names are the ones the migrations create', () => {
  const migrations = path.join(infraRoot, '..', 'Autri.Infra', 'Database', 'Migrations');
  const sql = fs.readdirSync(migrations).filter((f) => f.endsWith('.sql')).map((f) => fs.readFileSync(path.join(migrations, f), 'utf8')).join('\n');
  const created = /FOREACH r IN ARRAY ARRAY\[([^\]]+)\]/.exec(sql)?.[1].split(',').map((r) => r.trim().replace(/'/g, ''));
  assert.deepEqual(created?.sort(), Object.values(DATABASE_ROLES).sort());
});

test('A dev database can be deleted without a snapshot', () => {
  const dev = exampleApp('dev').template('data');
  dev.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtection: false, DBInstanceClass: 'db.t4g.micro' }) });
});

test('Every application bucket is encrypted, private, TLS-only and access-logged', () => {
  const buckets = resourcesOfType(t, 'AWS::S3::Bucket');
  assert.equal(buckets.length, 6);
  const names = buckets.map(([, b]) => b.Properties.BucketName).sort();
  assert.deepEqual(names, ['cache', 'feedback-screenshots', 'ingestion-artifacts', 'logs', 'page-renders', 'uploads']
    .map((kind) => `autri-beta-123456789012-${kind}`).sort());
  for (const [id, bucket] of buckets) {
    assert.deepEqual(bucket.Properties.PublicAccessBlockConfiguration,
      { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }, id);
    assert.equal(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, 'AES256', id);
    assert.equal(bucket.DeletionPolicy, 'Retain', id);
    if (!bucket.Properties.BucketName.endsWith('-logs')) {
      assert.ok(bucket.Properties.LoggingConfiguration?.DestinationBucketName, `${id} has no access logs`);
    }
  }
  const policies = resourcesOfType(t, 'AWS::S3::BucketPolicy');
  assert.equal(policies.length, 6);
  for (const [, policy] of policies) {
    assert.ok(policy.Properties.PolicyDocument.Statement.some((s: any) =>
      s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'));
  }
});

test('Cache objects expire after 30 days', () => {
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketName: 'autri-beta-123456789012-cache',
    LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })]) },
  });
});

test('ECR repositories scan on push, keep tags immutable and expire all but the last 20 images', () => {
  const repos = resourcesOfType(t, 'AWS::ECR::Repository');
  assert.deepEqual(repos.map(([, r]) => r.Properties.RepositoryName).sort(), ['autri-beta-mcp', 'autri-beta-portal']);
  for (const [, repo] of repos) {
    assert.deepEqual(repo.Properties.ImageScanningConfiguration, { ScanOnPush: true });
    assert.equal(repo.Properties.ImageTagMutability, 'IMMUTABLE');
    const policy = JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText);
    assert.equal(policy.rules[0].selection.countType, 'imageCountMoreThan');
    assert.equal(policy.rules[0].selection.countNumber, 20);
  }
});

test('Only the configured repository\'s deploy branch can assume the GitHub deploy role', () => {
  t.hasResourceProperties('AWS::IAM::Role', {
    RoleName: 'autri-beta-github-deploy',
    AssumeRolePolicyDocument: {
      Statement: [Match.objectLike({
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/autri:ref:refs/heads/main' },
        },
      })],
    },
  });
  t.resourceCountIs('AWS::IAM::OIDCProvider', 1);
});

test('An existing GitHub OIDC provider is reused when configured', () => {
  const reuse = exampleApp('beta', { config: exampleConfig('beta', (raw) => {
    raw.github.oidcProviderArn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
  }) });
  reuse.template('data').resourceCountIs('AWS::IAM::OIDCProvider', 0);
});
