import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AutriConfig } from '../config/config';
import { AlarmTopic } from '../constructs/alarm-topic';
import { DailyMetrics } from '../constructs/daily-metrics';
import { LogMetrics } from '../constructs/log-metrics';
import { MonthlyBudget } from '../constructs/monthly-budget';
import { OperationsDashboard } from '../constructs/operations-dashboard';
import { SavedQueryDefinitions } from '../constructs/saved-query-definitions';
import { Names } from '../names';
import type { SavedQuery } from '../saved-queries';
import { costBucket } from '../tags';
import type { AuthAndComputeStack } from './auth-and-compute-stack';
import type { NetworkAndDataStack } from './network-and-data-stack';

export interface MonitoringStackProps extends StackProps {
  readonly config: AutriConfig;
  readonly data: NetworkAndDataStack;
  readonly compute: AuthAndComputeStack;
  readonly savedQueries: readonly SavedQuery[];
}

/**
 * Alarm topic, budget, dashboard, log metric filters and Logs Insights saved queries. The log
 * groups themselves (30 days) are created next to what writes to them, in auth-and-compute and
 * network-and-data, because they must exist before their writers; they carry cost-bucket=monitoring.
 */
export class MonitoringStack extends Stack {
  readonly alarmTopic: AlarmTopic;
  readonly budget: MonthlyBudget;
  readonly dashboard: OperationsDashboard;
  readonly savedQueries: SavedQueryDefinitions;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config, data, compute } = props;
    const names = new Names(config);
    costBucket(this, 'monitoring');

    this.alarmTopic = new AlarmTopic(this, 'Alarms', { alarmEmail: config.alarmEmail, topicName: `${names.base}-alarms` });
    this.budget = new MonthlyBudget(this, 'Budget', {
      budgetName: names.budgetName,
      thresholdsUsd: config.budget.thresholdsUsd,
      topic: this.alarmTopic.topic,
    });
    // Budgets checks it may publish when the notification is created.
    this.budget.node.addDependency(this.alarmTopic);

    const metrics = new LogMetrics(this, 'LogMetrics', {
      namespace: names.metricsNamespace,
      mcp: compute.mcp.logGroup,
      portal: compute.portal.logGroup,
      triggers: compute.triggers.logGroups,
    });
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      dashboardName: names.base,
      metrics,
      daily: new DailyMetrics(names.metricsNamespace),
      loadBalancer: compute.portal.loadBalancer,
      database: data.database.instance,
      triggers: [compute.triggers.postConfirmation, compute.triggers.preTokenGeneration],
      topic: this.alarmTopic.topic,
    });

    this.savedQueries = new SavedQueryDefinitions(this, 'SavedQueries', {
      queries: props.savedQueries,
      folder: names.base,
      logGroups: {
        portal: [compute.portal.logGroup.logGroupName],
        mcp: [compute.mcp.logGroup.logGroupName],
        triggers: compute.triggers.logGroups.map((g) => g.logGroupName),
      },
    });

    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${names.base}`,
      description: 'Operations dashboard',
    });
  }
}
