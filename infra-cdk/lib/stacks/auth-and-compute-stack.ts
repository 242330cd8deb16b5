import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import type { AutriConfig } from '../config/config';
import { AppParameters } from '../constructs/app-parameters';
import { AppSecrets } from '../constructs/app-secrets';
import { CoordinationAgent } from '../constructs/coordination-agent';
import { DATABASE_NAME, DATABASE_ROLES } from '../constructs/database';
import { Identity } from '../constructs/identity';
import { McpServer } from '../constructs/mcp-server';
import { PortalService } from '../constructs/portal-service';
import { Triggers } from '../constructs/triggers';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Names } from '../names';
import { nextSteps } from '../next-steps';
import { costBucket } from '../tags';
import type { TriggerCode } from '../trigger-code/publish';
import type { EdgeCertificatesStack } from './edge-certificates-stack';
import type { NetworkAndDataStack } from './network-and-data-stack';

export interface AuthAndComputeStackProps extends StackProps {
  readonly config: AutriConfig;
  readonly data: NetworkAndDataStack;
  readonly certificates: EdgeCertificatesStack;
  /** The published Autri.Triggers code. */
  readonly triggersCode: TriggerCode;
}

/** Cognito and its triggers, the AgentCore MCP runtime with its CloudFront front, the portal on Fargate, secrets and parameters. */
export class AuthAndComputeStack extends Stack {
  readonly identity: Identity;
  readonly triggers: Triggers;
  readonly mcp: McpServer;
  readonly portal: PortalService;
  readonly secrets: AppSecrets;
  readonly parameters: AppParameters;
  /** Customer-managed deployments only (`customerManaged.enabled`). */
  readonly agent?: CoordinationAgent;

  constructor(scope: Construct, id: string, props: AuthAndComputeStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const names = new Names(config);
    costBucket(this, 'compute');
    const db = data.database.instance;
    const logins = data.database.logins;
    const { auth: authCertificate, mcp: mcpCertificate } = this.edgeCertificates(config, props.certificates);

    this.identity = new Identity(this, 'Identity', { config, authCertificate });

    this.secrets = new AppSecrets(this, 'Secrets', names, { customerManaged: config.customerManaged.enabled });
    costBucket(this.secrets, 'portal');
    this.parameters = new AppParameters(this, 'Parameters', { names, allowlist: config.allowlist });
    costBucket(this.parameters, 'auth');

    this.triggers = new Triggers(this, 'Triggers', {
      code: props.triggersCode,
      userPool: this.identity.userPool,
      vpc: data.network.vpc,
      securityGroup: data.network.triggersSecurityGroup,
      database: db,
      databaseName: DATABASE_NAME,
      databaseLogin: logins.triggers,
      allowedEmails: this.parameters.allowedEmails,
      contactEmail: config.contactEmail,
      postConfirmationName: names.lambda('post-confirmation'),
      preTokenGenerationName: names.lambda('pre-token-generation'),
    });

    this.mcp = new McpServer(this, 'Mcp', {
      runtimeName: names.mcpRuntimeName,
      repository: data.repositories.mcp,
      imageTag: config.images.mcpTag,
      vpc: data.network.vpc,
      securityGroup: data.network.mcpRuntimeSecurityGroup,
      // The portal is the OAuth authorization server MCP clients connect through: its issuer is Portal:PublicUrl.
      portalIssuer: `https://${config.domains.app}`,
      apiKeyConnectors: config.features.apiKeyConnectors,
      database: db,
      databaseName: DATABASE_NAME,
      databaseUsername: DATABASE_ROLES.mcp,
      databaseLogin: logins.mcp,
      domainName: config.domains.mcp,
      certificate: mcpCertificate,
      logsBucket: data.buckets.logs,
    });

    const p = this.parameters;
    const dbHost = p.add('db/host', db.dbInstanceEndpointAddress, 'PostgreSQL host');
    const dbPort = p.add('db/port', db.dbInstanceEndpointPort, 'PostgreSQL port');
    const dbName = p.add('db/name', DATABASE_NAME, 'PostgreSQL database name');
    p.add('db/secret-arn', db.secret!.secretArn, 'Secrets Manager ARN of the master (owner) credentials: the migrate step\'s alone');
    p.add('region', this.region, 'Home region of the deployment');
    p.add('cognito/user-pool-id', this.identity.userPool.userPoolId, 'Cognito user pool id');
    p.add('cognito/portal-client-id', this.identity.portalClient.userPoolClientId, 'Portal app client id (its secret: DescribeUserPoolClient)');
    p.add('cognito/mcp-client-id', this.identity.mcpClient.userPoolClientId, 'Public MCP app client id');
    p.add('cognito/issuer', this.identity.issuer, 'Token issuer; OIDC discovery at <issuer>/.well-known/openid-configuration');
    p.add('cognito/domain', `https://${config.domains.auth}`, 'Hosted UI and token endpoint base URL');
    p.add('cognito/resource-server', this.identity.resourceServerIdentifier, 'Resource server identifier of the MCP API');
    p.add('cognito/mcp-scope', this.identity.mcpInvokeScope, 'Scope every connector is granted');
    // The AgentCore JWT authorizer accepts only the portal's JWTs, so API-key connectors cannot work here.
    const apiKeyConnectors = p.add('features/api-key-connectors', String(config.features.apiKeyConnectors), 'Whether the portal offers API-key connectors (read at task start)');
    p.add('urls/app', `https://${config.domains.app}`, 'Portal URL');
    p.add('urls/mcp', `https://${config.domains.mcp}/mcp`, 'MCP endpoint URL');
    p.add('logs/mcp', this.mcp.logGroup.logGroupName, 'Log group of the MCP runtime');
    p.add('logs/triggers', this.triggers.logGroups.map((g) => g.logGroupName).join(','), 'Log groups of the Cognito triggers');
    p.add('logs/portal', names.portalLogGroup, 'Log group of the portal');
    p.add('budgets/name', names.budgetName, 'Monthly AWS Budgets budget');
    p.add('buckets/uploads', data.buckets.uploads.bucketName, 'Uploads bucket');
    p.add('buckets/page-renders', data.buckets.pageRenders.bucketName, 'Page renders bucket');
    p.add('buckets/cache', data.buckets.cache.bucketName, 'Cache bucket');
    p.add('buckets/ingestion-artifacts', data.buckets.ingestionArtifacts.bucketName, 'Ingestion artifacts bucket');
    p.add('buckets/feedback-screenshots', data.buckets.feedbackScreenshots.bucketName, 'Feedback screenshots bucket');

    this.portal = new PortalService(this, 'Portal', {
      config: config.portal,
      clusterName: `${names.base}-portal`,
      logGroupName: names.portalLogGroup,
      domainName: config.domains.app,
      vpc: data.network.vpc,
      albSecurityGroup: data.network.albSecurityGroup,
      taskSecurityGroup: data.network.portalSecurityGroup,
      repository: data.repositories.portal,
      imageTag: config.images.portalTag,
      logsBucket: data.buckets.logs,
      deletionProtection: config.database.deletionProtection,
      userPool: this.identity.userPool,
      environment: {
        publicUrl: `https://${config.domains.app}`,
        contactEmail: config.contactEmail,
        mcpEndpoint: `https://${config.domains.mcp}/mcp`,
        parameterPrefix: config.parameterPrefix,
        allowedEmails: this.parameters.allowedEmails,
        apiKeyConnectors,
        issuer: this.identity.issuer,
        portalClientId: this.identity.portalClient.userPoolClientId,
        mcpClientId: this.identity.mcpClient.userPoolClientId,
        logoutEndpoint: `https://${config.domains.auth}/logout`,
        connectorScope: this.identity.mcpInvokeScope,
        databaseLogin: logins.portal,
        dbHost,
        dbPort,
        dbName,
        apiKeyPepper: this.secrets.apiKeyPepper,
        dataProtectionKey: this.secrets.dataProtectionKey,
        mcpLogGroup: this.mcp.logGroup,
        triggerLogGroups: this.triggers.logGroups,
        metricsNamespace: names.metricsNamespace,
        agentApiToken: this.secrets.agentApiToken,
      },
      migrate: { master: db.secret!, logins, dbHost, dbPort, dbName },
      budgetName: names.budgetName,
      writableBucketNames: [names.bucket('uploads'), names.bucket('feedback-screenshots')],
    });

    if (config.customerManaged.enabled) {
      this.agent = new CoordinationAgent(this, 'CoordinationAgent', {
        cluster: this.portal.cluster,
        serviceName: `${names.base}-agent`,
        logGroupName: names.agentLogGroup,
        securityGroup: data.network.agentSecurityGroup!,
        repository: data.repositories.portal,
        imageTag: config.images.portalTag,
        environment: {
          customerManaged: config.customerManaged,
          environmentName: config.env,
          portalUrl: `https://${config.domains.app}`,
          mcpUrl: `https://${config.domains.mcp}`,
          mcpVersion: config.images.mcpTag,
          agentSecret: secretsmanager.Secret.fromSecretNameV2(this, 'AgentSecret', config.customerManaged.agentSecretName),
          portalToken: this.secrets.agentApiToken!,
        },
      });
    }

    this.outputs(config);
  }

  /**
   * The us-east-1 certificates. In us-east-1 they are referenced directly (a plain CloudFormation
   * export). From any other region CloudFormation cannot reference across regions, and CDK's
   * `crossRegionReferences` would add custom-resource Lambdas (untaggable, logging to never-expire
   * groups), so the operator deploys the certificates stack first and copies its two ARN outputs
   * into `certificates` in the config file (the config loader insists on them there).
   */
  private edgeCertificates(config: AutriConfig, stack: EdgeCertificatesStack): { auth: acm.ICertificate; mcp: acm.ICertificate } {
    if (config.certificates) {
      return {
        auth: acm.Certificate.fromCertificateArn(this, 'AuthCertificate', config.certificates.authArn),
        mcp: acm.Certificate.fromCertificateArn(this, 'McpCertificate', config.certificates.mcpArn),
      };
    }
    this.addStackDependency(stack);
    return { auth: stack.authCertificate, mcp: stack.mcpCertificate };
  }

  private outputs(config: AutriConfig): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('AppUrl', `https://${config.domains.app}`, 'Portal');
    out('McpUrl', `https://${config.domains.mcp}/mcp`, 'MCP endpoint for clients');
    out('AuthUrl', `https://${config.domains.auth}`, 'Cognito hosted UI');
    out('UserPoolId', this.identity.userPool.userPoolId, 'Cognito user pool id');
    out('PortalClientId', this.identity.portalClient.userPoolClientId, 'Portal app client id');
    out('McpClientId', this.identity.mcpClient.userPoolClientId, 'Public MCP app client id');
    out('McpImageTag', config.images.mcpTag, 'Deployed MCP image tag (scripts/deploy-compute.sh keeps it when deploying another image)');
    out('PortalImageTag', config.images.portalTag, 'Deployed portal image tag (scripts/deploy-compute.sh keeps it when deploying another image)');
    out('McpRuntimeArn', this.mcp.runtime.agentRuntimeArn, 'AgentCore runtime ARN');
    out('DnsAppCname', `${config.domains.app} CNAME ${this.portal.loadBalancer.loadBalancerDnsName}`, 'Cloudflare record for the portal (DNS only, not proxied)');
    out('DnsMcpCname', `${config.domains.mcp} CNAME ${this.mcp.distribution.distributionDomainName}`, 'Cloudflare record for the MCP endpoint (DNS only)');
    out('DnsAuthCname', `${config.domains.auth} CNAME ${this.identity.domain.cloudFrontEndpoint}`, 'Cloudflare record for the Cognito custom domain (DNS only)');
    out('GoogleRedirectUri', `https://${config.domains.auth}/oauth2/idpresponse`, 'Authorized redirect URI to add to the Google OAuth client');
    out('NextSteps', nextSteps(config).join(' '), 'What to do after the first deploy (README "Deploy order", steps 5 to 8)');
  }
}
