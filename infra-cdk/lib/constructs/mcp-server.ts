import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { costBucket } from '../tags';
import { appLogGroup } from './app-log-groups';
import { MCP_PATH, mcpEdgeRequestSource } from './mcp-edge-functions';

/**
 * The server's configuration, exactly the keys of deploy/contract/mcp.json (a test holds the two together).
 * AgentCore has only plain environment variables, so no secret may be here: the server is given its own login
 * secret's ARN (role autri_mcp) and reads the password itself (its role may read that one secret).
 */
export function mcpEnvironment(props: McpServerProps, region: string): Record<string, string> {
  return {
    Mcp__Mode: 'Aws',
    // The only issuer AgentCore's authorizer lets through (README "MCP authorization"); no client-credentials issuer.
    Mcp__PortalIssuer: props.portalIssuer,
    Mcp__ResourceUrl: mcpOrigin(props),
    Mcp__ApiKeysEnabled: String(props.apiKeyConnectors),
    Database__Host: props.database.dbInstanceEndpointAddress,
    Database__Port: props.database.dbInstanceEndpointPort,
    Database__Name: props.databaseName,
    Database__Username: props.databaseUsername,
    Database__PasswordSecretArn: props.databaseLogin.secretArn,
    Aws__Region: region,
  };
}

/** `https://mcp.<domain>`: the origin CloudFront serves, the MCP server's ResourceUrl. */
function mcpOrigin(props: Pick<McpServerProps, 'domainName'>): string {
  return `https://${props.domainName}`;
}

/** `https://mcp.<domain>/mcp`: the URL clients dial, the RFC 8707 resource and the exact `aud` of portal tokens. */
function mcpEndpoint(props: Pick<McpServerProps, 'domainName'>): string {
  return mcpOrigin(props) + MCP_PATH;
}

export interface McpServerProps {
  readonly runtimeName: string;
  readonly repository: ecr.IRepository;
  readonly imageTag: string;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  /**
   * The portal's OAuth issuer, `https://app.<domain>` (Portal:PublicUrl, no trailing slash): its discovery document
   * is the one the AgentCore authorizer trusts, and the MCP server validates its tokens.
   */
  readonly portalIssuer: string;
  /** Always false here (the config loader refuses true): the authorizer never lets an API key through. */
  readonly apiKeyConnectors: boolean;
  readonly database: rds.DatabaseInstance;
  readonly databaseName: string;
  /** The server's Postgres role (autri_mcp). */
  readonly databaseUsername: string;
  /** Its login secret (`username`, `password`); the migrate step sets the same password in Postgres. */
  readonly databaseLogin: secretsmanager.ISecret;
  readonly domainName: string;
  readonly certificate: acm.ICertificate;
  readonly logsBucket: s3.IBucket;
}

/**
 * The MCP server container on AgentCore Runtime (L2 `aws-bedrockagentcore.Runtime`, stable in
 * aws-cdk-lib 2.276) and the CloudFront distribution that gives it `https://mcp.<domain>`.
 *
 * AgentCore's MCP contract: an arm64 image (AgentCore runs arm64 only; the deploy workflow builds
 * linux/arm64) listening on 0.0.0.0:8000 at path /mcp.
 *
 * Inbound auth: a custom JWT authorizer on the portal's discovery URL (the portal is the OAuth 2.1
 * authorization server MCP clients connect through), restricted to tokens whose `aud` is the endpoint
 * `https://mcp.<domain>/mcp`. No `allowedClients`: clients register themselves at run time (RFC 7591,
 * metadata documents). No `allowedScopes`: the MCP server checks `mcp.invoke` itself, and AgentCore does not
 * document whether a token's other scope (`offline_access`) would count against the list.
 * The edge function answers discovery and the endpoint's 401 challenges (mcp-edge-functions.ts).
 */
export class McpServer extends Construct {
  readonly runtime: agentcore.Runtime;
  readonly logGroup: logs.LogGroup;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: McpServerProps) {
    super(scope, id);
    costBucket(this, 'compute');

    this.runtime = new agentcore.Runtime(this, 'Runtime', {
      runtimeName: props.runtimeName,
      description: 'Autri MCP server',
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromEcrRepository(props.repository, props.imageTag),
      protocolConfiguration: agentcore.ProtocolType.MCP,
      networkConfiguration: agentcore.RuntimeNetworkConfiguration.usingVpc(this, {
        vpc: props.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [props.securityGroup],
      }),
      authorizerConfiguration: agentcore.RuntimeAuthorizerConfiguration.usingJWT(
        `${props.portalIssuer}/.well-known/openid-configuration`,
        undefined,
        [mcpEndpoint(props)],
      ),
      // The MCP server validates the bearer token itself too (and reads connector_id from it).
      requestHeaderConfiguration: { allowlistedHeaders: ['Authorization'] },
      environmentVariables: mcpEnvironment(props, Stack.of(this).region),
    });
    props.databaseLogin.grantRead(this.runtime);

    // AgentCore writes container stdout to /aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>.
    // Creating the group here (for the DEFAULT endpoint) gives it a retention instead of never-expire.
    this.logGroup = appLogGroup(this, 'Logs', `/aws/bedrock-agentcore/runtimes/${this.runtime.agentRuntimeId}-DEFAULT`);

    const stack = Stack.of(this);
    const role = this.runtime.role;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group:/aws/bedrock-agentcore/runtimes/*]`,
      reason: 'Granted by the AgentCore L2: the runtime creates its log groups named after its generated id.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group:*]`,
      reason: 'Granted by the AgentCore L2: logs:DescribeLogGroups cannot be scoped to a group.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*]`,
      reason: 'Granted by the AgentCore L2: log streams are created per session.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Granted by the AgentCore L2: X-Ray segment and CloudWatch metric writes (the latter limited by namespace condition) have no resource-level permissions; ecr:GetAuthorizationToken neither.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock-agentcore:${stack.region}:${stack.account}:workload-identity-directory/default/workload-identity/*]`,
      reason: 'Granted by the AgentCore L2: the workload identity is created by the service for this runtime.',
    });

    this.distribution = this.edge(props);
  }

  /**
   * CloudFront for `mcp.<domain>`: TLS with the us-east-1 certificate; the viewer-request function answers discovery
   * and the endpoint's 401 challenges itself and rewrites the endpoint to the invocation path.
   */
  private edge(props: McpServerProps): cloudfront.Distribution {
    const region = Stack.of(this).region;
    const rewrite = new cloudfront.Function(this, 'RewriteToRuntime', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'MCP discovery and 401 challenges at the edge; / and /mcp to the AgentCore runtime',
      code: cloudfront.FunctionCode.fromInline(mcpEdgeRequestSource(this.runtime.agentRuntimeArn,
        { origin: mcpOrigin(props), authorizationServer: props.portalIssuer })),
    });

    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `MCP endpoint ${props.domainName}`,
      domainNames: [props.domainName],
      certificate: props.certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/mcp/',
      defaultBehavior: {
        origin: new origins.HttpOrigin(`bedrock-agentcore.${region}.amazonaws.com`, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          readTimeout: Duration.seconds(60),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        // MCP answers may be server-sent event streams: pass them through untouched.
        compress: false,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        // Every MCP call is a distinct JSON-RPC exchange: nothing may be cached.
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // Authorization and the MCP session headers pass through; Host must be AgentCore's own.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'MCP clients connect from anywhere; no geography to restrict to.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'WAF is out of scope for the beta (EPIC-4: deferred until paying customers); AgentCore rejects requests without a valid JWT from the portal authorization server.',
    });
    return distribution;
  }
}
