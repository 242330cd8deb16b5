import { AssetHashType, Duration, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { costBucket } from '../tags';
import type { TriggerCode } from '../trigger-code/publish';
import { appLogGroup } from './app-log-groups';

/** Handlers in the Autri.Triggers assembly (written in C#, published by synth or `npm run build:triggers`). */
export const POST_CONFIRMATION_HANDLER = 'Autri.Triggers::Autri.Triggers.PostConfirmationFunction::HandleAsync';
export const PRE_TOKEN_GENERATION_HANDLER = 'Autri.Triggers::Autri.Triggers.PreTokenGenerationFunction::HandleAsync';

export interface TriggersProps {
  /** The `dotnet publish` output of Autri.Triggers and the hash of its sources. */
  readonly code: TriggerCode;
  readonly userPool: cognito.UserPool;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly database: rds.DatabaseInstance;
  readonly databaseName: string;
  /** The triggers' own login (role autri_triggers: provisioning and the connector lookup, nothing more). */
  readonly databaseLogin: secretsmanager.ISecret;
  readonly allowedEmails: ssm.IStringListParameter;
  /** Named in the "not invited" message the post-confirmation trigger shows. */
  readonly contactEmail: string;
  readonly postConfirmationName: string;
  readonly preTokenGenerationName: string;
}

/**
 * The two Cognito triggers: managed `dotnet10` runtime on arm64, in the VPC next to RDS, each with
 * an explicit 30-day log group. Their environment is deploy/contract/triggers.json (a test holds the two
 * together); the database login (role autri_triggers) is read from DB_SECRET_ARN by the function, never put in the environment.
 */
export class Triggers extends Construct {
  readonly postConfirmation: lambda.Function;
  readonly preTokenGeneration: lambda.Function;
  readonly logGroups: logs.LogGroup[];

  constructor(scope: Construct, id: string, props: TriggersProps) {
    super(scope, id);
    costBucket(this, 'auth');
    const database = props.database;
    // Named by the hash of the sources, not of the folder: the published assemblies embed the checkout's absolute
    // path (their PDB paths), so a content hash would change with where the repository was cloned.
    const code = lambda.Code.fromAsset(props.code.dir, { assetHashType: AssetHashType.CUSTOM, assetHash: props.code.hash });

    const make = (logicalId: string, functionName: string, handler: string, description: string) => {
      const logGroup = appLogGroup(this, `${logicalId}Logs`, `/aws/lambda/${functionName}`);
      const fn = new lambda.Function(this, logicalId, {
        functionName,
        description,
        runtime: lambda.Runtime.DOTNET_10,
        architecture: lambda.Architecture.ARM_64,
        handler,
        code,
        // Cognito waits at most 5 seconds for a trigger; more memory means more CPU for a .NET cold start.
        timeout: Duration.seconds(5),
        memorySize: 1024,
        vpc: props.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [props.securityGroup],
        allowPublicSubnet: false,
        logGroup,
        environment: {
          DB_SECRET_ARN: props.databaseLogin.secretArn,
          DB_HOST: database.dbInstanceEndpointAddress,
          DB_PORT: database.dbInstanceEndpointPort,
          DB_NAME: props.databaseName,
          // Console lines are the JSON log lines themselves (no timestamp/request-id prefix), so
          // Logs Insights and the metric filters read their fields.
          AWS_LAMBDA_HANDLER_LOG_FORMAT: 'Unformatted',
        },
      });
      props.databaseLogin.grantRead(fn);
      Validations.of(fn.role!).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'AWS-managed basic execution policy: writes to the function\'s own log group.',
      });
      Validations.of(fn.role!).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        reason: 'AWS-managed VPC access policy: ENI management actions have no resource-level permissions.',
      });
      return { fn, logGroup };
    };

    const post = make('PostConfirmation', props.postConfirmationName, POST_CONFIRMATION_HANDLER,
      'Allowlist check, personal org provisioning, welcome notification');
    post.fn.addEnvironment('ALLOWED_EMAILS_PARAMETER', props.allowedEmails.parameterName);
    post.fn.addEnvironment('CONTACT_EMAIL', props.contactEmail);
    props.allowedEmails.grantRead(post.fn);

    const pre = make('PreTokenGeneration', props.preTokenGenerationName, PRE_TOKEN_GENERATION_HANDLER,
      'Adds connector_id to client_credentials access tokens');

    props.userPool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, post.fn);
    props.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, pre.fn, cognito.LambdaVersion.V3_0);

    // The pool references the function (LambdaConfig) and the function's role policy would reference
    // the pool: a cycle. So the pool id comes from the trigger event (`userPoolId`), and the delete
    // permission sits in a policy of its own that the function does not depend on.
    new iam.Policy(this, 'DeleteRejectedUsers', {
      roles: [post.fn.role!],
      statements: [new iam.PolicyStatement({
        sid: 'DeleteUsersRejectedByAllowlist',
        actions: ['cognito-idp:AdminDeleteUser'],
        resources: [props.userPool.userPoolArn],
      })],
    });

    this.postConfirmation = post.fn;
    this.preTokenGeneration = pre.fn;
    this.logGroups = [post.logGroup, pre.logGroup];
  }
}
