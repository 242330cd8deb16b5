import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { costBucket } from '../tags';

export interface NetworkProps {
  readonly natGateways: number;
  /** Named, not looked up: offline synth must not need credentials. */
  readonly availabilityZones: readonly string[];
  readonly flowLogsBucket: s3.IBucket;
  /** Customer-managed: a group for the coordination agent (outbound HTTPS only). */
  readonly coordinationAgent: boolean;
}

/**
 * VPC over two AZs and every security group of the deployment, with all rules between them here
 * so no rule has to reach back across stacks.
 *
 * Egress: the portal calls Anthropic, GitHub, Cognito's token endpoint, Cost Explorer and Budgets,
 * several of which have no VPC endpoint, so private subnets need internet egress anyway. One NAT
 * gateway (~32 USD/month plus data) is cheaper than the five or more interface endpoints the AWS
 * calls alone would need (~7 USD/month each per AZ, 14 USD across two AZs). The cost: if the NAT's AZ fails,
 * the other AZ loses egress too; set `network.natGateways: 2` to buy that away. S3 goes through a
 * free gateway endpoint so image layers, renders and uploads never pay NAT data charges.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly albSecurityGroup: ec2.SecurityGroup;
  readonly portalSecurityGroup: ec2.SecurityGroup;
  readonly triggersSecurityGroup: ec2.SecurityGroup;
  readonly mcpRuntimeSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;
  /** Customer-managed only: no ingress rule at all, egress HTTPS only, and no path to the database. */
  readonly agentSecurityGroup?: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    costBucket(this, 'network');

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: [...props.availabilityZones],
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        // The database sits in subnets with no route out at all.
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      // Nothing is ever placed in the default security group. Restricting it needs a custom-resource
      // Lambda (with a log group CDK cannot give a retention), which costs more than it protects here.
      restrictDefaultSecurityGroup: false,
    });
    // Rejected traffic only, to the log bucket: enough to investigate a blocked connection, cheap to keep.
    const flowLog = this.vpc.addFlowLog('RejectedFlows', {
      destination: ec2.FlowLogDestination.toS3(props.flowLogsBucket, 'vpc-flow-logs/'),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    // Written into the bucket policy here: otherwise the flow-log service edits the policy itself on
    // creation, and the next CloudFormation update of that policy would silently remove its grant.
    const account = Stack.of(this).account;
    const statement = props.flowLogsBucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'VpcFlowLogsDelivery',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [props.flowLogsBucket.arnForObjects(`vpc-flow-logs/AWSLogs/${account}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': account } },
    }));
    if (statement.policyDependable) flowLog.node.addDependency(statement.policyDependable);
    const group = (name: string, description: string) =>
      new ec2.SecurityGroup(this, name, { vpc: this.vpc, description, allowAllOutbound: false });
    this.albSecurityGroup = group('AlbSecurityGroup', 'Portal load balancer: HTTPS from the internet');
    this.portalSecurityGroup = group('PortalSecurityGroup', 'Portal tasks: from the load balancer only');
    this.triggersSecurityGroup = group('TriggersSecurityGroup', 'Cognito trigger Lambdas');
    this.mcpRuntimeSecurityGroup = group('McpRuntimeSecurityGroup', 'AgentCore MCP runtime');
    this.databaseSecurityGroup = group('DatabaseSecurityGroup', 'PostgreSQL: from the app tiers only');

    const https = ec2.Port.tcp(443);
    const postgres = ec2.Port.tcp(5432);
    const portalPort = ec2.Port.tcp(8080);

    this.albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), https, 'HTTPS from anywhere');
    this.albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    Validations.of(this.albSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'The portal is a public web site: its load balancer takes 443 (and 80, redirected) from anywhere.',
    });
    this.albSecurityGroup.connections.allowTo(this.portalSecurityGroup, portalPort, 'Load balancer to portal tasks');

    for (const app of [this.portalSecurityGroup, this.triggersSecurityGroup, this.mcpRuntimeSecurityGroup]) {
      app.addEgressRule(ec2.Peer.anyIpv4(), https, 'HTTPS to AWS APIs and third-party APIs');
      app.connections.allowTo(this.databaseSecurityGroup, postgres, 'PostgreSQL');
    }

    if (props.coordinationAgent) {
      // The agent calls out only: the coordination service, and the portal and MCP endpoints through their public
      // URLs (as anyone would). Nothing may connect to it, and it has no rule to the database.
      this.agentSecurityGroup = group('AgentSecurityGroup', 'Coordination agent: outbound HTTPS only, no inbound');
      this.agentSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), https, 'HTTPS to the coordination service and the public portal and MCP URLs');
    }
  }
}
