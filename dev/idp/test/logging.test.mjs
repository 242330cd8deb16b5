import assert from 'node:assert/strict';
import { test } from 'node:test';

import { redeemCode, signIn, uniqueEmail } from './support/browser.mjs';
import { startIdp } from './support/idp-process.mjs';
import { clientCredentials, connectorMetadata, register } from './support/machine-client.mjs';

test('Logs are JSON lines without tokens, secrets or passwords, and SIGTERM stops the server cleanly', async () => {
  const idp = await startIdp();
  const secrets = ['autri-demo', 'dev-portal-secret', 'dev-registration-token'];
  try {
    const { callback, verifier } = await signIn(idp.baseUrl, { email: uniqueEmail('log') });
    const code = callback.searchParams.get('code');
    const { body: tokens } = await redeemCode(idp.baseUrl, code, verifier);
    // A cross-origin call makes oidc-provider consult its CORS policy, whose default prints a notice.
    await fetch(new URL('/me', idp.baseUrl), {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: 'http://127.0.0.1:5080' },
    });
    const { body: client } = await register(idp.baseUrl, connectorMetadata());
    const { body: machine } = await clientCredentials(idp.baseUrl, {
      clientId: client.client_id, clientSecret: client.client_secret,
    });
    secrets.push(code, verifier, tokens.id_token, tokens.access_token, client.client_secret,
      client.registration_access_token, machine.access_token);
  } finally {
    const exit = await idp.stop();
    assert.equal(exit.code, 0);
  }

  const lines = idp.stdout().trim().split('\n');
  const entries = lines.map((line) => JSON.parse(line));
  for (const entry of entries) {
    assert.equal(entry.logger, 'idp');
    assert.ok(['info', 'warn', 'error'].includes(entry.level));
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
    assert.equal(typeof entry.message, 'string');
    assert.equal(typeof entry.event, 'string');
  }
  const events = entries.map((entry) => entry.event);
  for (const event of ['started', 'login.succeeded', 'grant.success', 'registration_create.success', 'stopped']) {
    assert.ok(events.includes(event), `logged ${event}`);
  }
  const output = idp.stdout();
  for (const secret of secrets) {
    assert.equal(output.includes(secret), false, 'a secret or token reached the log');
  }
});
