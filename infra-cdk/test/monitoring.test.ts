import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { LOG_EVENTS } from '../lib/constructs/log-metrics';
import { savedQueriesDir } from '../lib/paths';
import { readSavedQueries } from '../lib/saved-queries';
import { exampleApp, exampleConfig, resourcesOfType } from './support/example-app';

const beta = exampleApp('beta');
const t = beta.template('monitoring');

test('The monthly budget notifies at 50, 100 and 200 USD on actual and forecasted spend', () => {
  t.resourceCountIs('AWS::Budgets::Budget', 1);
  const [, budget] = resourcesOfType(t, 'AWS::Budgets::Budget')[0];
  assert.deepEqual(budget.Properties.Budget, {
    BudgetName: 'autri-beta-monthly', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 200, Unit: 'USD' },
  });
  const seen = budget.Properties.NotificationsWithSubscribers.map((n: any) =>
    `${n.Notification.NotificationType}@${n.Notification.Threshold}/${n.Notification.ThresholdType}`).sort();
  assert.deepEqual(seen, ['ACTUAL@100/ABSOLUTE_VALUE', 'ACTUAL@200/ABSOLUTE_VALUE', 'ACTUAL@50/ABSOLUTE_VALUE',
    'FORECASTED@100/ABSOLUTE_VALUE', 'FORECASTED@200/ABSOLUTE_VALUE', 'FORECASTED@50/ABSOLUTE_VALUE']);
  for (const n of budget.Properties.NotificationsWithSubscribers) {
    assert.equal(n.Subscribers.length, 1);
    assert.equal(n.Subscribers[0].SubscriptionType, 'SNS');
    assert.match(JSON.stringify(n.Subscribers[0].Address), /AlarmsTopic/);
  }
});

test('Budget thresholds follow the configuration', () => {
  const custom = exampleApp('beta', { config: exampleConfig('beta', (raw) => { raw.budget.thresholdsUsd = [20, 40]; }) }).template('monitoring');
  custom.hasResourceProperties('AWS::Budgets::Budget', {
    Budget: Match.objectLike({ BudgetLimit: { Amount: 40, Unit: 'USD' } }),
    NotificationsWithSubscribers: Match.arrayWith([Match.objectLike({ Notification: Match.objectLike({ Threshold: 20, NotificationType: 'FORECASTED' }) })]),
  });
});

test('The alarm topic is encrypted, TLS-only, mailed to the alarm address and open to Budgets', () => {
  t.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'autri-beta-alarms', KmsMasterKeyId: Match.anyValue() });
  t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  t.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([
      Match.objectLike({ Sid: 'AllowBudgetsToPublish', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish' }),
    ]) },
  });
  t.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([
      Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]) },
  });
  t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
});

test('Each Cognito trigger\'s errors raise an alarm on the alarm topic', () => {
  const alarms = resourcesOfType(t, 'AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.MetricName === 'Errors');
  assert.equal(alarms.length, 2);
  for (const [, alarm] of alarms) {
    assert.equal(alarm.Properties.Namespace, 'AWS/Lambda');
    assert.equal(alarm.Properties.Threshold, 1);
    assert.equal(alarm.Properties.ComparisonOperator, 'GreaterThanOrEqualToThreshold');
    assert.match(JSON.stringify(alarm.Properties.AlarmActions), /AlarmsTopic/);
  }
});

test('Metric filters count MCP tool calls, sessions and chat queries from the JSON logs', () => {
  t.hasResourceProperties('AWS::Logs::MetricFilter', {
    FilterPattern: '{ $.event = "mcp_tool_call" }',
    MetricTransformations: [Match.objectLike({ MetricNamespace: 'Autri/beta', MetricName: 'McpToolCalls', MetricValue: '1' })],
  });
  for (const event of Object.values(LOG_EVENTS)) {
    t.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: event.pattern });
  }
});

test('The dashboard shows MCP counts, RDS, portal 5xx and latency, chat queries and us-east-1 estimated charges', () => {
  const [, dashboard] = resourcesOfType(t, 'AWS::CloudWatch::Dashboard')[0];
  assert.equal(dashboard.Properties.DashboardName, 'autri-beta');
  const body = JSON.stringify(dashboard.Properties.DashboardBody);
  for (const needle of ['McpToolCalls', 'McpSessions', 'ChatQueries', 'CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace',
    'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'EstimatedCharges']) {
    assert.ok(body.includes(needle), needle);
  }
  const billing = body.slice(body.indexOf('AWS/Billing'));
  assert.match(billing, /^AWS\/Billing\\",\\"EstimatedCharges\\",\\"Currency\\",\\"USD\\",\{[^}]*\\"region\\":\\"us-east-1\\"/);
});

test('Every saved query file becomes a query definition over the real log groups', () => {
  const files = readSavedQueries(savedQueriesDir);
  const definitions = resourcesOfType(t, 'AWS::Logs::QueryDefinition').map(([, d]) => d.Properties);
  assert.equal(definitions.length, files.length);
  for (const query of files) {
    const definition = definitions.find((d) => d.Name === `autri-beta/${query.slug}`);
    assert.ok(definition, query.slug);
    assert.equal(definition.QueryString, query.query);
    const groups = JSON.stringify(definition.LogGroupNames);
    const expectedCount = query.logGroups.reduce((n, g) => n + (g === 'triggers' ? 2 : 1), 0);
    assert.equal(definition.LogGroupNames.length, expectedCount, query.slug);
    if (query.logGroups.includes('portal')) assert.match(groups, /autri-beta-auth-and-compute:ExportsOutputRefPortalLogs/);
    if (query.logGroups.includes('mcp')) assert.match(groups, /McpLogs/);
    if (query.logGroups.includes('triggers')) assert.match(groups, /PostConfirmationLogs.*PreTokenGenerationLogs/);
  }
});
