import { Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AutriConfig } from '../config/config';
import { Buckets } from '../constructs/buckets';
import { Database } from '../constructs/database';
import { GitHubDeployRole } from '../constructs/github-deploy-role';
import { Network } from '../constructs/network';
import { Repositories } from '../constructs/repositories';
import { Names } from '../names';
import { costBucket } from '../tags';

export interface NetworkAndDataStackProps extends StackProps {
  readonly config: AutriConfig;
}

/** VPC, security groups, RDS PostgreSQL 16, the S3 buckets and the ECR repositories. */
export class NetworkAndDataStack extends Stack {
  readonly network: Network;
  readonly buckets: Buckets;
  readonly database: Database;
  readonly repositories: Repositories;
  readonly deployRole: GitHubDeployRole;

  constructor(scope: Construct, id: string, props: NetworkAndDataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = new Names(config);
    costBucket(this, 'data');

    this.buckets = new Buckets(this, 'Buckets', (kind) => names.bucket(kind));
    this.network = new Network(this, 'Network', {
      natGateways: config.network.natGateways,
      availabilityZones: config.network.availabilityZones,
      flowLogsBucket: this.buckets.logs,
      coordinationAgent: config.customerManaged.enabled,
    });
    this.database = new Database(this, 'Database', {
      config: config.database,
      vpc: this.network.vpc,
      securityGroup: this.network.databaseSecurityGroup,
      instanceIdentifier: names.dbInstanceIdentifier,
      secretName: names.secret('db-master'),
      loginSecretName: (app) => names.secret(`db-${app}`),
    });
    this.repositories = new Repositories(this, 'Repositories', {
      mcpRepositoryName: names.mcpRepository,
      portalRepositoryName: names.portalRepository,
    });
    this.deployRole = new GitHubDeployRole(this, 'GitHubDeploy', {
      github: config.github,
      roleName: `${names.base}-github-deploy`,
      repositories: [this.repositories.mcp, this.repositories.portal],
      computeStackName: names.stack('auth-and-compute'),
    });
  }
}
