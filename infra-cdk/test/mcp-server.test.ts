import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { exampleApp, resourcesOfType } from './support/example-app';

const beta = exampleApp('beta');
const t = beta.template('compute');
const runtime = () => resourcesOfType(t, 'AWS::BedrockAgentCore::Runtime')[0][1].Properties;

test('One AgentCore runtime serves the MCP protocol from the configured image tag in the VPC', () => {
  t.resourceCountIs('AWS::BedrockAgentCore::Runtime', 1);
  const props = runtime();
  assert.equal(props.AgentRuntimeName, 'autri_beta_mcp');
  assert.equal(props.ProtocolConfiguration, 'MCP');
  assert.equal(props.NetworkConfiguration.NetworkMode, 'VPC');
  const uri = JSON.stringify(props.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri);
  assert.match(uri, /RepositoriesMcp/);
  assert.match(uri, /:v0\.1\.0"/);
});

test('The JWT authorizer trusts Cognito discovery and gates on the mcp.invoke scope only', () => {
  const jwt = runtime().AuthorizerConfiguration.CustomJWTAuthorizer;
  assert.deepEqual(jwt.AllowedScopes, ['https://mcp.example.com/mcp.invoke']);
  // Cognito access tokens have no aud; connectors are app clients created at run time.
  assert.equal(jwt.AllowedAudience, undefined);
  assert.equal(jwt.AllowedClients, undefined);
  assert.match(JSON.stringify(jwt.DiscoveryUrl),
    /^\{"Fn::Join":\["",\["https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/",\{"Ref":"IdentityUserPool[0-9A-F]+"\},"\/\.well-known\/openid-configuration"\]\]\}$/);
});

test('The Authorization header reaches the container', () => {
  assert.deepEqual(runtime().RequestHeaderConfiguration, { RequestHeaderAllowlist: ['Authorization'] });
});

test('The container learns how to validate tokens and reach the database (keys: deploy-contract.test.ts)', () => {
  const env = runtime().EnvironmentVariables;
  assert.equal(env.Mcp__RequiredScope, 'https://mcp.example.com/mcp.invoke');
  assert.equal(env.Mcp__ResourceUrl, 'https://mcp.example.com');
  assert.equal(env.Mcp__ApiKeysEnabled, 'false');
  // Its own role and login secret, never the master's.
  assert.equal(env.Database__Username, 'autri_mcp');
  assert.match(JSON.stringify(env.Database__PasswordSecretArn), /DatabaseMcpLogin/);
});

test('The runtime has a 30-day log group named after its id and DEFAULT endpoint', () => {
  t.hasResourceProperties('AWS::Logs::LogGroup', {
    RetentionInDays: 30,
    LogGroupName: { 'Fn::Join': ['', ['/aws/bedrock-agentcore/runtimes/', { 'Fn::GetAtt': [Match.stringLikeRegexp('McpRuntime'), 'AgentRuntimeId'] }, '-DEFAULT']] },
  });
});

test('CloudFront serves mcp.<domain> with TLS 1.2+, no caching, all methods, to the regional AgentCore endpoint', () => {
  t.hasResourceProperties('AWS::CloudFront::Distribution', {
    DistributionConfig: Match.objectLike({
      Aliases: ['mcp.example.com'],
      ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      Origins: [Match.objectLike({
        DomainName: 'bedrock-agentcore.us-east-1.amazonaws.com',
        CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }),
      })],
      DefaultCacheBehavior: Match.objectLike({
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: Match.arrayWith(['POST', 'DELETE']),
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        Compress: false,
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: Match.anyValue() }],
      }),
      Logging: Match.objectLike({ Prefix: 'cloudfront/mcp/' }),
    }),
  });
});

test('The viewer-request function embeds the runtime ARN and the DEFAULT qualifier', () => {
  const [, fn] = resourcesOfType(t, 'AWS::CloudFront::Function')[0];
  assert.equal(fn.Properties.FunctionConfig.Runtime, 'cloudfront-js-2.0');
  const code = JSON.stringify(fn.Properties.FunctionCode);
  assert.match(code, /AgentRuntimeArn/);
  assert.match(code, /qualifier: \{ value: \\"DEFAULT\\" \}/);
});

test('The runtime may read its own database login secret and nothing else of the app', () => {
  const roleRef = runtime().RoleArn['Fn::GetAtt'][0];
  const policies = resourcesOfType(t, 'AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleRef));
  const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  const secretReads = statements.filter((s: any) => ([] as string[]).concat(s.Action).includes('secretsmanager:GetSecretValue'));
  assert.equal(secretReads.length, 1);
  assert.match(JSON.stringify(secretReads[0].Resource), /DatabaseMcpLogin/);
  assert.ok(!statements.some((s: any) => ([] as string[]).concat(s.Action).some((a: string) => a.startsWith('ssm:') || a.startsWith('s3:'))));
});
