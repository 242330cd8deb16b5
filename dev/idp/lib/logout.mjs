import { logoutPage } from './views.mjs';

// RP-initiated logout without a confirmation page when the request proves which session it ends.
//
// oidc-provider always renders `logoutSource` (a form to POST to /session/end/confirm) and its
// maintainer's advice is a self-submitting form; that needs inline script, which our CSP forbids.
// So when the id_token_hint is valid (oidc-provider has verified its signature and audience before
// calling us) and names the signed-in person, we end the session right here, doing what the
// confirm step does for `logout=yes`, and answer 303 to the post_logout_redirect_uri.
// Without such a hint the person gets a plain "Sign out" button page, as the spec asks.
export function createLogoutSource(cookieOptions) {
  return async function logoutSource(ctx, form) {
    const hint = ctx.oidc.entities.IdTokenHint;
    const { session } = ctx.oidc;
    if (hint && session.accountId && hint.payload.sub === session.accountId) {
      await endSessionNow(ctx, cookieOptions);
      return;
    }
    ctx.type = 'html';
    ctx.body = logoutPage({ form, host: ctx.host });
  };
}

async function endSessionNow(ctx, cookieOptions) {
  const { provider, session } = ctx.oidc;
  const { state } = session;

  for (const [clientId, { grantId }] of Object.entries(session.authorizations ?? {})) {
    if (grantId && !session.authorizationFor(clientId).persistsLogout) {
      await revokeGrant(provider, grantId);
    }
  }
  await session.destroy();
  ctx.cookies.set(provider.cookieName('session'), null, cookieOptions);

  provider.emit('end_session.success', ctx);
  redirectAfterLogout(ctx, state);
}

// When nobody is signed in, oidc-provider answers with an auto-posting form (inline script).
// Nothing is left to end, so this middleware swaps that page for the redirect it would lead to.
export function createSignedOutRedirect(cookieOptions) {
  return async function signedOutRedirect(ctx, next) {
    await next();
    if (ctx._matchedRouteName !== 'end_session' || ctx.status !== 200) return;
    const { provider, session } = ctx.oidc;
    if (!session || session.accountId || !session.state) return;

    const { state } = session;
    await session.destroy();
    ctx.cookies.set(provider.cookieName('session'), null, cookieOptions);
    provider.emit('end_session.success', ctx);
    redirectAfterLogout(ctx, state);
  };
}

function redirectAfterLogout(ctx, state) {
  let target;
  if (state.postLogoutRedirectUri) {
    const url = new URL(state.postLogoutRedirectUri);
    if (state.state != null) url.searchParams.set('state', state.state);
    target = url.href;
  } else {
    target = ctx.oidc.urlFor('end_session_success');
  }
  ctx.status = 303;
  ctx.redirect(target);
}

// Same effect as oidc-provider's internal revoke(): drop the grant and every token issued under it.
async function revokeGrant(provider, grantId) {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
  provider.emit('grant.revoked', undefined, grantId);
}
