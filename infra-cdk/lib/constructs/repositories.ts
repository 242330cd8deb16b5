import { RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { costBucket } from '../tags';

/** Images kept per repository; older ones expire (tags are immutable, so each push is a new image). */
export const IMAGES_KEPT = 20;

export interface RepositoriesProps {
  readonly mcpRepositoryName: string;
  readonly portalRepositoryName: string;
}

/** ECR repositories for the MCP server and the portal images: scanned on push, immutable tags. */
export class Repositories extends Construct {
  readonly mcp: ecr.Repository;
  readonly portal: ecr.Repository;

  constructor(scope: Construct, id: string, props: RepositoriesProps) {
    super(scope, id);
    this.mcp = this.repository('Mcp', props.mcpRepositoryName);
    costBucket(this.mcp, 'compute');
    this.portal = this.repository('Portal', props.portalRepositoryName);
    costBucket(this.portal, 'portal');
  }

  private repository(id: string, repositoryName: string): ecr.Repository {
    return new ecr.Repository(this, id, {
      repositoryName,
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.AES_256,
      lifecycleRules: [{ description: `Keep the last ${IMAGES_KEPT} images`, maxImageCount: IMAGES_KEPT }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
