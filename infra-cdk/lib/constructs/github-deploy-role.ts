import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { GitHub } from '../config/config';
import { costBucket } from '../tags';

export interface GitHubDeployRoleProps {
  readonly github: GitHub;
  readonly roleName: string;
  /** The repositories the deploy workflows push images to (MCP server, portal). */
  readonly repositories: ecr.IRepository[];
  /** The stack whose outputs name the deployed image tags (scripts/deploy-compute.sh reads them). */
  readonly computeStackName: string;
}

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * The role the deploy workflows (`.github/workflows/deploy-*.yml`) assume through GitHub's OIDC provider: push
 * the MCP and portal images to their repositories, read which tags are deployed, and run `cdk deploy` through the
 * CDK bootstrap roles. Only the configured repository's deploy branch can assume it; no long-lived AWS keys exist
 * in GitHub.
 */
export class GitHubDeployRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GitHubDeployRoleProps) {
    super(scope, id);
    costBucket(this, 'compute');
    const { github } = props;
    const stack = Stack.of(this);

    const providerArn = github.oidcProviderArn
      || new iam.OidcProviderNative(this, 'GitHubOidc', { url: `https://${GITHUB_OIDC_HOST}`, clientIds: ['sts.amazonaws.com'] }).oidcProviderArn;

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `GitHub Actions (${github.repository}@${github.deployBranch}) deploys the images and trigger code`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.FederatedPrincipal(
        providerArn,
        {
          StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: `repo:${github.repository}:ref:refs/heads/${github.deployBranch}` },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });

    this.role.addToPolicy(new iam.PolicyStatement({
      sid: 'EcrLogin',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    }));
    this.role.addToPolicy(new iam.PolicyStatement({
      sid: 'PushImages',
      actions: [
        'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage', 'ecr:DescribeImages',
      ],
      resources: props.repositories.map((r) => r.repositoryArn),
    }));
    this.role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadDeployedImageTags',
      // A deploy of one image keeps the other one deployed: the stack's outputs say which tags those are.
      actions: ['cloudformation:DescribeStacks'],
      resources: [`arn:${stack.partition}:cloudformation:${stack.region}:${stack.account}:stack/${props.computeStackName}/*`],
    }));
    const bootstrapRoles = `arn:${stack.partition}:iam::${stack.account}:role/cdk-hnb659fds-*-${stack.account}-*`;
    this.role.addToPolicy(new iam.PolicyStatement({
      sid: 'CdkDeployThroughBootstrapRoles',
      actions: ['sts:AssumeRole'],
      resources: [bootstrapRoles],
    }));

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken has no resource-level permissions; pushing is limited to the MCP and portal repositories.',
    });
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${stack.account}:role/cdk-hnb659fds-*-${stack.account}-*]`,
      reason: 'The CDK bootstrap roles (deploy, file-publishing, lookup) of this account in the home and us-east-1 regions; their names differ only by role kind and region.',
    });
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:${stack.region}:${stack.account}:stack/${props.computeStackName}/*]`,
      reason: 'One stack by name; the wildcard is the stack id CloudFormation appends to its ARN, unknown before the stack exists.',
    });
  }
}
