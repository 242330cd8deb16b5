import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Names } from '../names';

/**
 * Long-lived application secrets in Secrets Manager. The DB password lives in the database's own
 * generated secret. Every value starts as random text: the two third-party tokens must be replaced
 * by the operator (`aws secretsmanager put-secret-value`, README), and CloudFormation never writes
 * a secret's value again after creating it, so later deploys keep what the operator stored.
 */
export class AppSecrets extends Construct {
  readonly anthropicApiKey: secretsmanager.Secret;
  readonly oauthSharedSecret: secretsmanager.Secret;
  readonly githubToken: secretsmanager.Secret;
  readonly apiKeyPepper: secretsmanager.Secret;
  readonly dataProtectionKey: secretsmanager.Secret;
  /** Customer-managed only: the token the coordination agent presents to the portal's agent API. */
  readonly agentApiToken?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, names: Names, options: { customerManaged: boolean }) {
    super(scope, id);

    const secret = (logicalId: string, name: string, description: string, rotationReason: string) => {
      const created = new secretsmanager.Secret(this, logicalId, {
        secretName: names.secret(name),
        description,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
      Validations.of(created).acknowledge({ id: 'AwsSolutions-SMG4', reason: rotationReason });
      return created;
    };

    this.anthropicApiKey = secret('AnthropicApiKey', 'anthropic-api-key',
      'Anthropic API key. Replace the generated placeholder with the real key after the first deploy.',
      'Issued by Anthropic; it is rotated in Anthropic\'s console and stored here by the operator.');
    this.githubToken = secret('GitHubToken', 'github-token',
      'GitHub token for the feedback-issues integration. Replace the placeholder after the first deploy.',
      'Issued by GitHub; rotated there and stored here by the operator.');
    this.oauthSharedSecret = secret('OAuthSharedSecret', 'oauth-shared-secret',
      'Shared secret for signing between the portal and the MCP server (generated).',
      'Rotating it invalidates in-flight signed values; rotate with the README runbook.');
    this.apiKeyPepper = secret('ApiKeyPepper', 'api-key-pepper',
      'HMAC pepper for stored API-key hashes (generated).',
      'API keys are stored only as HMAC(pepper, key); rotating the pepper would invalidate every issued key.');
    this.dataProtectionKey = secret('DataProtectionKey', 'data-protection-key',
      'Key-encryption key of the portal\'s Data Protection key ring in Postgres (generated). To rotate, store "<new> <old>", deploy, then "<new>".',
      'Rotation needs the old key beside the new one until the portal has re-encrypted its key ring (README runbook), which an automatic rotation cannot do.');
    if (options.customerManaged) {
      this.agentApiToken = secret('AgentApiToken', 'agent-api-token',
        'Token the coordination agent presents to the portal\'s agent API (generated; the portal and the agent read the same secret).',
        'Both sides read it at task start: rotate by storing a new value and forcing a new deployment of the portal and the agent together.');
    }
  }

  get all(): secretsmanager.Secret[] {
    return [this.anthropicApiKey, this.oauthSharedSecret, this.githubToken, this.apiKeyPepper, this.dataProtectionKey,
      ...(this.agentApiToken ? [this.agentApiToken] : [])];
  }
}
