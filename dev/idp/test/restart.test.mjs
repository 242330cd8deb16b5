import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { createRemoteJWKSet, jwtVerify } from 'jose';

import {
  PORTAL, authorizeUrl, browse, pkcePair, randomValue, redeemCode, signIn,
} from './support/browser.mjs';
import { startIdp, tempDataDir } from './support/idp-process.mjs';
import { clientCredentials, connectorMetadata, register } from './support/machine-client.mjs';

async function jwksOf(baseUrl) {
  return (await fetch(new URL('/jwks', baseUrl))).json();
}

test('Signing keys and registered clients survive a restart with the same data folder', async () => {
  const dataDir = tempDataDir();

  const first = await startIdp({ dataDir });
  let idToken;
  let client;
  let firstKeys;
  try {
    firstKeys = await jwksOf(first.baseUrl);
    const signedIn = await signIn(first.baseUrl, { email: 'admin@autri.test' });
    const { body } = await redeemCode(first.baseUrl, signedIn.callback.searchParams.get('code'), signedIn.verifier);
    idToken = body.id_token;
    client = (await register(first.baseUrl, connectorMetadata())).body;
  } finally {
    const exit = await first.stop();
    assert.equal(exit.code, 0, 'graceful shutdown exits 0');
  }

  assert.ok(fs.existsSync(path.join(dataDir, 'keys.json')));
  assert.ok(fs.existsSync(path.join(dataDir, 'models', 'Client.json')));
  const leftovers = [dataDir, path.join(dataDir, 'models')]
    .flatMap((dir) => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')));
  assert.deepEqual(leftovers, [], 'atomic writes leave no temp files');

  // Same folder, new process, new port (the issuer changes with it, so check keys not issuer).
  const second = await startIdp({ dataDir });
  try {
    assert.deepEqual(await jwksOf(second.baseUrl), firstKeys);
    const jwks = createRemoteJWKSet(new URL('/jwks', second.baseUrl));
    const { payload } = await jwtVerify(idToken, jwks, { audience: PORTAL.clientId });
    assert.equal(payload.email, 'admin@autri.test');

    const token = await clientCredentials(second.baseUrl, {
      clientId: client.client_id, clientSecret: client.client_secret,
    });
    assert.equal(token.status, 200, JSON.stringify(token.body));

    const read = await fetch(new URL(`/reg/${client.client_id}`, second.baseUrl), {
      headers: { authorization: `Bearer ${client.registration_access_token}` },
    });
    assert.equal(read.status, 200);
  } finally {
    await second.stop();
  }
});

test('An IdP session survives a restart: the next sign-in needs no password', async () => {
  const dataDir = tempDataDir();
  const first = await startIdp({ dataDir });
  let jar;
  try {
    ({ jar } = await signIn(first.baseUrl, { email: 'beta@autri.test' }));
  } finally {
    await first.stop();
  }

  // Cookies are bound to the host, not the port, so the jar still applies on the new port.
  const second = await startIdp({ dataDir });
  try {
    const { challenge, verifier } = pkcePair();
    const state = randomValue();
    const res = await browse(jar, authorizeUrl(second.baseUrl, { state, nonce: randomValue(), challenge }));
    assert.equal(res.status, 303);
    const back = new URL(res.headers.get('location'));
    assert.equal(`${back.origin}${back.pathname}`, PORTAL.redirectUri);
    const { status } = await redeemCode(second.baseUrl, back.searchParams.get('code'), verifier);
    assert.equal(status, 200);
  } finally {
    await second.stop();
  }
});
