// Server-rendered pages. No script at all: every page works with a plain form post.
const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const html = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => escapes[c]);

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // 'self' serves nothing today; it lets oidc-provider's form_post response mode add its
  // script by hash, the only script it ever sends (our own pages have none).
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function layout(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${html(title)} · Autri dev sign-in</title>
  <link rel="stylesheet" href="/assets/idp.css">
</head>
<body>
  <main>
    <p class="badge">Local development sign-in, not for production</p>
${body}
  </main>
</body>
</html>`;
}

export function loginPage({ action, abortUrl, email, error, accounts, demoPassword, openSignup }) {
  const errorBlock = error
    ? `<p class="error" role="alert" id="login-error">${html(error)}</p>`
    : '';
  const describedBy = error ? ' aria-describedby="login-error"' : '';
  const rows = accounts.map((account) => `
        <li><code>${html(account.email)}</code> · ${html(account.name)}${account.groups.length
    ? ` <span class="groups">groups: ${account.groups.map(html).join(', ')}</span>` : ''}</li>`).join('');
  const passwordHint = demoPassword
    ? `<p>Password for each: <code>${html(demoPassword)}</code></p>` : '';
  const signupHint = openSignup
    ? `<p>Open sign-up is on: any email signs in with <code>${html(demoPassword ?? 'autri-demo')}</code>.</p>` : '';
  return layout('Sign in', `
    <h1>Sign in to Autri</h1>
    ${errorBlock}
    <form method="post" action="${html(action)}">
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required value="${html(email)}"${describedBy}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
      <button type="submit">Sign in</button>
    </form>
    <p><a href="${html(abortUrl)}">Cancel</a></p>
    <section aria-labelledby="demo-accounts">
      <h2 id="demo-accounts">Demo accounts</h2>
      ${passwordHint}
      <ul>${rows}
      </ul>
      ${signupHint}
    </section>`);
}

export function consentPage({ action, abortUrl, clientName, scopes }) {
  const items = scopes.map((scope) => `<li><code>${html(scope)}</code></li>`).join('');
  return layout('Allow access', `
    <h1>Allow ${html(clientName)}?</h1>
    <p>It asks for:</p>
    <ul>${items}</ul>
    <form method="post" action="${html(action)}">
      <button type="submit">Allow</button>
    </form>
    <p><a href="${html(abortUrl)}">Deny</a></p>`);
}

// Shown only when the request cannot prove which session it ends (no valid id_token_hint).
export function logoutPage({ form, host }) {
  return layout('Sign out', `
    <h1>Sign out of ${html(host)}?</h1>
    ${form}
    <button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
    <button type="submit" form="op.logoutForm" class="secondary">Stay signed in here</button>`);
}

export function signedOutPage() {
  return layout('Signed out', `
    <h1>You are signed out</h1>
    <p>You can close this tab.</p>`);
}

export function errorPage(out) {
  const rows = Object.entries(out)
    .map(([key, value]) => `<dt>${html(key)}</dt><dd>${html(value)}</dd>`).join('');
  return layout('Something went wrong', `
    <h1>Something went wrong</h1>
    <dl>${rows}</dl>`);
}
