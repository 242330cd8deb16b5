import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LogicalLogGroup, SavedQuery } from '../saved-queries';

export interface SavedQueryDefinitionsProps {
  readonly queries: readonly SavedQuery[];
  /** Real log group names for each logical name the query files use. */
  readonly logGroups: Record<LogicalLogGroup, readonly string[]>;
  /** Console folder the definitions appear under, e.g. `autri-beta`. */
  readonly folder: string;
}

/** One CloudWatch Logs Insights query definition per `ops/queries/*.logsql` file. */
export class SavedQueryDefinitions extends Construct {
  readonly definitions: logs.CfnQueryDefinition[];

  constructor(scope: Construct, id: string, props: SavedQueryDefinitionsProps) {
    super(scope, id);
    this.definitions = props.queries.map((query) =>
      new logs.CfnQueryDefinition(this, query.slug, {
        name: `${props.folder}/${query.slug}`,
        queryString: query.query,
        logGroupNames: query.logGroups.flatMap((logical) => props.logGroups[logical]),
      }),
    );
  }
}
