import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ssm from 'aws-cdk-lib/aws-ssm';

/** What the portal container is told; each value names where it comes from. */
export interface PortalEnvironmentProps {
  readonly port: number;
  readonly region: string;
  readonly account: string;
  readonly publicUrl: string;
  readonly contactEmail: string;
  readonly mcpEndpoint: string;
  readonly parameterPrefix: string;
  readonly allowedEmails: ssm.IStringListParameter;
  /** `<prefix>/features/api-key-connectors`. */
  readonly apiKeyConnectors: ssm.IStringParameter;
  readonly issuer: string;
  readonly portalClientId: string;
  /** The public MCP client: the portal refuses to act on it (or on its own client) as on a connector's. */
  readonly mcpClientId: string;
  readonly userPoolId: string;
  /** `https://auth.<domain>/logout`. */
  readonly logoutEndpoint: string;
  readonly connectorScope: string;
  /** The portal's own login (role autri_portal), not the master's. */
  readonly databaseLogin: secretsmanager.ISecret;
  readonly dbHost: ssm.IStringParameter;
  readonly dbPort: ssm.IStringParameter;
  readonly dbName: ssm.IStringParameter;
  readonly apiKeyPepper: secretsmanager.ISecret;
  /** The key ring's key-encryption key(s): the whole secret string, `<current> [<older> …]`. */
  readonly dataProtectionKey: secretsmanager.ISecret;
  readonly logGroups: { portal: string; mcp: logs.ILogGroup; triggers: logs.ILogGroup[] };
  /** `Autri/<env>`: the namespace of the daily metrics one portal instance publishes (layer costs, notifications). */
  readonly metricsNamespace: string;
  /** Customer-managed only: the token of the agent API (the agent presents the same secret). */
  readonly agentApiToken?: secretsmanager.ISecret;
}

/**
 * The portal's configuration, exactly the keys of deploy/contract/portal.json (a test holds the two together):
 * plain values in `environment`; Parameter Store values and Secrets Manager secrets as ECS secrets, which ECS
 * resolves at task start so no value appears in the task definition. Keys are .NET configuration keys with
 * `:` spelled `__`.
 */
export function portalEnvironment(props: PortalEnvironmentProps): { environment: Record<string, string>; secrets: Record<string, ecs.Secret> } {
  return {
    environment: {
      ASPNETCORE_URLS: `http://+:${props.port}`,
      Portal__Mode: 'Aws',
      Portal__PublicUrl: props.publicUrl,
      Portal__ContactEmail: props.contactEmail,
      Portal__McpEndpoint: props.mcpEndpoint,
      Portal__ParameterPrefix: props.parameterPrefix,
      // The name only: the portal reads and edits the list itself, live, in Parameter Store.
      Portal__AllowlistParameter: props.allowedEmails.parameterName,
      // The ALB terminates TLS; only it can reach the tasks (security groups).
      Portal__TrustForwardedHeaders: 'true',
      Identity__Authority: props.issuer,
      Identity__ClientId: props.portalClientId,
      Identity__LogoutStyle: 'Cognito',
      Identity__LogoutEndpoint: props.logoutEndpoint,
      Connectors__Registry: 'Cognito',
      Connectors__UserPoolId: props.userPoolId,
      Connectors__McpClientId: props.mcpClientId,
      Connectors__Scope: props.connectorScope,
      // AgentCore's authorizer trusts only the portal's own issuer: client-credentials tokens could never pass, so
      // assistants connect by URL (an app-access connector on consent) instead of by a pasted OAuth client.
      Connectors__OAuthClientsEnabled: 'false',
      ApiKeys__CurrentPepperVersion: '1',
      Aws__Region: props.region,
      Aws__AccountId: props.account,
      Logs__Groups__portal: props.logGroups.portal,
      Logs__Groups__mcp: props.logGroups.mcp.logGroupName,
      Logs__Groups__triggers: props.logGroups.triggers.map((g) => g.logGroupName).join(','),
      Metrics__Namespace: props.metricsNamespace,
    },
    secrets: {
      Database__Host: ecs.Secret.fromSsmParameter(props.dbHost),
      Database__Port: ecs.Secret.fromSsmParameter(props.dbPort),
      Database__Name: ecs.Secret.fromSsmParameter(props.dbName),
      Database__Username: ecs.Secret.fromSecretsManager(props.databaseLogin, 'username'),
      Database__Password: ecs.Secret.fromSecretsManager(props.databaseLogin, 'password'),
      // The per-environment switch (README "API-key connectors"), read at task start: a change needs a new deployment.
      Connectors__ApiKeysEnabled: ecs.Secret.fromSsmParameter(props.apiKeyConnectors),
      ApiKeys__Peppers__1: ecs.Secret.fromSecretsManager(props.apiKeyPepper),
      DataProtection__EncryptionKeys: ecs.Secret.fromSecretsManager(props.dataProtectionKey),
      ...(props.agentApiToken ? { AgentApi__Token: ecs.Secret.fromSecretsManager(props.agentApiToken) } : {}),
    },
  };
}
