import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { COST_LAYERS, DAILY_METRICS } from '../lib/constructs/daily-metrics';
import { LOG_EVENTS, TRIGGER_REFUSALS_PATTERN } from '../lib/constructs/log-metrics';
import { infraRoot, savedQueriesDir } from '../lib/paths';
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

test('Each Cognito trigger\'s failures (errors less deliberate refusals) raise an alarm on the alarm topic', () => {
  const alarms = resourcesOfType(t, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
    JSON.stringify(a.Properties.Metrics ?? []).includes('errors - FILL(refusals, 0)'));
  assert.equal(alarms.length, 2);
  for (const [, alarm] of alarms) {
    const metrics = alarm.Properties.Metrics as { Id: string; MetricStat?: { Metric: { Namespace: string; MetricName: string } } }[];
    assert.equal(metrics.find((x) => x.Id === 'errors')?.MetricStat?.Metric.Namespace, 'AWS/Lambda');
    assert.match(metrics.find((x) => x.Id === 'refusals')?.MetricStat?.Metric.MetricName ?? '', /^TriggerRefusals[01]$/);
    assert.equal(alarm.Properties.Threshold, 1);
    assert.equal(alarm.Properties.ComparisonOperator, 'GreaterThanOrEqualToThreshold');
    assert.match(JSON.stringify(alarm.Properties.AlarmActions), /AlarmsTopic/);
  }
  t.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: TRIGGER_REFUSALS_PATTERN });
});

test('Metric filters count MCP tool calls, sessions, auth failures and allowlist rejections from the JSON logs', () => {
  t.hasResourceProperties('AWS::Logs::MetricFilter', {
    FilterPattern: '{ $.event = "mcp_tool_call" }',
    MetricTransformations: [Match.objectLike({ MetricNamespace: 'Autri/beta', MetricName: 'McpToolCalls', MetricValue: '1' })],
  });
  for (const event of Object.values(LOG_EVENTS)) {
    t.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: event.pattern });
  }
});

test('The dashboard shows MCP counts, RDS, portal 5xx and latency and us-east-1 estimated charges, and says chat queries do not exist yet', () => {
  const [, dashboard] = resourcesOfType(t, 'AWS::CloudWatch::Dashboard')[0];
  assert.equal(dashboard.Properties.DashboardName, 'autri-beta');
  const body = JSON.stringify(dashboard.Properties.DashboardBody);
  assert.ok(body.includes('**Chat queries**: not in the product yet'));
  assert.ok(!body.includes('ChatQueries'));
  for (const needle of ['McpToolCalls', 'McpSessions', 'CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace',
    'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'EstimatedCharges']) {
    assert.ok(body.includes(needle), needle);
  }
  const billing = body.slice(body.indexOf('AWS/Billing'));
  assert.match(billing, /^AWS\/Billing\\",\\"EstimatedCharges\\",\\"Currency\\",\\"USD\\",\{[^}]*\\"region\\":\\"us-east-1\\"/);
});

/** The dashboard's widgets, parsed from its body (a Fn::Join of strings and tokens). */
function widgets(): any[] {
  const [, dashboard] = resourcesOfType(t, 'AWS::CloudWatch::Dashboard')[0];
  const body = dashboard.Properties.DashboardBody['Fn::Join'][1].map((part: any) => typeof part === 'string' ? part : 'TOKEN').join('');
  return JSON.parse(body).widgets;
}
const widget = (title: string) => {
  const found = widgets().find((w) => w.properties.title === title);
  assert.ok(found, `no widget "${title}"`);
  return found;
};

test('The first row graphs each stack layer\'s cost per day and month to date, from the daily metrics', () => {
  const [first, second] = widgets();
  for (const [w, metricName] of [[first, DAILY_METRICS.layerCostDaily], [second, DAILY_METRICS.layerCostMonthToDate]] as const) {
    assert.equal(w.y, 0, 'first row');
    const lines = w.properties.metrics.map((m: any[]) => m.slice(0, 6).join(' '));
    assert.deepEqual(lines, COST_LAYERS.map((layer) => `Autri/beta ${metricName} Currency USD Layer ${layer}`));
    assert.equal(w.properties.period, 86400);
    assert.equal(w.properties.start, '-P30D');
    assert.equal(w.properties.stacked, true);
  }
  assert.equal(first.properties.view, 'bar');
});

test('Error rates are errors over requests (portal 5xx / requests, failed MCP tool calls / tool calls)', () => {
  const rates = widget('Error rate (%)').properties.metrics;
  const expressions = rates.filter((m: any[]) => m.length === 1 && m[0].expression).map((m: any[]) => m[0].expression);
  assert.deepEqual(expressions, ['100 * FILL(errors, 0) / requests', '100 * FILL(toolErrors, 0) / toolCalls']);
  const used = JSON.stringify(rates);
  for (const needle of ['HTTPCode_Target_5XX_Count', 'RequestCount', 'McpToolErrors', 'McpToolCalls']) assert.ok(used.includes(needle), needle);
});

test('Notifications sent and read and MCP sessions are graphed per day', () => {
  const notifications = widget('Notifications per day (sent, read)').properties;
  assert.deepEqual(notifications.metrics.map((m: any[]) => `${m[0]} ${m[1]}`),
    [`Autri/beta ${DAILY_METRICS.notificationsSent}`, `Autri/beta ${DAILY_METRICS.notificationsRead}`]);
  assert.equal(notifications.period, 86400);
  const sessions = widget('MCP sessions per day').properties;
  assert.equal(sessions.metrics[0][1], 'McpSessions');
  assert.equal(sessions.period, 86400);
  assert.equal(sessions.metrics[0][2].stat, 'Sum');
});

test('The daily metric names and layers are the ones the portal publishes (Autri.Domain/Metrics/DailyMetrics.cs)', () => {
  const source = fs.readFileSync(path.join(infraRoot, '..', 'Autri.Domain', 'Metrics', 'DailyMetrics.cs'), 'utf8');
  const constants = new Map([...source.matchAll(/public const string (\w+) = "([^"]+)";/g)].map((m) => [m[1], m[2]]));
  for (const [key, name] of Object.entries(DAILY_METRICS)) {
    assert.equal(constants.get(key[0].toUpperCase() + key.slice(1)), name, key);
  }
  assert.equal(constants.get('LayerDimension'), 'Layer');
  assert.equal(constants.get('CurrencyDimension'), 'Currency');
  assert.equal(constants.get('UntaggedLayer'), 'untagged');
  const layers = /LayerOrder = \[([^\]]+)\]/.exec(fs.readFileSync(path.join(infraRoot, '..', 'Autri.Domain', 'Costs', 'CostBucket.cs'), 'utf8'))![1];
  assert.deepEqual([...layers.matchAll(/"([a-z]+)"/g)].map((m) => m[1]).concat('untagged'), [...COST_LAYERS]);
});

test('Every event a metric filter counts is one the .NET code logs (an EventId name)', () => {
  const written = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !['bin', 'obj'].includes(entry.name)) walk(full);
      else if (entry.name.endsWith('.cs')) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/new(?: EventId)?\(\d+, "([a-z_]+)"\)/g)) written.add(m[1]);
      }
    }
  };
  for (const project of ['Autri.Mcp', 'Autri.Portal', 'Autri.Infra', 'Autri.Triggers']) walk(path.join(infraRoot, '..', project));
  const counted = [...Object.values(LOG_EVENTS).map((e) => e.pattern), TRIGGER_REFUSALS_PATTERN]
    .flatMap((p) => [...p.matchAll(/\$\.event = "([a-z_]+)"/g)].map((m) => m[1]));
  assert.ok(counted.length >= 5);
  for (const event of counted) assert.ok(written.has(event), `${event} is counted but no code logs it`);
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
