import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CookieJar, browse, followToPortal, formAction, pkcePair, randomValue, submitLogin, uniqueEmail,
} from './support/browser.mjs';
import { idpForFile } from './support/idp-process.mjs';
import { register } from './support/machine-client.mjs';

const idp = idpForFile();

const redirectUri = 'http://127.0.0.1:5999/callback';

async function registerWebClient() {
  const { status, body } = await register(idp.baseUrl, {
    client_name: 'Some other app',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'client_secret_post',
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

async function startSignIn(clientId, jar) {
  const url = new URL('/auth', idp.baseUrl);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email',
    state: randomValue(),
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'S256',
  }).toString();
  const start = await browse(jar, url.href);
  const login = await browse(jar, new URL(start.headers.get('location'), idp.baseUrl).href);
  const loggedIn = await submitLogin(idp.baseUrl, jar, formAction(await login.text()), uniqueEmail('consent'), 'autri-demo');
  const resumed = await browse(jar, new URL(loggedIn.headers.get('location'), idp.baseUrl).href);
  assert.equal(resumed.status, 303);
  const consentUrl = new URL(resumed.headers.get('location'), idp.baseUrl);
  assert.match(consentUrl.pathname, /^\/interaction\//);
  const consent = await browse(jar, consentUrl.href);
  return { consentHtml: await consent.text(), consentUrl };
}

test('Another client than the portal must be allowed on a consent page, then gets its code', async () => {
  const client = await registerWebClient();
  const jar = new CookieJar();
  const { consentHtml } = await startSignIn(client.client_id, jar);
  assert.match(consentHtml, /<h1>Allow Some other app\?<\/h1>/);
  assert.match(consentHtml, /<code>email<\/code>/);

  const allowed = await browse(jar, new URL(formAction(consentHtml), idp.baseUrl).href, { method: 'POST' });
  const callback = await followToPortal(idp.baseUrl, jar, allowed);
  assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
  assert.ok(callback.searchParams.get('code'));
});

test('Denying on the consent page sends access_denied back to the client', async () => {
  const client = await registerWebClient();
  const jar = new CookieJar();
  const { consentUrl } = await startSignIn(client.client_id, jar);
  const denied = await browse(jar, `${consentUrl.href}/abort`);
  const callback = await followToPortal(idp.baseUrl, jar, denied);
  assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
  assert.equal(callback.searchParams.get('error'), 'access_denied');
});
