import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Counts taken from the JSON log lines (`event` field, ops/queries/README.md). Each filter emits 1
 * per matching line into the deployment's namespace; the dashboard sums them.
 *
 * `mcp_session_started` and `chat_query` are event names the MCP server and the portal must log
 * (one line per new MCP session, one per chat query); the others are already in the log contract.
 */
export const LOG_EVENTS = {
  mcpToolCalls: { metricName: 'McpToolCalls', pattern: '{ $.event = "mcp_tool_call" }' },
  mcpToolErrors: { metricName: 'McpToolErrors', pattern: '{ ($.event = "mcp_tool_call") && ($.status = "error") }' },
  mcpSessions: { metricName: 'McpSessions', pattern: '{ $.event = "mcp_session_started" }' },
  mcpAuthFailures: { metricName: 'McpAuthFailures', pattern: '{ $.event = "mcp_auth_failed" }' },
  chatQueries: { metricName: 'ChatQueries', pattern: '{ $.event = "chat_query" }' },
  allowlistRejections: { metricName: 'AllowlistRejections', pattern: '{ $.event = "allowlist_rejected" }' },
} as const;

export type LogEvent = keyof typeof LOG_EVENTS;

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
    filter('ChatQueries', props.portal, 'chatQueries');
    filter('PortalAllowlistRejections', props.portal, 'allowlistRejections');
    props.triggers.forEach((group, i) => filter(`TriggerAllowlistRejections${i}`, group, 'allowlistRejections'));
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
