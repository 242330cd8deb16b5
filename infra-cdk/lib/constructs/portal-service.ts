import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Portal as PortalConfig } from '../config/config';
import { costBucket } from '../tags';
import { appLogGroup } from './app-log-groups';
import { MIGRATE_COMMAND, migrateEnvironment, type MigrateEnvironmentProps } from './migrate-step';
import { portalEnvironment, type PortalEnvironmentProps } from './portal-environment';

export const PORTAL_PORT = 8080;
export const PORTAL_HEALTH_PATH = '/readyz';

export interface PortalServiceProps {
  readonly config: PortalConfig;
  readonly clusterName: string;
  readonly logGroupName: string;
  readonly domainName: string;
  readonly vpc: ec2.IVpc;
  readonly albSecurityGroup: ec2.ISecurityGroup;
  readonly taskSecurityGroup: ec2.ISecurityGroup;
  readonly repository: ecr.IRepository;
  readonly imageTag: string;
  readonly logsBucket: s3.IBucket;
  readonly deletionProtection: boolean;
  readonly userPool: cognito.IUserPool;
  /** The container's configuration, less what this construct knows itself (port, region, account, own log group). */
  readonly environment: Omit<PortalEnvironmentProps, 'port' | 'region' | 'account' | 'logGroups' | 'userPoolId'> & {
    readonly mcpLogGroup: logs.ILogGroup;
    readonly triggerLogGroups: logs.ILogGroup[];
  };
  /** The migrate step's logins: the master's, and each app role's whose password it sets. */
  readonly migrate: MigrateEnvironmentProps;
  readonly budgetName: string;
  /** Names of the buckets the portal reads and writes objects in (uploads, feedback screenshots). */
  readonly writableBucketNames: string[];
}

/**
 * The portal on ECS Fargate (arm64) behind an internet-facing ALB with HTTPS on `app.<domain>`.
 * No sticky sessions: the portal keeps no per-user state in memory (DESIGN.md "Scale").
 * Each task first runs the migrate step (same image, `migrate`) in a container of its own: it alone is given the master
 * login and the app roles' passwords, and the portal container starts only once it has exited successfully.
 */
export class PortalService extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly service: ecs.FargateService;
  readonly logGroup: logs.LogGroup;
  readonly certificate: acm.Certificate;
  readonly taskRole: iam.Role;
  readonly cluster: ecs.Cluster;

  constructor(scope: Construct, id: string, props: PortalServiceProps) {
    super(scope, id);
    costBucket(this, 'portal');
    const stack = Stack.of(this);

    // The ALB's certificate is regional; no hosted zone (DNS is at Cloudflare), see README.
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(),
    });

    const cluster = this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    this.logGroup = appLogGroup(this, 'Logs', props.logGroupName);
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Portal tasks: parameters, connectors, logs queries, costs',
    });
    this.grantTaskPermissions(props);

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.config.cpu,
      memoryLimitMiB: props.config.memoryMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
    });
    const { mcpLogGroup, triggerLogGroups, ...given } = props.environment;
    const configuration = portalEnvironment({
      ...given,
      port: PORTAL_PORT,
      region: stack.region,
      account: stack.account,
      userPoolId: props.userPool.userPoolId,
      logGroups: { portal: props.logGroupName, mcp: mcpLogGroup, triggers: triggerLogGroups },
    });
    const image = ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag);
    // deploy/contract/migrate.json; a failure stops the task before the portal starts (the circuit breaker rolls back).
    const migrate = taskDefinition.addContainer('migrate', {
      image,
      command: [MIGRATE_COMMAND],
      essential: false,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'migrate' }),
      secrets: migrateEnvironment(props.migrate).secrets,
    });
    const portal = taskDefinition.addContainer('portal', {
      image,
      portMappings: [{ containerPort: PORTAL_PORT }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'portal' }),
      readonlyRootFilesystem: false,
      // deploy/contract/portal.json: plain values here, Parameter Store and Secrets Manager values as ECS secrets.
      environment: configuration.environment,
      secrets: configuration.secrets,
    });
    portal.addContainerDependencies({ container: migrate, condition: ecs.ContainerDependencyCondition.SUCCESS });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The environment holds only non-secret values (URLs, ids, names); every secret arrives through ECS secrets from Secrets Manager.',
    });
    Validations.of(taskDefinition.executionRole!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Added by ECS for ecr:GetAuthorizationToken, which has no resource-level permissions; image pulls are limited to the portal repository.',
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: props.config.minTasks,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [props.taskSecurityGroup],
      assignPublicIp: false,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
    });
    const scaling = this.service.autoScaleTaskCount({ minCapacity: props.config.minTasks, maxCapacity: props.config.maxTasks });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: props.albSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: props.deletionProtection,
    });
    this.loadBalancer.logAccessLogs(props.logsBucket, 'alb/portal');

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc: props.vpc,
      port: PORTAL_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      targets: [this.service],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: PORTAL_HEALTH_PATH,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    // Explicit, so a later default change cannot turn stickiness on behind our back.
    this.targetGroup.setAttribute('stickiness.enabled', 'false');

    this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [this.certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultTargetGroups: [this.targetGroup],
      open: false,
    });
    this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
  }

  /** Least privilege for the portal's own AWS calls; each statement is named for what it allows. */
  private grantTaskPermissions(props: PortalServiceProps): void {
    const stack = Stack.of(this);
    const role = this.taskRole;
    const prefix = props.environment.parameterPrefix;
    const parameterArn = (path: string) => `arn:${stack.partition}:ssm:${stack.region}:${stack.account}:parameter${path}`;

    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ListDeploymentParameters',
      // The configuration page: the path itself and everything under it, listed without decryption.
      actions: ['ssm:GetParametersByPath'],
      resources: [parameterArn(prefix), parameterArn(`${prefix}/*`)],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'EditAllowlist',
      // The allowlist editor and the sign-in gate; no other parameter may be written.
      actions: ['ssm:GetParameter', 'ssm:PutParameter', 'ssm:GetParameterHistory'],
      resources: [props.environment.allowedEmails.parameterArn],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ManageConnectorAppClients',
      // Create/Delete: connectors; Describe: the portal's own client secret (CognitoClientSecret). IAM cannot scope
      // these below the pool, so the portal checks every client it deletes is a connector's (ConnectorClientRule).
      actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient', 'cognito-idp:DescribeUserPoolClient'],
      resources: [props.userPool.userPoolArn],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'RevalidateSessions',
      // Every few minutes a session's account state and groups are read again (Autri.Portal SessionRevalidator).
      actions: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'],
      resources: [props.userPool.userPoolArn],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'StartLogsInsightsQueries',
      actions: ['logs:StartQuery'],
      resources: [this.logGroup, props.environment.mcpLogGroup, ...props.environment.triggerLogGroups].map((g) => g.logGroupArn),
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadLogsInsightsResults',
      // These act on a query id: no resource-level permissions exist.
      actions: ['logs:GetQueryResults', 'logs:StopQuery'],
      resources: ['*'],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadCosts',
      actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast'],
      resources: ['*'],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadBudgets',
      actions: ['budgets:ViewBudget'],
      // DescribeBudgets lists every budget of the account, and the Costs page shows each one against its limit;
      // a grant on this deployment's budget alone would not be enough for the list call.
      resources: [`arn:${stack.partition}:budgets::${stack.account}:budget/*`],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'PublishDailyMetrics',
      // One instance a day publishes each layer's cost and the notification counts (Autri.Infra/Metrics). PutMetricData
      // has no resource-level permissions; the namespace condition keeps it to this deployment's own metrics.
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': props.environment.metricsNamespace } },
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadWriteAppObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: props.writableBucketNames.map((name) => `arn:${stack.partition}:s3:::${name}/*`),
    }));

    const acknowledge = (id: string, reason: string) => Validations.of(role).acknowledge({ id, reason });
    acknowledge('AwsSolutions-IAM5[Resource::*]',
      'Cost Explorer (ce:GetCostAndUsage, ce:GetCostForecast), logs:GetQueryResults/StopQuery and cloudwatch:PutMetricData (limited to the deployment\'s namespace by condition) support no resource-level permissions.');
    acknowledge(`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:${stack.region}:${stack.account}:parameter${prefix}/*]`,
      'Listing only (GetParametersByPath, no decryption), scoped to this deployment\'s parameter prefix: the configuration page.');
    acknowledge(`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:budgets::${stack.account}:budget/*]`,
      'Read-only view of the account\'s budgets: DescribeBudgets lists them all and the Costs page shows each against its limit.');
    for (const name of props.writableBucketNames) {
      acknowledge(`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${name}/*]`,
        'Objects of one application bucket the portal stores user files in.');
    }
  }
}
