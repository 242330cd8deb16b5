import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { withContextOverrides } from '../lib/config/load';
import { exampleApp, exampleConfig, resourcesOfType } from './support/example-app';

const beta = exampleApp('beta');
const t = beta.template('compute');

const taskRoleStatements = () => {
  const [roleId] = resourcesOfType(t, 'AWS::IAM::Role').find(([, r]) => r.Properties.Description?.startsWith('Portal tasks'))!;
  return resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
};
const statement = (sid: string) => {
  const found = taskRoleStatements().find((s: any) => s.Sid === sid);
  assert.ok(found, `no statement ${sid}`);
  return found;
};

test('The portal runs on Fargate arm64 from the configured image tag', () => {
  t.hasResourceProperties('AWS::ECS::TaskDefinition', {
    RequiresCompatibilities: ['FARGATE'],
    RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    Cpu: '512',
    Memory: '1024',
    ContainerDefinitions: Match.arrayWith([Match.objectLike({
      Name: 'portal',
      Image: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':v0.1.0']) ]) }),
      PortMappings: [Match.objectLike({ ContainerPort: 8080 })],
    })]),
  });
});

test('Each task runs the migrate step from the same image first; the portal starts only when it has succeeded', () => {
  const [, task] = resourcesOfType(t, 'AWS::ECS::TaskDefinition')[0];
  const containers = task.Properties.ContainerDefinitions;
  assert.deepEqual(containers.map((c: any) => c.Name).sort(), ['migrate', 'portal']);
  const migrate = containers.find((c: any) => c.Name === 'migrate');
  const portal = containers.find((c: any) => c.Name === 'portal');
  assert.deepEqual(migrate.Command, ['migrate']);
  assert.equal(migrate.Essential, false);
  assert.deepEqual(migrate.Image, portal.Image);
  assert.equal(migrate.PortMappings, undefined);
  assert.deepEqual(portal.DependsOn, [{ ContainerName: 'migrate', Condition: 'SUCCESS' }]);
  assert.equal(migrate.LogConfiguration.Options['awslogs-stream-prefix'], 'migrate');
});

test('Only the ECS agent reads the database logins: the task role (the code\'s credentials) reads no secret', () => {
  assert.ok(!taskRoleStatements().some((s: any) => ([] as string[]).concat(s.Action).some((a: string) => a.startsWith('secretsmanager:'))));
  const [, task] = resourcesOfType(t, 'AWS::ECS::TaskDefinition')[0];
  const executionRoleId = task.Properties.ExecutionRoleArn['Fn::GetAtt'][0];
  const reads = resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === executionRoleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
    .filter((s: any) => ([] as string[]).concat(s.Action).includes('secretsmanager:GetSecretValue'));
  const text = JSON.stringify(reads);
  // The portal container's login and pepper, and for the migrate container the master's and every role's login.
  for (const secret of ['DatabaseInstanceSecretAttachment', 'DatabasePortalLogin', 'DatabaseMcpLogin', 'DatabaseTriggersLogin', 'SecretsApiKeyPepper', 'SecretsDataProtectionKey']) {
    assert.match(text, new RegExp(secret), secret);
  }
});

test('The service scales between the configured bounds and rolls back failed deployments', () => {
  t.hasResourceProperties('AWS::ECS::Service', {
    LaunchType: 'FARGATE',
    DesiredCount: 1,
    DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
    NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
  });
  t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 2 });
});

test('HTTPS on app.<domain> with a modern TLS policy; HTTP only redirects', () => {
  t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
    Port: 443,
    Protocol: 'HTTPS',
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  });
  t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
    Port: 80,
    DefaultActions: [Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443' }) })],
  });
  t.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'app.example.com', ValidationMethod: 'DNS' });
});

test('The load balancer drops invalid headers, logs access and is protected outside dev', () => {
  for (const attribute of ['routing.http.drop_invalid_header_fields.enabled', 'access_logs.s3.enabled', 'deletion_protection.enabled']) {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([{ Key: attribute, Value: 'true' }]),
    });
  }
});

test('Targets are checked on /readyz and never sticky', () => {
  t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
    HealthCheckPath: '/readyz',
    Port: 8080,
    TargetType: 'ip',
    TargetGroupAttributes: Match.arrayWith([{ Key: 'stickiness.enabled', Value: 'false' }]),
  });
});

test('Parameters: list under the deployment prefix; read, write and history of the allowlist parameter alone', () => {
  const list = statement('ListDeploymentParameters');
  assert.equal(list.Action, 'ssm:GetParametersByPath');
  const resources = JSON.stringify(list.Resource);
  assert.match(resources, /:parameter\/autri\/beta"/);
  assert.match(resources, /:parameter\/autri\/beta\/\*"/);

  const edit = statement('EditAllowlist');
  assert.deepEqual([...edit.Action].sort(), ['ssm:GetParameter', 'ssm:GetParameterHistory', 'ssm:PutParameter']);
  assert.ok(!Array.isArray(edit.Resource), 'one parameter');
  assert.match(JSON.stringify(edit.Resource), /:parameter",\{"Ref":"ParametersAllowedEmails[A-Z0-9]+"\}\]/);
  // No other statement writes a parameter.
  const writers = taskRoleStatements().filter((s: any) => ([] as string[]).concat(s.Action).some((a: string) => a === 'ssm:PutParameter' || a === 'ssm:*'));
  assert.deepEqual(writers.map((s: any) => s.Sid), ['EditAllowlist']);
});

test('Connectors: create and delete app clients of this user pool, and describe the portal\'s own for its secret', () => {
  const s = statement('ManageConnectorAppClients');
  assert.deepEqual([...s.Action].sort(), ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient', 'cognito-idp:DescribeUserPoolClient']);
  assert.match(JSON.stringify(s.Resource), /IdentityUserPool.*Arn/);
});

test('Sessions: read a user\'s state and groups in this user pool, nothing else', () => {
  const s = statement('RevalidateSessions');
  assert.deepEqual([...s.Action].sort(), ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser']);
  assert.match(JSON.stringify(s.Resource), /IdentityUserPool.*Arn/);
});

test('Logs Insights: start queries on the app\'s log groups only', () => {
  const start = statement('StartLogsInsightsQueries');
  assert.equal(start.Action, 'logs:StartQuery');
  assert.equal(start.Resource.length, 4); // portal, MCP runtime, two triggers
  const results = statement('ReadLogsInsightsResults');
  assert.deepEqual([...results.Action].sort(), ['logs:GetQueryResults', 'logs:StopQuery']);
});

test('Costs and budgets: Cost Explorer (no resource-level support) and a read-only view of the account\'s budgets', () => {
  const costs = statement('ReadCosts');
  assert.deepEqual([...costs.Action].sort(), ['ce:GetCostAndUsage', 'ce:GetCostForecast']);
  assert.equal(costs.Resource, '*');
  const budget = statement('ReadBudgets');
  assert.equal(budget.Action, 'budgets:ViewBudget');
  // arn:<partition>:budgets::<account>:budget/*: global service, so no region; DescribeBudgets lists all of them.
  assert.deepEqual(budget.Resource, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::123456789012:budget/*']] });
});

test('Daily metrics: PutMetricData into the deployment\'s own namespace only (the cloudwatch:namespace condition)', () => {
  const put = statement('PublishDailyMetrics');
  assert.equal(put.Action, 'cloudwatch:PutMetricData');
  assert.equal(put.Resource, '*');
  assert.deepEqual(put.Condition, { StringEquals: { 'cloudwatch:namespace': 'Autri/beta' } });
  const others = taskRoleStatements().filter((s: any) => s.Sid !== 'PublishDailyMetrics' && JSON.stringify(s.Action).includes('cloudwatch:'));
  assert.deepEqual(others, []);
  const [, task] = resourcesOfType(t, 'AWS::ECS::TaskDefinition').find(([, d]) => d.Properties.ContainerDefinitions.some((c: any) => c.Name === 'portal'))!;
  const portal = task.Properties.ContainerDefinitions.find((c: any) => c.Name === 'portal');
  assert.ok(portal.Environment.some((e: any) => e.Name === 'Metrics__Namespace' && e.Value === 'Autri/beta'));
});

test('The task role holds nothing beyond its named statements', () => {
  const sids = taskRoleStatements().map((s: any) => s.Sid).sort();
  assert.deepEqual(sids, ['EditAllowlist', 'ListDeploymentParameters', 'ManageConnectorAppClients', 'PublishDailyMetrics', 'ReadBudgets', 'ReadCosts', 'ReadLogsInsightsResults', 'ReadWriteAppObjects', 'RevalidateSessions', 'StartLogsInsightsQueries']);
  const objects = statement('ReadWriteAppObjects');
  assert.match(JSON.stringify(objects.Resource), /autri-beta-123456789012-uploads\/\*.*autri-beta-123456789012-feedback-screenshots\/\*/);
});

test('The portal writes to a 30-day log group', () => {
  t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/autri/beta/portal', RetentionInDays: 30 });
});

test('A portal image tag given as context (what the deploy workflow passes) is the one the task runs', () => {
  const config = withContextOverrides(exampleConfig('beta', () => {}), { portalImageTag: 'sha-0123456789abcdef' });
  const overridden = exampleApp('beta', { config }).template('compute');
  overridden.hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: Match.arrayWith([Match.objectLike({
      Name: 'portal',
      Image: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':sha-0123456789abcdef'])]) }),
    })]),
  });
  const outputs = overridden.toJSON().Outputs;
  assert.equal(outputs.PortalImageTag.Value, 'sha-0123456789abcdef');
  assert.equal(outputs.McpImageTag.Value, 'v0.1.0');
});

test('A release whose migrations fail leaves the old tasks serving: new tasks must pass /readyz, failures roll back', () => {
  // The service's load balancer target group is the one checked on /readyz (503 until the schema is current)...
  const [, service] = resourcesOfType(t, 'AWS::ECS::Service')[0];
  const [targetGroupId, targetGroup] = resourcesOfType(t, 'AWS::ElasticLoadBalancingV2::TargetGroup')[0];
  assert.deepEqual(service.Properties.LoadBalancers.map((lb: any) => lb.TargetGroupArn), [{ Ref: targetGroupId }]);
  assert.equal(targetGroup.Properties.HealthCheckPath, '/readyz');
  assert.equal(targetGroup.Properties.Matcher.HttpCode, '200');
  // ...old tasks stay until new ones are healthy, and a deployment whose tasks never are is rolled back.
  const deployment = service.Properties.DeploymentConfiguration;
  assert.deepEqual(deployment.DeploymentCircuitBreaker, { Enable: true, Rollback: true });
  assert.equal(deployment.MinimumHealthyPercent, 100);
  assert.equal(deployment.MaximumPercent, 200);
  assert.equal(service.Properties.HealthCheckGracePeriodSeconds, 60);
});
