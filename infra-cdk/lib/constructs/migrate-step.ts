import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { DATABASE_ROLES, type DatabaseApp } from './database';

/** `dotnet Autri.Portal.dll migrate`: the portal image's migrate step (Autri.Infra/Database/MigrateStep.cs). */
export const MIGRATE_COMMAND = 'migrate';

export interface MigrateEnvironmentProps {
  /** The RDS master secret: the owner of the tables. Only the migrate step is given it. */
  readonly master: secretsmanager.ISecret;
  /** Each app role's login; the step sets each password in Postgres from it. */
  readonly logins: Record<DatabaseApp, secretsmanager.ISecret>;
  readonly dbHost: ssm.IStringParameter;
  readonly dbPort: ssm.IStringParameter;
  readonly dbName: ssm.IStringParameter;
}

/**
 * The migrate step's configuration, exactly the keys of deploy/contract/migrate.json (a test holds the two together):
 * everything through ECS secrets, resolved by the ECS agent into this container alone, so the portal container beside
 * it never holds the master password or another app's password.
 */
export function migrateEnvironment(props: MigrateEnvironmentProps): { secrets: Record<string, ecs.Secret> } {
  const rolePasswords = Object.fromEntries((Object.keys(DATABASE_ROLES) as DatabaseApp[]).map((app) =>
    [`RolePasswords__${DATABASE_ROLES[app]}`, ecs.Secret.fromSecretsManager(props.logins[app], 'password')]));
  return {
    secrets: {
      Database__Host: ecs.Secret.fromSsmParameter(props.dbHost),
      Database__Port: ecs.Secret.fromSsmParameter(props.dbPort),
      Database__Name: ecs.Secret.fromSsmParameter(props.dbName),
      Database__Username: ecs.Secret.fromSecretsManager(props.master, 'username'),
      Database__Password: ecs.Secret.fromSecretsManager(props.master, 'password'),
      ...rolePasswords,
    },
  };
}
