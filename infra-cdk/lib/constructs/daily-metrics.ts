import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { CostBucket } from '../tags';

/**
 * The metrics one portal instance publishes once a day with PutMetricData (Autri.Infra/Metrics,
 * Autri.Domain/Metrics/DailyMetrics.cs holds the same names; a test reads both): each cost-bucket layer's cost
 * of the day before and month to date, from the Costs page's cached Cost Explorer answer, and the notifications
 * sent and read the day before. The portal's task role may put metrics in the deployment's namespace only.
 */
export const DAILY_METRICS = {
  layerCostDaily: 'LayerCostDaily',
  layerCostMonthToDate: 'LayerCostMonthToDate',
  notificationsSent: 'NotificationsSent',
  notificationsRead: 'NotificationsRead',
} as const;

/** Every layer infra-cdk tags, in stack order, and costs that escaped tagging. */
export const COST_LAYERS: readonly (CostBucket | 'untagged')[] = ['network', 'data', 'auth', 'compute', 'portal', 'monitoring', 'untagged'];

const ONE_DAY = Duration.days(1);

export class DailyMetrics {
  constructor(private readonly namespace: string) {}

  /** One line per layer; Cost Explorer answers in USD (the Currency dimension says so). */
  layerCosts(metricName: typeof DAILY_METRICS.layerCostDaily | typeof DAILY_METRICS.layerCostMonthToDate): cloudwatch.Metric[] {
    return COST_LAYERS.map((layer) => new cloudwatch.Metric({
      namespace: this.namespace,
      metricName,
      dimensionsMap: { Layer: layer, Currency: 'USD' },
      // One datum a day: the maximum is that datum (and a republished day cannot double it).
      statistic: cloudwatch.Stats.MAXIMUM,
      period: ONE_DAY,
      label: layer,
    }));
  }

  notifications(): cloudwatch.Metric[] {
    return [
      new cloudwatch.Metric({ namespace: this.namespace, metricName: DAILY_METRICS.notificationsSent, statistic: cloudwatch.Stats.MAXIMUM, period: ONE_DAY, label: 'Sent' }),
      new cloudwatch.Metric({ namespace: this.namespace, metricName: DAILY_METRICS.notificationsRead, statistic: cloudwatch.Stats.MAXIMUM, period: ONE_DAY, label: 'Read' }),
    ];
  }
}
