import { Duration, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AutriConfig } from '../config/config';
import { costBucket } from '../tags';

export interface IdentityProps {
  readonly config: AutriConfig;
  readonly authCertificate: acm.ICertificate;
}

/** The scope connectors and MCP clients must hold, under the `https://mcp.<domain>` resource server. */
export const MCP_INVOKE_SCOPE = 'mcp.invoke';

/**
 * Cognito user pool on the ESSENTIALS feature plan.
 *
 * Why ESSENTIALS: the pre-token-generation trigger must add `connector_id` to access tokens minted
 * with client_credentials, which needs the V3_0 trigger event, available on ESSENTIALS and PLUS only
 * (LITE cannot customise access tokens). Cost at list price: 0.015 USD per monthly active user above
 * the 10,000-MAU free tier for direct and social (Google) sign-in; machine-to-machine is billed
 * separately, per app client per month plus per 1,000 client_credentials token requests, and every
 * OAuth connector is one app client. See README "Cost notes".
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly portalClient: cognito.UserPoolClient;
  readonly mcpClient: cognito.UserPoolClient;
  /** `https://mcp.<domain>`: the resource server identifier, also the scope prefix. */
  readonly resourceServerIdentifier: string;
  /** `https://mcp.<domain>/mcp.invoke`: the scope of Cognito OAuth-client connectors (refused behind AgentCore, README "MCP authorization"). */
  readonly mcpInvokeScope: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of every token. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    costBucket(this, 'auth');
    const { config } = props;
    // The database's protection switch also guards the pool: losing either loses every user.
    const retain = config.database.deletionProtection;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Anyone may sign up; the post-confirmation trigger deletes whoever is not on ALLOWED_EMAILS.
      selfSignUpEnabled: true,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Password users must add an authenticator app; Google users bring Google's own MFA.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'ESSENTIALS, not PLUS, by choice: it already has the V3_0 pre-token trigger for client_credentials tokens, at a lower price per MAU.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason: 'Threat protection (advanced security) needs the PLUS plan; this pool is on ESSENTIALS for cost. Sign-up is gated by the allowlist trigger and most users federate through Google.',
    });

    const google = new cognito.UserPoolIdentityProviderGoogle(this, 'Google', {
      userPool: this.userPool,
      clientId: config.google.clientId,
      // Resolved by CloudFormation at deploy time; no lookup at synth and no secret in the template.
      clientSecretValue: SecretValue.secretsManager(config.google.clientSecretName),
      scopes: ['openid', 'email', 'profile'],
      attributeMapping: {
        email: cognito.ProviderAttribute.GOOGLE_EMAIL,
        emailVerified: cognito.ProviderAttribute.GOOGLE_EMAIL_VERIFIED,
        givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
        familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME,
      },
    });

    this.domain = this.userPool.addDomain('CustomDomain', {
      customDomain: { domainName: config.domains.auth, certificate: props.authCertificate },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });

    this.resourceServerIdentifier = `https://${config.domains.mcp}`;
    const invoke = new cognito.ResourceServerScope({ scopeName: MCP_INVOKE_SCOPE, scopeDescription: 'Call the Autri MCP server' });
    this.resourceServer = this.userPool.addResourceServer('McpResourceServer', {
      identifier: this.resourceServerIdentifier,
      userPoolResourceServerName: 'Autri MCP',
      scopes: [invoke],
    });
    this.mcpInvokeScope = `${this.resourceServerIdentifier}/${MCP_INVOKE_SCOPE}`;

    const providers = [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE];
    this.portalClient = this.userPool.addClient('PortalClient', {
      userPoolClientName: 'autri-portal',
      // Confidential: the portal runs on a server. It also sends PKCE (S256) on every authorization
      // request; Cognito verifies a code_verifier whenever a challenge was sent.
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`https://${config.domains.app}/signin-oidc`],
        logoutUrls: [`https://${config.domains.app}/signed-out`],
      },
      supportedIdentityProviders: providers,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.mcpClient = this.userPool.addClient('McpPublicClient', {
      userPoolClientName: 'autri-mcp-client',
      // Public client (desktop MCP clients cannot keep a secret): code flow, PKCE with S256 by the client.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(this.resourceServer, invoke)],
        callbackUrls: [...config.mcp.publicClientCallbackUrls],
      },
      supportedIdentityProviders: providers,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });
    // Clients naming Google fail to create until the provider exists.
    this.portalClient.node.addDependency(google);
    this.mcpClient.node.addDependency(google);

    const region = Stack.of(this).region;
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
