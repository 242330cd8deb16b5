import * as log from './log.mjs';
import { readForm } from './form-body.mjs';
import { consentPage, loginPage } from './views.mjs';
import { DEMO_PASSWORD } from './accounts.mjs';

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/;

// Our login and consent pages at oidc-provider's interaction URL (/interaction/<uid>).
export function createInteractions({ provider, directory, settings }) {
  async function details(ctx, uid) {
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    if (interaction.uid !== uid) ctx.throw(400, 'interaction mismatch: start the sign-in again');
    return interaction;
  }

  function renderLogin(ctx, uid, { email = '', error } = {}) {
    ctx.type = 'html';
    ctx.body = loginPage({
      action: `/interaction/${uid}/login`,
      abortUrl: `/interaction/${uid}/abort`,
      email,
      error,
      accounts: directory.listed(),
      demoPassword: directory.allUseDemoPassword() ? DEMO_PASSWORD : undefined,
      openSignup: settings.openSignup,
    });
  }

  async function finish(ctx, result, mergeWithLastSubmission) {
    const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission });
    ctx.status = 303;
    ctx.redirect(redirectTo);
  }

  const handlers = {
    async show(ctx, uid) {
      const { prompt, params } = await details(ctx, uid);
      if (prompt.name === 'login') {
        renderLogin(ctx, uid, { email: params.login_hint });
        return;
      }
      if (prompt.name === 'consent') {
        const client = await provider.Client.find(params.client_id);
        ctx.type = 'html';
        ctx.body = consentPage({
          action: `/interaction/${uid}/confirm`,
          abortUrl: `/interaction/${uid}/abort`,
          clientName: client?.clientName ?? params.client_id,
          scopes: String(params.scope ?? '').split(' ').filter(Boolean),
        });
        return;
      }
      ctx.throw(501, `prompt ${prompt.name} is not supported`);
    },

    async login(ctx, uid) {
      const { prompt, params } = await details(ctx, uid);
      if (prompt.name !== 'login') ctx.throw(400, 'this sign-in step is already done');
      const form = await readForm(ctx.req);
      const email = form.get('email') ?? '';
      const profile = directory.authenticate(email, form.get('password') ?? '');
      if (!profile) {
        log.info('login.failed', 'Sign-in refused: wrong email or password', { clientId: params.client_id });
        ctx.status = 401;
        renderLogin(ctx, uid, { email, error: 'Wrong email or password. Check both and try again.' });
        return;
      }
      if (!profile.enabled) {
        // As Cognito does for a disabled user: the password was right, the account may not sign in.
        log.info('login.refused', 'Sign-in refused: the account is disabled', { clientId: params.client_id, sub: profile.sub });
        ctx.status = 403;
        renderLogin(ctx, uid, { email, error: 'This account is disabled.' });
        return;
      }
      log.info('login.succeeded', 'Signed in', { clientId: params.client_id, sub: profile.sub });
      await finish(ctx, { login: { accountId: profile.sub } }, false);
    },

    async confirm(ctx, uid) {
      const { prompt, params, session, grantId } = await details(ctx, uid);
      if (prompt.name !== 'consent') ctx.throw(400, 'nothing to allow');
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      await finish(ctx, { consent: { grantId: await grant.save() } }, true);
    },

    async abort(ctx, uid) {
      await details(ctx, uid);
      await finish(ctx, { error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
    },
  };

  return async function interactions(ctx, next) {
    const match = ROUTE.exec(ctx.path);
    if (!match) return next();
    const [, uid, step] = match;
    ctx.set('cache-control', 'no-store');
    if (!step && ctx.method === 'GET') return handlers.show(ctx, uid);
    if (step === 'login' && ctx.method === 'POST') return handlers.login(ctx, uid);
    if (step === 'confirm' && ctx.method === 'POST') return handlers.confirm(ctx, uid);
    if (step === 'abort' && ctx.method === 'GET') return handlers.abort(ctx, uid);
    ctx.throw(405, 'method not allowed');
  };
}
