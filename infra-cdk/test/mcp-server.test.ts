import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { CloudFrontFunction, renderJoin, unsignedJwt } from './support/cloudfront-function';
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

test('The JWT authorizer trusts the portal issuer\'s discovery and tokens whose audience is the MCP endpoint', () => {
  const jwt = runtime().AuthorizerConfiguration.CustomJWTAuthorizer;
  assert.equal(jwt.DiscoveryUrl, 'https://app.example.com/.well-known/openid-configuration');
  assert.deepEqual(jwt.AllowedAudience, ['https://mcp.example.com/mcp']);
  // Clients register themselves at run time; the MCP server checks the scope (mcp.invoke) itself.
  assert.equal(jwt.AllowedClients, undefined);
  assert.equal(jwt.AllowedScopes, undefined);
});

test('The authorizer, the MCP server and the portal agree on the issuer and the resource', () => {
  const jwt = runtime().AuthorizerConfiguration.CustomJWTAuthorizer;
  const mcp = runtime().EnvironmentVariables;
  const [, task] = resourcesOfType(t, 'AWS::ECS::TaskDefinition')[0];
  const portal = Object.fromEntries(task.Properties.ContainerDefinitions[0].Environment.map((e: any) => [e.Name, e.Value]));
  // Portal:PublicUrl is the issuer (no trailing slash); Portal:McpEndpoint is the aud of its tokens.
  assert.equal(mcp.Mcp__PortalIssuer, portal.Portal__PublicUrl);
  assert.equal(jwt.DiscoveryUrl, `${portal.Portal__PublicUrl}/.well-known/openid-configuration`);
  assert.deepEqual(jwt.AllowedAudience, [portal.Portal__McpEndpoint]);
  assert.equal(`${mcp.Mcp__ResourceUrl}/mcp`, portal.Portal__McpEndpoint);
});

test('The Authorization header reaches the container', () => {
  assert.deepEqual(runtime().RequestHeaderConfiguration, { RequestHeaderAllowlist: ['Authorization'] });
});

test('The container learns how to validate tokens and reach the database (keys: deploy-contract.test.ts)', () => {
  const env = runtime().EnvironmentVariables;
  assert.equal(env.Mcp__PortalIssuer, 'https://app.example.com');
  assert.equal(env.Mcp__ResourceUrl, 'https://mcp.example.com');
  // Cognito tokens never get past the authorizer, so the server is not told to trust them.
  assert.equal(env.Mcp__ClientCredentialsIssuer, undefined);
  assert.equal(env.Mcp__Issuer, undefined);
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

/** The deployed code of the viewer-request function, the runtime ARN filled in. */
function deployedFunction(): CloudFrontFunction {
  const [, distribution] = resourcesOfType(t, 'AWS::CloudFront::Distribution')[0];
  const association = distribution.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations
    .find((a: any) => a.EventType === 'viewer-request');
  const [, fn] = resourcesOfType(t, 'AWS::CloudFront::Function')
    .find(([id]) => id === association.FunctionARN['Fn::GetAtt'][0])!;
  assert.equal(fn.Properties.FunctionConfig.Runtime, 'cloudfront-js-2.0');
  assert.equal(fn.Properties.AutoPublish, true);
  return new CloudFrontFunction(renderJoin(fn.Properties.FunctionCode, { AgentRuntimeArn: ARN }));
}

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/autri_beta_mcp-AbCdEf1234';

test('The deployed request function serves discovery for mcp.<domain>/mcp naming the portal, and the runtime ARN', () => {
  t.resourceCountIs('AWS::CloudFront::Function', 1);
  const edge = deployedFunction();
  const refused = edge.viewerRequest('POST', '/mcp');
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.headers['www-authenticate'].value,
    'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="mcp.invoke offline_access"');
  const metadata = JSON.parse(edge.viewerRequest('GET', '/.well-known/oauth-protected-resource/mcp').body.data);
  assert.equal(metadata.resource, 'https://mcp.example.com/mcp');
  assert.deepEqual(metadata.authorization_servers, ['https://app.example.com']);
  const token = unsignedJwt({ iss: 'https://app.example.com', aud: 'https://mcp.example.com/mcp', exp: Math.floor(Date.now() / 1000) + 600 });
  assert.equal(edge.viewerRequest('POST', '/mcp', { authorization: `Bearer ${token}` }).uri, `/runtimes/${encodeURIComponent(ARN)}/invocations`);
  // A Cognito token (an OAuth-client connector's) is turned back at the edge with the way to connect.
  const cognito = unsignedJwt({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool', scope: 'https://mcp.example.com/mcp.invoke', exp: Math.floor(Date.now() / 1000) + 600 });
  const cognitoRefused = edge.viewerRequest('POST', '/mcp', { authorization: `Bearer ${cognito}` });
  assert.equal(cognitoRefused.statusCode, 401);
  assert.match(cognitoRefused.headers['www-authenticate'].value, /oauth-protected-resource\/mcp".*error="invalid_token"/);
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
