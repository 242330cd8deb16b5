import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { costBucket } from '../tags';

/** Every log group of the deployment keeps 30 days; none is left to the never-expire default. */
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/**
 * A 30-day log group tagged to the monitoring cost bucket. Log groups are created beside the
 * function, task or runtime that writes to them (they must exist first, and the monitoring stack
 * deploys after everything it watches), but their cost is observability cost.
 */
export function appLogGroup(scope: Construct, id: string, logGroupName: string): logs.LogGroup {
  const group = new logs.LogGroup(scope, id, {
    logGroupName,
    retention: LOG_RETENTION,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  costBucket(group, 'monitoring');
  return group;
}
