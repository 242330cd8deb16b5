import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { POST_CONFIRMATION_HANDLER, PRE_TOKEN_GENERATION_HANDLER } from '../lib/constructs/triggers';
import { exampleApp, resourcesOfType } from './support/example-app';

const beta = exampleApp('beta');
const t = beta.template('compute');

test('The user pool is on ESSENTIALS with email sign-in, strong passwords and required TOTP', () => {
  t.resourceCountIs('AWS::Cognito::UserPool', 1);
  t.hasResource('AWS::Cognito::UserPool', {
    DeletionPolicy: 'Retain',
    Properties: Match.objectLike({
      UserPoolTier: 'ESSENTIALS',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    }),
  });
});

test('Google federates with its client secret resolved from Secrets Manager at deploy time', () => {
  t.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
    ProviderName: 'Google',
    ProviderType: 'Google',
    ProviderDetails: Match.objectLike({
      client_id: beta.config.google.clientId,
      client_secret: '{{resolve:secretsmanager:autri/beta/google-oauth-client-secret:SecretString:::}}',
      authorize_scopes: 'openid email profile',
    }),
  });
});

test('The hosted UI lives on the auth custom domain with the us-east-1 certificate', () => {
  t.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
    Domain: 'auth.example.com',
    ManagedLoginVersion: 1,
    CustomDomainConfig: { CertificateArn: { 'Fn::ImportValue': Match.stringLikeRegexp('^autri-beta-certificates:.*AuthCertificate') } },
  });
  const certs = beta.template('certificates');
  certs.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'auth.example.com', ValidationMethod: 'DNS' });
  certs.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'mcp.example.com', ValidationMethod: 'DNS' });
  assert.equal(beta.stacks.certificates.region, 'us-east-1');
});

test('Outside us-east-1 the certificates are imported by the configured ARNs, without any custom resource', () => {
  const dev = exampleApp('dev');
  dev.template('compute').hasResourceProperties('AWS::Cognito::UserPoolDomain', {
    CustomDomainConfig: { CertificateArn: dev.config.certificates!.authArn },
  });
  for (const stack of ['certificates', 'compute'] as const) {
    const custom = Object.values(dev.template(stack).toJSON().Resources).filter((r: any) => r.Type.startsWith('Custom::'));
    assert.deepEqual(custom, [], stack);
  }
  assert.equal(dev.stacks.compute.region, 'eu-west-1');
});

test('The MCP resource server is https://mcp.<domain> with the mcp.invoke scope', () => {
  t.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
    Identifier: 'https://mcp.example.com',
    Scopes: [Match.objectLike({ ScopeName: 'mcp.invoke' })],
  });
});

test('The portal client uses the code flow with callbacks on the app domain', () => {
  t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
    ClientName: 'autri-portal',
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: ['https://app.example.com/signin-oidc'],
    LogoutURLs: ['https://app.example.com/signed-out'],
    SupportedIdentityProviders: ['COGNITO', 'Google'],
    GenerateSecret: true,
  });
});

test('The MCP client is public: no secret, code flow only, granted mcp.invoke', () => {
  t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
    ClientName: 'autri-mcp-client',
    GenerateSecret: false,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: Match.arrayWith([{ 'Fn::Join': ['', [{ Ref: Match.anyValue() }, '/mcp.invoke']] }]),
  });
  const clients = resourcesOfType(t, 'AWS::Cognito::UserPoolClient');
  for (const [, client] of clients) {
    assert.ok(!client.Properties.AllowedOAuthFlows.includes('implicit'));
    assert.ok(client.DependsOn.some((d: string) => d.includes('Google')), 'clients must wait for the Google provider');
  }
});

test('Both triggers run the dotnet10 managed runtime on arm64 in private subnets', () => {
  const functions = resourcesOfType(t, 'AWS::Lambda::Function');
  assert.equal(functions.length, 2);
  const handlers = functions.map(([, f]) => f.Properties.Handler).sort();
  assert.deepEqual(handlers, [POST_CONFIRMATION_HANDLER, PRE_TOKEN_GENERATION_HANDLER].sort());
  for (const [, fn] of functions) {
    assert.equal(fn.Properties.Runtime, 'dotnet10');
    assert.deepEqual(fn.Properties.Architectures, ['arm64']);
    assert.equal(fn.Properties.Timeout, 5);
    assert.ok(fn.Properties.VpcConfig.SubnetIds.length === 2);
    assert.equal(fn.Properties.Environment.Variables.AWS_LAMBDA_HANDLER_LOG_FORMAT, 'Unformatted');
    assert.ok(fn.Properties.Environment.Variables.DB_SECRET_ARN);
  }
});

test('The handler names are the Autri.Triggers entry points', () => {
  assert.equal(POST_CONFIRMATION_HANDLER, 'Autri.Triggers::Autri.Triggers.PostConfirmationFunction::HandleAsync');
  assert.equal(PRE_TOKEN_GENERATION_HANDLER, 'Autri.Triggers::Autri.Triggers.PreTokenGenerationFunction::HandleAsync');
});

test('The pool wires post-confirmation and the V3_0 pre-token-generation trigger', () => {
  t.hasResourceProperties('AWS::Cognito::UserPool', {
    LambdaConfig: {
      PostConfirmation: { 'Fn::GetAtt': [Match.stringLikeRegexp('PostConfirmation'), 'Arn'] },
      PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('PreTokenGeneration'), 'Arn'] }, LambdaVersion: 'V3_0' },
    },
  });
  t.resourceCountIs('AWS::Lambda::Permission', 2);
});

test('Post-confirmation reads the allowlist parameter by name and may delete users of this pool only', () => {
  t.hasResourceProperties('AWS::Lambda::Function', {
    Handler: POST_CONFIRMATION_HANDLER,
    Environment: { Variables: Match.objectLike({ ALLOWED_EMAILS_PARAMETER: { Ref: Match.stringLikeRegexp('AllowedEmails') } }) },
  });
  t.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: [{
      Sid: 'DeleteUsersRejectedByAllowlist',
      Effect: 'Allow',
      Action: 'cognito-idp:AdminDeleteUser',
      Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'Arn'] },
    }] },
  });
  // The pool id travels in the trigger event; an env var would close a pool -> function -> pool cycle.
  for (const [, fn] of resourcesOfType(t, 'AWS::Lambda::Function')) {
    assert.equal(fn.Properties.Environment.Variables.USER_POOL_ID, undefined);
  }
});

test('Each trigger reads its own database login (role autri_triggers) and no other secret', () => {
  const resources = t.toJSON().Resources as Record<string, any>;
  for (const [, fn] of resourcesOfType(t, 'AWS::Lambda::Function')) {
    assert.match(JSON.stringify(fn.Properties.Environment.Variables.DB_SECRET_ARN), /DatabaseTriggersLogin/);
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const reads = Object.values(resources)
      .filter((r: any) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: any) => x.Ref === roleId))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((st: any) => ([] as string[]).concat(st.Action).includes('secretsmanager:GetSecretValue'));
    assert.equal(reads.length, 1, fn.Properties.FunctionName);
    assert.match(JSON.stringify(reads[0].Resource), /DatabaseTriggersLogin/);
  }
});

test('Each trigger logs to its own explicit 30-day log group', () => {
  for (const [, fn] of resourcesOfType(t, 'AWS::Lambda::Function')) {
    const ref = fn.Properties.LoggingConfig.LogGroup.Ref;
    const group = t.toJSON().Resources[ref];
    assert.equal(group.Type, 'AWS::Logs::LogGroup');
    assert.equal(group.Properties.RetentionInDays, 30);
    assert.equal(group.Properties.LogGroupName, `/aws/lambda/${fn.Properties.FunctionName}`);
  }
});
