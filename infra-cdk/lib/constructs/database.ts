import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Database as DatabaseConfig } from '../config/config';

export interface DatabaseProps {
  readonly config: DatabaseConfig;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly instanceIdentifier: string;
  readonly secretName: string;
  /** Name of the login secret of one app role (`autri/<env>/db-portal`, …). */
  readonly loginSecretName: (app: DatabaseApp) => string;
}

export const DATABASE_NAME = 'autri';
export const DATABASE_PORT = 5432;
/**
 * The RDS master user: it owns the tables and only the migrate step (the portal task's init container) logs in as it.
 * Not a secret.
 */
export const DATABASE_USERNAME = 'autri_admin';

export type DatabaseApp = 'portal' | 'mcp' | 'triggers';

/**
 * The Postgres role each deployable connects as, created with its grants by migration 0012_app_roles.sql (Autri.Infra's
 * AppRoles names the same; a test reads the migration). The migrate step sets each role's password from its secret.
 */
export const DATABASE_ROLES: Record<DatabaseApp, string> = {
  portal: 'autri_portal',
  mcp: 'autri_mcp',
  triggers: 'autri_triggers',
};

/**
 * PostgreSQL 16 on RDS, in isolated subnets, encrypted, IAM authentication on, master credentials generated
 * into Secrets Manager (the secret carries host, port, dbname, username and password), and one generated login
 * secret per app role (`username`, `password`), each given to its deployable alone.
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly logGroup: logs.LogGroup;
  /** Each deployable's own login: read by that deployable, and by the migrate step, which sets the password in Postgres. */
  readonly logins: Record<DatabaseApp, secretsmanager.Secret>;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { config } = props;
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });

    // shared_preload_libraries REPLACES the engine default list, so pg_stat_statements (which
    // Performance Insights and query statistics rely on) has to be named again.
    //
    // `vector` is here because EPIC-4 asks for it. pgvector does not need it: it is an ordinary
    // extension whose library PostgreSQL loads on CREATE EXTENSION vector / first use (pgvector's
    // README and RDS's extension docs only ever ask for CREATE EXTENSION). RDS accepts only the
    // libraries on the parameter's AllowedValues list for the engine version; scripts/check-prereqs.sh
    // checks that list before a deploy, and `database.preloadVector: false` drops it without a fork.
    const preload = ['pg_stat_statements', ...(config.preloadVector ? ['vector'] : [])];
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: 'Autri PostgreSQL 16 parameters',
      parameters: {
        shared_preload_libraries: preload.join(','),
        'rds.force_ssl': '1',
        log_min_duration_statement: '1000',
      },
    });

    // Created before the instance so RDS log export lands in a group with a 30-day retention.
    this.logGroup = new logs.LogGroup(this, 'PostgresLogs', {
      logGroupName: `/aws/rds/instance/${props.instanceIdentifier}/postgresql`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      instanceIdentifier: props.instanceIdentifier,
      instanceType: new ec2.InstanceType(config.instanceClass),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [props.securityGroup],
      port: DATABASE_PORT,
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromGeneratedSecret(DATABASE_USERNAME, { secretName: props.secretName }),
      parameterGroup,
      multiAz: config.multiAz,
      storageEncrypted: true,
      allocatedStorage: config.allocatedStorageGiB,
      maxAllocatedStorage: config.maxAllocatedStorageGiB,
      storageType: rds.StorageType.GP3,
      iamAuthentication: true,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      backupRetention: Duration.days(config.backupRetentionDays),
      deletionProtection: config.deletionProtection,
      removalPolicy: config.deletionProtection ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
    });
    this.instance.node.addDependency(this.logGroup);

    const acknowledge = (rule: string, reason: string) => Validations.of(this.instance).acknowledge({ id: rule, reason });
    acknowledge('AwsSolutions-RDS11', 'Default port 5432: the instance sits in isolated subnets reachable only from three security groups; a non-default port adds no protection.');
    if (!config.multiAz) {
      acknowledge('AwsSolutions-RDS3', 'Single-AZ by configuration (database.multiAz=false) for the beta, per EPIC-4: Multi-AZ when the first paying customer arrives.');
    }
    if (!config.deletionProtection) {
      acknowledge('AwsSolutions-RDS10', 'Deletion protection is off by configuration (database.deletionProtection=false): a throwaway environment.');
    }
    Validations.of(this.instance.node.findChild('Secret')).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Not rotated automatically: the migrate step reads it at each portal deployment, and the master password is held by nothing else. Rotate with the README runbook (new value, then a forced deployment).',
    });

    const login = (app: DatabaseApp): secretsmanager.Secret => {
      const secret = new secretsmanager.Secret(this, `${app[0].toUpperCase()}${app.slice(1)}Login`, {
        secretName: props.loginSecretName(app),
        description: `Postgres login of the ${app} (role ${DATABASE_ROLES[app]}); the migrate step sets this password in the database`,
        // Letters and digits: the migrate step hashes it into a SCRAM verifier, which needs no SASLprep then.
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: DATABASE_ROLES[app] }),
          generateStringKey: 'password',
          passwordLength: 40,
          excludePunctuation: true,
        },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'A new value takes effect when the migrate step next sets it in Postgres (a portal deployment); a silent rotation would lock the app out until then. Rotate with the README runbook.',
      });
      return secret;
    };
    this.logins = { portal: login('portal'), mcp: login('mcp'), triggers: login('triggers') };
  }
}
