import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Counts taken from the JSON log lines (`event` field, ops/queries/README.md). Each filter emits 1
 * per matching line into the deployment's namespace; the dashboard sums them. Every event here is one
 * the code writes: `mcp_tool_call`, `mcp_auth_failed` and `mcp_session_started` (one per accepted
 * `initialize`, Autri.Mcp/Audit/SessionStartLog.cs) by the MCP server, `allowlist_rejected` by the portal
 * and the post-confirmation trigger. There is no chat in the product yet, so nothing counts chat queries.
 */
export const LOG_EVENTS = {
  mcpToolCalls: { metricName: 'McpToolCalls', pattern: '{ $.event = "mcp_tool_call" }' },
  mcpToolErrors: { metricName: 'McpToolErrors', pattern: '{ ($.event = "mcp_tool_call") && ($.status = "error") }' },
  mcpSessions: { metricName: 'McpSessions', pattern: '{ $.event = "mcp_session_started" }' },
  mcpAuthFailures: { metricName: 'McpAuthFailures', pattern: '{ $.event = "mcp_auth_failed" }' },
  allowlistRejections: { metricName: 'AllowlistRejections', pattern: '{ $.event = "allowlist_rejected" }' },
} as const;

export type LogEvent = keyof typeof LOG_EVENTS;

/** What the Cognito triggers log when they refuse on purpose (uninvited sign-up, revoked connector). */
export const TRIGGER_REFUSALS_PATTERN = '{ ($.event = "allowlist_rejected") || ($.event = "pretoken_connector_refused") }';

export interface LogMetricsProps {
  readonly namespace: string;
  readonly mcp: logs.ILogGroup;
  readonly portal: logs.ILogGroup;
  readonly triggers: logs.ILogGroup[];
}

export class LogMetrics extends Construct {
  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: LogMetricsProps) {
    super(scope, id);
    this.namespace = props.namespace;
    const filter = (logicalId: string, group: logs.ILogGroup, event: LogEvent) =>
      new logs.MetricFilter(this, logicalId, {
        logGroup: group,
        filterPattern: logs.FilterPattern.literal(LOG_EVENTS[event].pattern),
        metricNamespace: this.namespace,
        metricName: LOG_EVENTS[event].metricName,
        metricValue: '1',
        defaultValue: 0,
      });

    filter('McpToolCalls', props.mcp, 'mcpToolCalls');
    filter('McpToolErrors', props.mcp, 'mcpToolErrors');
    filter('McpSessions', props.mcp, 'mcpSessions');
    filter('McpAuthFailures', props.mcp, 'mcpAuthFailures');
    filter('PortalAllowlistRejections', props.portal, 'allowlistRejections');
    props.triggers.forEach((group, i) => filter(`TriggerAllowlistRejections${i}`, group, 'allowlistRejections'));
    // A trigger refuses on purpose by throwing (the only way to make Cognito refuse), which Lambda counts as an
    // error; these per-trigger counts let the failure alarm subtract the refusals.
    props.triggers.forEach((group, i) =>
      new logs.MetricFilter(this, `TriggerRefusals${i}`, {
        logGroup: group,
        filterPattern: logs.FilterPattern.literal(TRIGGER_REFUSALS_PATTERN),
        metricNamespace: this.namespace,
        metricName: `TriggerRefusals${i}`,
        metricValue: '1',
        defaultValue: 0,
      }));
  }

  /** Deliberate refusals logged by the i-th trigger (same order as the triggers' log groups). */
  triggerRefusals(index: number, period: cloudwatch.MetricOptions['period']): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: this.namespace, metricName: `TriggerRefusals${index}`, statistic: cloudwatch.Stats.SUM, period });
  }

  metric(event: LogEvent, period: cloudwatch.MetricOptions['period']): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.namespace,
      metricName: LOG_EVENTS[event].metricName,
      statistic: cloudwatch.Stats.SUM,
      period,
    });
  }
}
