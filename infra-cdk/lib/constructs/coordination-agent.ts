import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { CustomerManaged } from '../config/config';
import { appLogGroup } from './app-log-groups';

/** The agent ships in the portal image (Autri.Portal/Dockerfile publishes it to /agent): same release, same pipeline. */
export const AGENT_ENTRY_POINT = ['dotnet', '/agent/Autri.Agent.dll'];

export interface AgentEnvironmentProps {
  readonly customerManaged: CustomerManaged;
  /** infra-cdk's env name, put into the upgrade command admins are shown. */
  readonly environmentName: string;
  /** `https://app.<domain>`: the portal as anyone reaches it (through the ALB). */
  readonly portalUrl: string;
  /** `https://mcp.<domain>` (without /mcp): only `/mcp` is reachable behind AgentCore, so the agent probes it unauthenticated. */
  readonly mcpUrl: string;
  /** The MCP image tag the deployment runs (AgentCore exposes no /version). */
  readonly mcpVersion: string;
  /** The vendor's issue: JSON keys `licence` and `deploymentCredential`. */
  readonly agentSecret: secretsmanager.ISecret;
  /** The portal's agent API token (`<prefix>/agent-api-token`), the same secret the portal's AgentApi:Token reads. */
  readonly portalToken: secretsmanager.ISecret;
}

/**
 * The agent's configuration, exactly the keys of deploy/contract/agent.json (a test holds the two together). No
 * database key at all: the agent never connects to Postgres; its counts come from the portal's agent API.
 */
export function agentEnvironment(props: AgentEnvironmentProps): { environment: Record<string, string>; secrets: Record<string, ecs.Secret> } {
  return {
    environment: {
      Agent__Mode: 'Aws',
      Agent__CoordinationUrl: props.customerManaged.coordinationUrl,
      Agent__Channel: props.customerManaged.channel,
      Agent__Environment: props.environmentName,
      Agent__PortalUrl: props.portalUrl,
      Agent__McpUrl: props.mcpUrl,
      Agent__McpProbe: 'Endpoint',
      Agent__McpVersion: props.mcpVersion,
      Agent__SendCounts: String(props.customerManaged.sendCounts),
    },
    secrets: {
      Agent__Licence: ecs.Secret.fromSecretsManager(props.agentSecret, 'licence'),
      Agent__DeploymentCredential: ecs.Secret.fromSecretsManager(props.agentSecret, 'deploymentCredential'),
      Agent__PortalToken: ecs.Secret.fromSecretsManager(props.portalToken),
    },
  };
}

export interface CoordinationAgentProps {
  readonly cluster: ecs.ICluster;
  /** `autri-<env>-agent`: named, so the operator documents can say which service to restart after a secret changes. */
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly repository: ecr.IRepository;
  readonly imageTag: string;
  readonly environment: AgentEnvironmentProps;
}

/**
 * The coordination agent of a customer-managed deployment: one Fargate task (arm64, the smallest size) in private
 * subnets, in a security group with no ingress and no load balancer in front, so nothing can connect to it. Its task
 * role holds no permission at all: the agent makes no AWS call (its configuration and secrets are injected by ECS
 * through the execution role, which reads exactly the two secrets it is given), and reaches the apps' health and
 * version endpoints over the network only. Nothing grants it the document buckets, their keys or any database login.
 */
export class CoordinationAgent extends Construct {
  readonly service: ecs.FargateService;
  readonly taskRole: iam.Role;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CoordinationAgentProps) {
    super(scope, id);
    this.logGroup = appLogGroup(this, 'Logs', props.logGroupName);
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Coordination agent tasks: no AWS permissions (the agent only makes outbound HTTPS calls)',
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
    });
    const configuration = agentEnvironment(props.environment);
    this.taskDefinition.addContainer('agent', {
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag),
      entryPoint: AGENT_ENTRY_POINT,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'agent' }),
      readonlyRootFilesystem: true,
      environment: configuration.environment,
      secrets: configuration.secrets,
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The environment holds only non-secret values (URLs, names, the channel); the licence, the credential and the portal token arrive through ECS secrets.',
    });
    Validations.of(this.taskDefinition.executionRole!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Added by ECS for ecr:GetAuthorizationToken, which has no resource-level permissions; image pulls are limited to the portal repository.',
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      serviceName: props.serviceName,
      taskDefinition: this.taskDefinition,
      desiredCount: 1,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [props.securityGroup],
      assignPublicIp: false,
      // One agent at a time: a deployment stops the old task before starting the new one (a missed heartbeat is
      // caught up; two agents would report the deployment twice).
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { enable: true, rollback: true },
    });
  }
}
