import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { Names } from '../names';

export interface AppParametersProps {
  readonly names: Names;
  /** Seed of `ALLOWED_EMAILS`. */
  readonly allowlist: readonly string[];
}

/**
 * Non-secret configuration in Parameter Store under the deployment prefix.
 *
 * `ALLOWED_EMAILS` is seeded from configuration and then owned by the portal (admins edit it there).
 * CloudFormation writes a parameter only when its template value changes, so redeploys leave the
 * portal's edits alone as long as `allowlist` in the config file stays as it was. Changing
 * `allowlist` in the config later overwrites the live list with a new version (the old ones stay
 * in the parameter's history); treat `allowlist` as the first seed only.
 */
export class AppParameters extends Construct {
  readonly allowedEmails: ssm.StringListParameter;
  private readonly names: Names;

  constructor(scope: Construct, id: string, props: AppParametersProps) {
    super(scope, id);
    this.names = props.names;
    this.allowedEmails = new ssm.StringListParameter(this, 'AllowedEmails', {
      parameterName: props.names.parameter('ALLOWED_EMAILS'),
      stringListValue: [...props.allowlist],
      description: 'Beta allowlist, seeded by CDK, edited in the portal afterwards',
    });
  }

  /** Adds one String parameter `<prefix>/<relativeName>`. */
  add(relativeName: string, value: string, description: string): ssm.StringParameter {
    const logicalId = relativeName.split(/[/-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
    return new ssm.StringParameter(this, logicalId, {
      parameterName: this.names.parameter(relativeName),
      stringValue: value,
      description,
    });
  }
}
