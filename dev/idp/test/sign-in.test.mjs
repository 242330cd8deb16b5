import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeProtectedHeader, jwtVerify } from 'jose';

import {
  CookieJar, PORTAL, authorizeUrl, formAction, openLoginPage, pkcePair, randomValue, redeemCode, signIn,
  submitLogin, uniqueEmail,
} from './support/browser.mjs';
import { idpForFile, startIdp } from './support/idp-process.mjs';

const idp = idpForFile();

const verifyIdToken = (token) => jwtVerify(token, idp.jwks, {
  issuer: idp.baseUrl,
  audience: PORTAL.clientId,
  algorithms: ['RS256'],
});

test('Admin signs in with code and PKCE and gets a signed id_token with nonce, email and groups', async () => {
  const { callback, verifier, state, nonce } = await signIn(idp.baseUrl, { email: 'admin@autri.test' });

  assert.equal(`${callback.origin}${callback.pathname}`, PORTAL.redirectUri);
  assert.equal(callback.searchParams.get('state'), state);
  assert.equal(callback.searchParams.get('iss'), idp.baseUrl);
  const code = callback.searchParams.get('code');
  assert.ok(code);

  const { status, body } = await redeemCode(idp.baseUrl, code, verifier);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.token_type, 'Bearer');
  assert.ok(body.access_token);

  assert.equal(decodeProtectedHeader(body.id_token).alg, 'RS256');
  const { payload } = await verifyIdToken(body.id_token);
  assert.equal(payload.nonce, nonce);
  assert.equal(payload.email, 'admin@autri.test');
  assert.equal(payload.email_verified, true);
  assert.equal(payload.name, 'Ada Admin');
  assert.deepEqual(payload['cognito:groups'], ['admins']);
  assert.match(payload.sub, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('Userinfo returns the same Cognito-named claims as the id_token', async () => {
  const { callback, verifier } = await signIn(idp.baseUrl, { email: 'admin@autri.test' });
  const { body } = await redeemCode(idp.baseUrl, callback.searchParams.get('code'), verifier);
  const { payload } = await verifyIdToken(body.id_token);

  const res = await fetch(new URL('/me', idp.baseUrl), {
    headers: { authorization: `Bearer ${body.access_token}` },
  });
  assert.equal(res.status, 200);
  const info = await res.json();
  assert.equal(info.sub, payload.sub);
  assert.equal(info.email, 'admin@autri.test');
  assert.equal(info.email_verified, true);
  assert.equal(info.name, 'Ada Admin');
  assert.deepEqual(info['cognito:groups'], ['admins']);
});

test('The same email always gets the same sub, and a person with no groups gets no groups claim', async () => {
  const email = uniqueEmail('stable');
  const first = await signIn(idp.baseUrl, { email });
  const second = await signIn(idp.baseUrl, { email: email.toUpperCase() });
  const tokens = await Promise.all([first, second].map(async ({ callback, verifier }) => {
    const { body } = await redeemCode(idp.baseUrl, callback.searchParams.get('code'), verifier);
    return (await verifyIdToken(body.id_token)).payload;
  }));
  assert.equal(tokens[0].sub, tokens[1].sub);
  assert.equal(tokens[0].email, email);
  assert.equal(tokens[0]['cognito:groups'], undefined);

  const beta = await signIn(idp.baseUrl, { email: 'beta@autri.test' });
  const { body } = await redeemCode(idp.baseUrl, beta.callback.searchParams.get('code'), beta.verifier);
  const { payload } = await verifyIdToken(body.id_token);
  assert.notEqual(payload.sub, tokens[0].sub);
  assert.equal(payload['cognito:groups'], undefined);
});

test('The login page is an accessible form listing the demo accounts, with no script', async () => {
  const { page, html } = await openLoginPage(idp.baseUrl, new CookieJar(), {
    state: randomValue(), nonce: randomValue(), challenge: pkcePair().challenge,
  });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
  assert.match(html, /<main>/);
  assert.match(html, /<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"/);
  assert.match(html, /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
  assert.match(html, /<button type="submit">Sign in<\/button>/);
  for (const email of ['admin@autri.test', 'beta@autri.test', 'outsider@autri.test']) {
    assert.ok(html.includes(email), `page lists ${email}`);
  }
  assert.doesNotMatch(html, /<script|\son[a-z]+=|style="/i);
  assert.match(html, /<link rel="stylesheet" href="\/assets\/idp.css">/);

  const css = await fetch(new URL('/assets/idp.css', idp.baseUrl));
  assert.equal(css.status, 200);
  assert.match(await css.text(), /:focus-visible/);
});

test('A wrong password shows a clear error and no code is issued', async () => {
  const jar = new CookieJar();
  const { html } = await openLoginPage(idp.baseUrl, jar, {
    state: randomValue(), nonce: randomValue(), challenge: pkcePair().challenge,
  });
  const res = await submitLogin(idp.baseUrl, jar, formAction(html), 'admin@autri.test', 'not-the-password');
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('location'), null);
  const page = await res.text();
  assert.match(page, /role="alert"[^>]*>Wrong email or password/);
  assert.match(page, /value="admin@autri.test"/);
  assert.doesNotMatch(page, /not-the-password/);
});

test('An unknown email with the demo password is refused when open sign-up is off', async () => {
  const closed = await startIdp({ env: { IDP_OPEN_SIGNUP: '0' } });
  try {
    const jar = new CookieJar();
    const { html } = await openLoginPage(closed.baseUrl, jar, {
      state: randomValue(), nonce: randomValue(), challenge: pkcePair().challenge,
    });
    const res = await submitLogin(closed.baseUrl, jar, formAction(html), uniqueEmail('stranger'), 'autri-demo');
    assert.equal(res.status, 401);
  } finally {
    await closed.stop();
  }
});

test('An authorization request without PKCE is rejected', async () => {
  const url = new URL('/auth', idp.baseUrl);
  url.search = new URLSearchParams({
    client_id: PORTAL.clientId,
    response_type: 'code',
    redirect_uri: PORTAL.redirectUri,
    scope: 'openid email profile',
    state: 'xyz',
    nonce: 'n',
  }).toString();
  const res = await fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 303);
  const back = new URL(res.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, PORTAL.redirectUri);
  assert.equal(back.searchParams.get('error'), 'invalid_request');
  assert.match(back.searchParams.get('error_description'), /PKCE/);
  assert.equal(back.searchParams.get('state'), 'xyz');
});

test('A code cannot be redeemed without its code_verifier, nor with a wrong one', async () => {
  const { callback } = await signIn(idp.baseUrl, { email: uniqueEmail('pkce') });
  const code = callback.searchParams.get('code');
  const missing = await redeemCode(idp.baseUrl, code, undefined);
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error, 'invalid_grant');

  const again = await signIn(idp.baseUrl, { email: uniqueEmail('pkce') });
  const wrong = await redeemCode(idp.baseUrl, again.callback.searchParams.get('code'), pkcePair().verifier);
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error, 'invalid_grant');
});

test('The portal may also authenticate at the token endpoint with HTTP Basic', async () => {
  const { callback, verifier } = await signIn(idp.baseUrl, { email: uniqueEmail('basic') });
  const res = await fetch(new URL('/token', idp.baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${PORTAL.clientId}:${PORTAL.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      redirect_uri: PORTAL.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  assert.equal(res.status, 200);
  assert.ok((await res.json()).id_token);
});

test('A second authorization reuses the IdP session: no login page, straight back with a code', async () => {
  const jar = new CookieJar();
  await signIn(idp.baseUrl, { email: 'beta@autri.test', jar });
  const { challenge } = pkcePair();
  const state = randomValue();
  const res = await fetch(authorizeUrl(idp.baseUrl, { state, nonce: randomValue(), challenge }), {
    redirect: 'manual', headers: { cookie: jar.header() },
  });
  assert.equal(res.status, 303);
  const back = new URL(res.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, PORTAL.redirectUri);
  assert.ok(back.searchParams.get('code'));
  assert.equal(back.searchParams.get('state'), state);
});

test('A login link opened without its interaction cookie shows an error page, not a crash', async () => {
  const res = await fetch(new URL('/interaction/stale-uid', idp.baseUrl), { headers: { accept: 'text/html' } });
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /<h1>Something went wrong<\/h1>/);
  assert.match(html, /interaction session id cookie not found/);
});
