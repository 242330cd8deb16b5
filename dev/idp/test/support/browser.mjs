import crypto from 'node:crypto';

// What a browser does for the sign-in flow, by hand: keep cookies, follow redirects one by one.
export class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a)) || value === '';
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name) {
    return this.#cookies.has(name);
  }
}

export async function browse(jar, url, init = {}) {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { accept: 'text/html', ...init.headers, cookie: jar.header() },
  });
  jar.store(response);
  return response;
}

export function pkcePair() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export const randomValue = () => crypto.randomBytes(12).toString('base64url');

export const uniqueEmail = (label) => `${label}-${crypto.randomUUID()}@example.test`;

export const PORTAL = {
  clientId: 'autri-portal',
  clientSecret: 'dev-portal-secret',
  redirectUri: 'http://127.0.0.1:5080/signin-oidc',
  postLogoutUri: 'http://127.0.0.1:5080/signed-out',
};

export function formAction(html) {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no form on page:\n${html}`);
  return match[1].replaceAll('&amp;', '&');
}

export function authorizeUrl(baseUrl, { state, nonce, challenge, scope = 'openid email profile' }) {
  const url = new URL('/auth', baseUrl);
  url.search = new URLSearchParams({
    client_id: PORTAL.clientId,
    response_type: 'code',
    redirect_uri: PORTAL.redirectUri,
    scope,
    state,
    nonce,
    ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  }).toString();
  return url.href;
}

// GET /auth, arrive at the login page: returns the page and where its form posts.
export async function openLoginPage(baseUrl, jar, params) {
  const start = await browse(jar, authorizeUrl(baseUrl, params));
  if (start.status !== 303) throw new Error(`/auth answered ${start.status}: ${await start.text()}`);
  const loginUrl = new URL(start.headers.get('location'), baseUrl).href;
  const page = await browse(jar, loginUrl);
  return { page, html: await page.text(), loginUrl };
}

export async function submitLogin(baseUrl, jar, action, email, password) {
  return browse(jar, new URL(action, baseUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

// Follows redirects at the IdP until it sends the browser back to the portal.
export async function followToPortal(baseUrl, jar, response) {
  let current = response;
  for (let hop = 0; hop < 10; hop += 1) {
    const location = current.headers.get('location');
    if (!location) throw new Error(`expected a redirect, got ${current.status}: ${await current.text()}`);
    const target = new URL(location, baseUrl);
    if (target.origin !== baseUrl) return target;
    current = await browse(jar, target.href);
  }
  throw new Error('too many redirects');
}

// The whole sign-in as the portal drives it; returns the callback URL and the PKCE verifier.
export async function signIn(baseUrl, { email, password = 'autri-demo', jar = new CookieJar(), scope } = {}) {
  const { verifier, challenge } = pkcePair();
  const state = randomValue();
  const nonce = randomValue();
  const { html } = await openLoginPage(baseUrl, jar, { state, nonce, challenge, scope });
  const posted = await submitLogin(baseUrl, jar, formAction(html), email, password);
  const callback = await followToPortal(baseUrl, jar, posted);
  return { callback, verifier, state, nonce, jar };
}

export async function redeemCode(baseUrl, code, verifier, extra = {}) {
  const response = await fetch(new URL('/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: PORTAL.redirectUri,
      client_id: PORTAL.clientId,
      client_secret: PORTAL.clientSecret,
      ...(verifier ? { code_verifier: verifier } : {}),
      ...extra,
    }).toString(),
  });
  return { status: response.status, body: await response.json() };
}
