import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';

import { decodeProtectedHeader, jwtVerify } from 'jose';

import { idpForFile } from './support/idp-process.mjs';
import {
  MCP_RESOURCE, clientCredentials, connectorMetadata, register,
} from './support/machine-client.mjs';

const idp = idpForFile();

const credentialsOf = (body) => ({ clientId: body.client_id, clientSecret: body.client_secret });

test('Registration without the initial access token is refused with 401', async () => {
  const missing = await register(idp.baseUrl, connectorMetadata(), null);
  assert.equal(missing.status, 401);
  assert.equal(missing.body.error, 'invalid_token');

  const wrong = await register(idp.baseUrl, connectorMetadata(), 'not-the-token');
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, 'invalid_token');
});

test('Registration with the initial access token returns a machine client with its connector_id', async () => {
  const connectorId = crypto.randomUUID();
  const { status, body } = await register(idp.baseUrl, connectorMetadata(connectorId));
  assert.equal(status, 201, JSON.stringify(body));
  assert.ok(body.client_id);
  assert.ok(body.client_secret);
  assert.ok(body.registration_access_token);
  assert.equal(body.registration_client_uri, `${idp.baseUrl}/reg/${body.client_id}`);
  assert.deepEqual(body.grant_types, ['client_credentials']);
  assert.equal(body.token_endpoint_auth_method, 'client_secret_basic');
  assert.equal(body.connector_id, connectorId);
});

test('Registration rejects a connector_id that is not a UUID', async () => {
  const { status, body } = await register(idp.baseUrl, connectorMetadata('not-a-uuid'));
  assert.equal(status, 400);
  assert.equal(body.error, 'invalid_client_metadata');
});

test('client_credentials with scope mcp.invoke and no resource gives an RS256 JWT for the MCP server', async () => {
  const connectorId = crypto.randomUUID();
  const { body: client } = await register(idp.baseUrl, connectorMetadata(connectorId));
  const { status, body } = await clientCredentials(idp.baseUrl, credentialsOf(client));
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 3600);
  assert.equal(body.scope, 'mcp.invoke');

  const header = decodeProtectedHeader(body.access_token);
  assert.equal(header.alg, 'RS256');
  assert.equal(header.typ, 'at+jwt');
  const { payload } = await jwtVerify(body.access_token, idp.jwks, {
    issuer: idp.baseUrl,
    audience: MCP_RESOURCE,
    algorithms: ['RS256'],
    typ: 'at+jwt',
  });
  assert.ok(payload.scope.split(' ').includes('mcp.invoke'));
  assert.equal(payload.client_id, client.client_id);
  assert.equal(payload.sub, client.client_id);
  assert.equal(payload.connector_id, connectorId);
  assert.equal(payload.token_use, 'access');
  assert.ok(payload.jti);
  assert.equal(payload.exp - payload.iat, 3600);
});

test('client_credentials without a scope gets mcp.invoke, as Cognito grants the allowed scopes', async () => {
  const { body: client } = await register(idp.baseUrl, connectorMetadata());
  const { status, body } = await clientCredentials(idp.baseUrl, credentialsOf(client), {});
  assert.equal(status, 200);
  assert.equal(body.scope, 'mcp.invoke');
  const { payload } = await jwtVerify(body.access_token, idp.jwks, { issuer: idp.baseUrl, audience: MCP_RESOURCE });
  assert.equal(payload.scope, 'mcp.invoke');
});

test('A client registered with client_secret_post gets its token with the secret in the body', async () => {
  const { body: client } = await register(idp.baseUrl, connectorMetadata(undefined, {
    token_endpoint_auth_method: 'client_secret_post',
  }));
  const res = await fetch(new URL('/token', idp.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'mcp.invoke',
      client_id: client.client_id,
      client_secret: client.client_secret,
    }).toString(),
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).scope, 'mcp.invoke');
});

test('A client registered without connector_id gets a token without that claim', async () => {
  const metadata = connectorMetadata();
  delete metadata.connector_id;
  const { body: client } = await register(idp.baseUrl, metadata);
  const { body } = await clientCredentials(idp.baseUrl, credentialsOf(client));
  const { payload } = await jwtVerify(body.access_token, idp.jwks, { issuer: idp.baseUrl, audience: MCP_RESOURCE });
  assert.equal(payload.connector_id, undefined);
  assert.equal(payload.token_use, 'access');
});

test('A wrong client secret is refused with invalid_client', async () => {
  const { body: client } = await register(idp.baseUrl, connectorMetadata());
  const { status, body } = await clientCredentials(idp.baseUrl, {
    clientId: client.client_id, clientSecret: 'wrong',
  });
  assert.equal(status, 401);
  assert.equal(body.error, 'invalid_client');
});

test('A resource other than the MCP server is refused with invalid_target', async () => {
  const { body: client } = await register(idp.baseUrl, connectorMetadata());
  const { status, body } = await clientCredentials(idp.baseUrl, credentialsOf(client), {
    scope: 'mcp.invoke', resource: 'http://127.0.0.1:9999',
  });
  assert.equal(status, 400);
  assert.equal(body.error, 'invalid_target');
});

test('RFC 7592: read with the registration access token, then delete, and the client can no longer get tokens', async () => {
  const connectorId = crypto.randomUUID();
  const { body: client } = await register(idp.baseUrl, connectorMetadata(connectorId));
  const auth = { authorization: `Bearer ${client.registration_access_token}` };

  const read = await fetch(client.registration_client_uri, { headers: auth });
  assert.equal(read.status, 200);
  const metadata = await read.json();
  assert.equal(metadata.client_id, client.client_id);
  assert.equal(metadata.connector_id, connectorId);

  const anonymous = await fetch(client.registration_client_uri);
  assert.equal(anonymous.status, 401);

  assert.equal((await clientCredentials(idp.baseUrl, credentialsOf(client))).status, 200);

  const deleted = await fetch(client.registration_client_uri, { method: 'DELETE', headers: auth });
  assert.equal(deleted.status, 204);

  const after = await clientCredentials(idp.baseUrl, credentialsOf(client));
  assert.equal(after.status, 401);
  assert.equal(after.body.error, 'invalid_client');

  const gone = await fetch(client.registration_client_uri, { headers: auth });
  assert.equal(gone.status, 401);
});

test('The portal client cannot use client_credentials', async () => {
  const { status, body } = await clientCredentials(idp.baseUrl, {
    clientId: 'autri-portal', clientSecret: 'dev-portal-secret',
  });
  assert.equal(status, 400);
  assert.equal(body.error, 'invalid_request');
  assert.match(body.error_description, /grant type is not allowed/);
});
