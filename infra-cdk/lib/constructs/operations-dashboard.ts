import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { DailyMetrics } from './daily-metrics';
import type { LogMetrics } from './log-metrics';

export interface OperationsDashboardProps {
  readonly dashboardName: string;
  readonly metrics: LogMetrics;
  readonly daily: DailyMetrics;
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly database: rds.IDatabaseInstance;
  readonly triggers: lambda.IFunction[];
  readonly topic: sns.ITopic;
}

const FIVE_MINUTES = Duration.minutes(5);
const ONE_DAY = Duration.days(1);
/** Per-day widgets show the last 30 days whatever the dashboard's own range. */
const LAST_30_DAYS = '-P30D';

/** The operations dashboard and the alarms that page the alarm topic. */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const m = props.metrics;
    const lb = props.loadBalancer.metrics;
    const db = props.database;

    // Billing metrics exist only in us-east-1, whatever the home region, and only after "Receive
    // Billing Alerts" is enabled in the billing preferences; AWS publishes them a few times a day.
    const estimatedCharges = new cloudwatch.Metric({
      namespace: 'AWS/Billing',
      metricName: 'EstimatedCharges',
      dimensionsMap: { Currency: 'USD' },
      region: 'us-east-1',
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(6),
      label: 'Estimated charges this month (USD)',
    });

    const d = props.daily;
    // Errors over requests, so a busy hour with a few failures does not look worse than a quiet one with many.
    const portalErrorRate = new cloudwatch.MathExpression({
      expression: '100 * FILL(errors, 0) / requests',
      usingMetrics: {
        errors: lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        requests: lb.requestCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      },
      label: 'Portal: 5xx / requests (%)',
      period: FIVE_MINUTES,
    });
    const mcpErrorRate = new cloudwatch.MathExpression({
      expression: '100 * FILL(toolErrors, 0) / toolCalls',
      usingMetrics: { toolErrors: m.metric('mcpToolErrors', FIVE_MINUTES), toolCalls: m.metric('mcpToolCalls', FIVE_MINUTES) },
      label: 'MCP: failed tool calls / tool calls (%)',
      period: FIVE_MINUTES,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          // The spec's first widget: what each stack layer costs, published once a day by the portal.
          new cloudwatch.GraphWidget({
            title: 'Cost per stack layer, per day (USD)',
            left: d.layerCosts('LayerCostDaily'),
            stacked: true,
            view: cloudwatch.GraphWidgetView.BAR,
            start: LAST_30_DAYS,
            period: ONE_DAY,
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Cost per stack layer, month to date (USD)',
            left: d.layerCosts('LayerCostMonthToDate'),
            stacked: true,
            start: LAST_30_DAYS,
            period: ONE_DAY,
            width: 8,
          }),
          new cloudwatch.SingleValueWidget({ title: 'Estimated charges, whole account (us-east-1 billing metric)', metrics: [estimatedCharges], width: 4, height: 6 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Error rate (%)',
            left: [portalErrorRate, mcpErrorRate],
            leftYAxis: { min: 0, showUnits: false },
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'MCP sessions and tool calls',
            left: [m.metric('mcpSessions', FIVE_MINUTES), m.metric('mcpToolCalls', FIVE_MINUTES)],
            right: [m.metric('mcpToolErrors', FIVE_MINUTES), m.metric('mcpAuthFailures', FIVE_MINUTES)],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'MCP sessions per day',
            left: [m.metric('mcpSessions', ONE_DAY).with({ label: 'Sessions started' })],
            view: cloudwatch.GraphWidgetView.BAR,
            start: LAST_30_DAYS,
            period: ONE_DAY,
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Notifications per day (sent, read)',
            left: d.notifications(),
            view: cloudwatch.GraphWidgetView.BAR,
            start: LAST_30_DAYS,
            period: ONE_DAY,
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Allowlist rejections',
            left: [m.metric('allowlistRejections', FIVE_MINUTES)],
            width: 4,
          }),
          new cloudwatch.TextWidget({
            // Said here rather than graphing an event nobody writes.
            markdown: '**Chat queries**: not in the product yet. Nothing logs a chat query, so there is nothing to count; add a `chat_query` log event and a metric filter when chat ships.',
            width: 4,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Portal 5xx',
            left: [
              lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: FIVE_MINUTES, label: 'Portal 5xx' }),
              lb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: FIVE_MINUTES, label: 'Load balancer 5xx' }),
            ],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Portal latency',
            left: [
              lb.targetResponseTime({ statistic: 'p50', period: FIVE_MINUTES, label: 'p50' }),
              lb.targetResponseTime({ statistic: 'p95', period: FIVE_MINUTES, label: 'p95' }),
            ],
            right: [lb.requestCount({ period: FIVE_MINUTES, label: 'Requests' })],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'RDS CPU (%)', left: [db.metricCPUUtilization({ period: FIVE_MINUTES })], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'RDS connections', left: [db.metricDatabaseConnections({ period: FIVE_MINUTES })], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'RDS free storage (bytes)', left: [db.metricFreeStorageSpace({ period: FIVE_MINUTES })], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Cognito triggers',
            left: props.triggers.map((fn) => fn.metricInvocations({ period: FIVE_MINUTES })),
            right: props.triggers.map((fn) => fn.metricErrors({ period: FIVE_MINUTES })),
            width: 12,
          }),
        ],
      ],
    });

    const alarmAction = new actions.SnsAction(props.topic);
    const alarm = (logicalId: string, props: cloudwatch.AlarmProps) => {
      const created = new cloudwatch.Alarm(this, logicalId, props);
      created.addAlarmAction(alarmAction);
      this.alarms.push(created);
      return created;
    };

    // A failed post-confirmation leaves a Cognito user without Autri records (EPIC-4 risk): page on any.
    // Errors minus deliberate refusals: timeouts and crashes still page, an uninvited sign-up does not.
    props.triggers.forEach((fn, i) => {
      alarm(`${fn.node.id}Errors`, {
        alarmDescription: `Cognito trigger ${fn.node.id} failed: a user may be half-provisioned; see the README runbook.`,
        metric: new cloudwatch.MathExpression({
          expression: 'errors - FILL(refusals, 0)',
          usingMetrics: {
            errors: fn.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
            refusals: m.triggerRefusals(i, FIVE_MINUTES),
          },
          label: `${fn.node.id} failures (errors less refusals)`,
          period: FIVE_MINUTES,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    });
    alarm('Portal5xx', {
      alarmDescription: 'The portal answered 5xx to 5 or more requests in 5 minutes.',
      metric: lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      threshold: 5,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('DatabaseCpu', {
      alarmDescription: 'RDS CPU above 80% for 15 minutes: consider the next instance class (database.instanceClass).',
      metric: db.metricCPUUtilization({ period: FIVE_MINUTES }),
      threshold: 80,
      evaluationPeriods: 3,
    });
    alarm('DatabaseStorage', {
      alarmDescription: 'RDS free storage below 2 GiB.',
      metric: db.metricFreeStorageSpace({ period: FIVE_MINUTES }),
      threshold: 2 * 1024 ** 3,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    });
  }
}
