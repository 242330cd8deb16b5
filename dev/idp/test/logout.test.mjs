import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CookieJar, PORTAL, authorizeUrl, browse, pkcePair, randomValue, redeemCode, signIn, uniqueEmail,
} from './support/browser.mjs';
import { idpForFile } from './support/idp-process.mjs';

const idp = idpForFile();

async function signedInWithIdToken(email) {
  const jar = new CookieJar();
  const { callback, verifier } = await signIn(idp.baseUrl, { email, jar });
  const { body } = await redeemCode(idp.baseUrl, callback.searchParams.get('code'), verifier);
  return { jar, idToken: body.id_token, accessToken: body.access_token };
}

function endSessionUrl(params) {
  const url = new URL('/session/end', idp.baseUrl);
  url.search = new URLSearchParams(params).toString();
  return url.href;
}

async function landsOnLoginPage(jar) {
  const res = await browse(jar, authorizeUrl(idp.baseUrl, {
    state: randomValue(), nonce: randomValue(), challenge: pkcePair().challenge,
  }));
  assert.equal(res.status, 303);
  return new URL(res.headers.get('location'), idp.baseUrl).pathname.startsWith('/interaction/');
}

test('End session with a valid id_token_hint signs out and redirects straight back with state', async () => {
  const { jar, idToken, accessToken } = await signedInWithIdToken(uniqueEmail('logout'));
  assert.equal(await landsOnLoginPage(jar), false, 'still signed in before logout');

  const res = await browse(jar, endSessionUrl({
    id_token_hint: idToken,
    post_logout_redirect_uri: PORTAL.postLogoutUri,
    state: 'after-logout',
  }));
  assert.equal(res.status, 303);
  const back = new URL(res.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, PORTAL.postLogoutUri);
  assert.equal(back.searchParams.get('state'), 'after-logout');
  assert.equal(jar.has('_session'), false, 'session cookie cleared');

  assert.equal(await landsOnLoginPage(jar), true, 'a new sign-in asks for the password again');
  const userinfo = await fetch(new URL('/me', idp.baseUrl), { headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(userinfo.status, 401, 'tokens of the ended session are revoked');
});

test('End session without an id_token_hint asks with a plain Sign out button, no script', async () => {
  const { jar } = await signedInWithIdToken(uniqueEmail('prompt'));
  const res = await browse(jar, endSessionUrl({ client_id: PORTAL.clientId }));
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out<\/button>/);
  assert.doesNotMatch(html, /<script/i);

  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)[1];
  const confirmed = await browse(jar, new URL('/session/end/confirm', idp.baseUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
  });
  assert.equal(confirmed.status, 303);
  assert.equal(await landsOnLoginPage(jar), true);
});

test('End session when already signed out redirects back without an auto-posting page', async () => {
  const { idToken } = await signedInWithIdToken(uniqueEmail('gone'));
  const res = await browse(new CookieJar(), endSessionUrl({
    id_token_hint: idToken,
    post_logout_redirect_uri: PORTAL.postLogoutUri,
    state: 's1',
  }));
  assert.equal(res.status, 303);
  const back = new URL(res.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, PORTAL.postLogoutUri);
  assert.equal(back.searchParams.get('state'), 's1');
});

test('End session refuses a post_logout_redirect_uri the client did not register', async () => {
  const { jar, idToken } = await signedInWithIdToken(uniqueEmail('evil'));
  const res = await browse(jar, endSessionUrl({
    id_token_hint: idToken,
    post_logout_redirect_uri: 'http://127.0.0.1:6666/elsewhere',
  }));
  assert.equal(res.status, 400);
  assert.equal(await landsOnLoginPage(jar), false, 'the session is untouched');
});

test('An id_token_hint of another person does not end the current session silently', async () => {
  const other = await signedInWithIdToken(uniqueEmail('other'));
  const { jar } = await signedInWithIdToken(uniqueEmail('current'));
  const res = await browse(jar, endSessionUrl({
    id_token_hint: other.idToken,
    post_logout_redirect_uri: PORTAL.postLogoutUri,
  }));
  assert.equal(res.status, 200);
  assert.match(await res.text(), />Sign out<\/button>/);
  assert.equal(await landsOnLoginPage(jar), false);
});
