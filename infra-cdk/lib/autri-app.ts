import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { AutriConfig } from './config/config';
import { Names } from './names';
import { readSavedQueries } from './saved-queries';
import { AuthAndComputeStack } from './stacks/auth-and-compute-stack';
import { EdgeCertificatesStack } from './stacks/edge-certificates-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { NetworkAndDataStack } from './stacks/network-and-data-stack';
import { projectTags } from './tags';
import type { TriggerCode } from './trigger-code/publish';

export interface AutriAppOptions {
  readonly config: AutriConfig;
  /** Published Autri.Triggers output for the trigger Lambdas, with the hash of its sources. */
  readonly triggersCode: TriggerCode;
  /** Folder of the `.logsql` saved queries. */
  readonly savedQueriesDir: string;
  /** Run the cdk-nag AwsSolutions pack on synth (a finding fails synth). */
  readonly nag: boolean;
}

export interface AutriStacks {
  readonly certificates: EdgeCertificatesStack;
  readonly data: NetworkAndDataStack;
  readonly compute: AuthAndComputeStack;
  readonly monitoring: MonitoringStack;
}

/** Adds the deployment's four stacks to `app`, in deploy order. */
export function addAutriStacks(app: App, options: AutriAppOptions): AutriStacks {
  const { config } = options;
  const names = new Names(config);
  const home = { account: config.account, region: config.region };
  // The VPC's zones come from configuration. CDK still asks for the region's zone list to check
  // them against, which would be a context lookup (credentials at synth); answer it from config.
  app.node.setContext(`availability-zones:account=${config.account}:region=${config.region}`, [...config.network.availabilityZones]);
  // Strong references: CloudFormation refuses to remove an export another stack still imports,
  // so a data-stack change can never pull a bucket or the database out from under compute.
  app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');

  const certificates = new EdgeCertificatesStack(app, names.stack('certificates'), {
    config,
    env: { account: config.account, region: 'us-east-1' },
    description: 'Autri: us-east-1 certificates for the Cognito custom domain and the MCP CloudFront distribution',
  });
  const data = new NetworkAndDataStack(app, names.stack('network-and-data'), {
    config,
    env: home,
    description: 'Autri: VPC, security groups, RDS PostgreSQL, S3 buckets, ECR repositories',
  });
  const compute = new AuthAndComputeStack(app, names.stack('auth-and-compute'), {
    config,
    env: home,
    data,
    certificates,
    triggersCode: options.triggersCode,
    description: 'Autri: Cognito and triggers, AgentCore MCP runtime behind CloudFront, portal on Fargate, secrets, parameters',
  });
  const monitoring = new MonitoringStack(app, names.stack('monitoring'), {
    config,
    env: home,
    data,
    compute,
    savedQueries: readSavedQueries(options.savedQueriesDir),
    description: 'Autri: alarms, budget, dashboard, log metrics, Logs Insights saved queries',
  });

  projectTags(app, config.env);
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { certificates, data, compute, monitoring };
}
