import assert from 'node:assert/strict';
import { test } from 'node:test';

import { idpForFile } from './support/idp-process.mjs';

const idp = idpForFile();

test('Health check answers ok in plain text', async () => {
  const res = await fetch(`${idp.baseUrl}/healthz`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.equal(await res.text(), 'ok');
});

test('Discovery describes a code-flow provider with S256 PKCE, RS256 and every endpoint the portal uses', async () => {
  const res = await fetch(`${idp.baseUrl}/.well-known/openid-configuration`);
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.issuer, idp.baseUrl);
  for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri',
    'end_session_endpoint', 'registration_endpoint']) {
    assert.ok(doc[endpoint]?.startsWith(`${idp.baseUrl}/`), `${endpoint} is ${doc[endpoint]}`);
  }
  assert.deepEqual(doc.response_types_supported, ['code']);
  assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(doc.id_token_signing_alg_values_supported, ['RS256']);
  assert.deepEqual(doc.token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
  assert.ok(doc.grant_types_supported.includes('client_credentials'));
  assert.ok(doc.scopes_supported.includes('mcp.invoke'));
  for (const claim of ['sub', 'email', 'email_verified', 'name', 'cognito:groups']) {
    assert.ok(doc.claims_supported.includes(claim), `claims_supported lacks ${claim}`);
  }
});

test('JWKS publishes one RSA signing key without its private parts', async () => {
  const res = await fetch(`${idp.baseUrl}/jwks`);
  const { keys } = await res.json();
  assert.equal(keys.length, 1);
  const [key] = keys;
  assert.equal(key.kty, 'RSA');
  assert.equal(key.use, 'sig');
  assert.equal(key.alg, 'RS256');
  assert.ok(key.kid);
  for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[secret], undefined);
  assert.equal(Buffer.from(key.n, 'base64url').length * 8, 2048);
});
