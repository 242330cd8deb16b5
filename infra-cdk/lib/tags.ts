import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The `cost-bucket` values Cost Explorer groups by; one per stack layer. */
export type CostBucket = 'network' | 'data' | 'auth' | 'compute' | 'portal' | 'monitoring';

/**
 * Marks everything under `scope` with its cost bucket. Applied to a stack for its default and to
 * a construct inside it where that part belongs to another layer (the deeper tag wins).
 */
export function costBucket(scope: IConstruct, bucket: CostBucket): void {
  Tags.of(scope).add('cost-bucket', bucket);
}

/** `project=autri` and `env=<env>` on every taggable resource of the app. */
export function projectTags(scope: IConstruct, env: string): void {
  Tags.of(scope).add('project', 'autri');
  Tags.of(scope).add('env', env);
}
