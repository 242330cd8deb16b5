import assert from 'node:assert/strict';
import { test } from 'node:test';

import { jwtVerify } from 'jose';

import {
  CookieJar, PORTAL, formAction, openLoginPage, pkcePair, randomValue, redeemCode, signIn, submitLogin, uniqueEmail,
} from './support/browser.mjs';
import { idpForFile } from './support/idp-process.mjs';

const idp = idpForFile();

const portalAuth = `Basic ${Buffer.from(`${PORTAL.clientId}:${PORTAL.clientSecret}`).toString('base64')}`;

function account(id, { method = 'GET', body, authorization = portalAuth } = {}) {
  return fetch(new URL(`/admin/accounts/${encodeURIComponent(id)}`, idp.baseUrl), {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
}

async function idTokenOf(email) {
  const { callback, verifier } = await signIn(idp.baseUrl, { email });
  const { body } = await redeemCode(idp.baseUrl, callback.searchParams.get('code'), verifier);
  return (await jwtVerify(body.id_token, idp.jwks, { issuer: idp.baseUrl, audience: PORTAL.clientId })).payload;
}

test('The portal reads a listed account by email and by sub: enabled, verified, with its groups', async () => {
  const byEmail = await account('admin@autri.test');
  assert.equal(byEmail.status, 200);
  assert.equal(byEmail.headers.get('cache-control'), 'no-store');
  const state = await byEmail.json();
  assert.deepEqual(state, {
    sub: state.sub, email: 'admin@autri.test', enabled: true, emailVerified: true, groups: ['admins'],
  });

  const bySub = await account(state.sub);
  assert.equal(bySub.status, 200);
  assert.deepEqual(await bySub.json(), state);
});

test('Someone who signed in once is known by their sub; an account nobody used is not found', async () => {
  const email = uniqueEmail('seen');
  const { sub } = await idTokenOf(email);

  const seen = await account(sub);
  assert.equal(seen.status, 200);
  assert.deepEqual(await seen.json(), { sub, email, enabled: true, emailVerified: true, groups: [] });

  const unknown = await account(uniqueEmail('never'));
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).error, 'not_found');
  assert.equal((await account('00000000-0000-5000-8000-000000000000')).status, 404);
});

test('Only the portal client may use the admin API', async () => {
  for (const authorization of [null, `Basic ${Buffer.from(`${PORTAL.clientId}:wrong`).toString('base64')}`, 'Bearer dev-registration-token']) {
    const res = await account('admin@autri.test', { authorization });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate'), /^Basic /);
    assert.equal((await res.json()).error, 'invalid_client');
  }
  const change = await account('admin@autri.test', { method: 'PATCH', body: { groups: [] }, authorization: null });
  assert.equal(change.status, 401);
  assert.deepEqual((await (await account('admin@autri.test')).json()).groups, ['admins']);
});

test('Groups changed by the admin API are what the next id_token says, and what the API reads back', async () => {
  const email = uniqueEmail('promoted');
  const promoted = await account(email, { method: 'PATCH', body: { groups: ['admins'] } });
  assert.equal(promoted.status, 200);
  assert.deepEqual((await promoted.json()).groups, ['admins']);
  assert.deepEqual((await idTokenOf(email))['cognito:groups'], ['admins']);

  const demoted = await account(email, { method: 'PATCH', body: { groups: [] } });
  assert.deepEqual((await demoted.json()).groups, []);
  assert.equal((await idTokenOf(email))['cognito:groups'], undefined);
  assert.deepEqual((await (await account(email)).json()).groups, []);
});

test('A disabled account is refused at the login form and reads as disabled', async () => {
  const email = uniqueEmail('disabled');
  await idTokenOf(email);
  const disabled = await account(email, { method: 'PATCH', body: { enabled: false } });
  assert.equal((await disabled.json()).enabled, false);

  const jar = new CookieJar();
  const { verifier, challenge } = pkcePair();
  assert.ok(verifier);
  const { html } = await openLoginPage(idp.baseUrl, jar, { state: randomValue(), nonce: randomValue(), challenge });
  const posted = await submitLogin(idp.baseUrl, jar, formAction(html), email, 'autri-demo');
  assert.equal(posted.status, 403);
  assert.match(await posted.text(), /This account is disabled/);

  const enabled = await account(email, { method: 'PATCH', body: { enabled: true } });
  assert.equal((await enabled.json()).enabled, true);
  assert.equal((await idTokenOf(email)).email, email);
});

test('email_verified follows the admin API, so the portal can be shown an unverified email', async () => {
  const email = uniqueEmail('unverified');
  await account(email, { method: 'PATCH', body: { emailVerified: false } });

  assert.equal((await idTokenOf(email)).email_verified, false);
});

test('Bad changes are refused with the reason and change nothing', async () => {
  const email = uniqueEmail('bad');
  await idTokenOf(email);
  for (const [body, reason] of [
    [{ groups: 'admins' }, /invalid value for: groups/],
    [{ enabled: 'no' }, /invalid value for: enabled/],
    [{ role: 'admin' }, /unknown field\(s\): role/],
    [[], /expected a JSON object/],
    ['not json', /expected a JSON object/],
  ]) {
    const res = await account(email, { method: 'PATCH', body });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match((await res.json()).error_description, reason);
  }
  assert.deepEqual(await (await account(email)).json(), {
    sub: (await idTokenOf(email)).sub, email, enabled: true, emailVerified: true, groups: [],
  });
  assert.equal((await account(email, { method: 'DELETE' })).status, 405);
});

test('Account state survives a restart with the same data folder', async () => {
  const email = uniqueEmail('kept');
  await account(email, { method: 'PATCH', body: { groups: ['admins'], enabled: false } });
  await idp.restart();

  const state = await (await account(email)).json();
  assert.deepEqual([state.groups, state.enabled], [['admins'], false]);
});
