import crypto from 'node:crypto';

import * as log from './log.mjs';
import { readJson } from './form-body.mjs';

const ROUTE = /^\/admin\/accounts\/([^/]+)$/;

function sameSecret(given, expected) {
  const a = crypto.createHash('sha256').update(String(given)).digest();
  const b = crypto.createHash('sha256').update(String(expected)).digest();
  return crypto.timingSafeEqual(a, b);
}

// HTTP Basic with the portal client's id and secret: the only caller allowed.
function isPortal(ctx, portal) {
  const [scheme, encoded] = String(ctx.get('authorization')).split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const id = decodeURIComponent(decoded.slice(0, colon));
  const secret = decodeURIComponent(decoded.slice(colon + 1));
  return sameSecret(id, portal.clientId) && sameSecret(secret, portal.clientSecret);
}

function json(ctx, status, body) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.set('cache-control', 'no-store');
  ctx.body = JSON.stringify(body);
}

function view(profile) {
  const { sub, email, enabled, emailVerified, groups } = profile;
  return { sub, email, enabled, emailVerified, groups };
}

// The account-state API, the local stand-in for Cognito's AdminGetUser/AdminListGroupsForUser (read by the
// portal to re-validate sessions) and its admin changes (used by tests and developers to demote or disable).
//   GET   /admin/accounts/<email or sub>  -> { sub, email, enabled, emailVerified, groups } | 404
//   PATCH /admin/accounts/<email or sub>  { groups?, enabled?, emailVerified? } -> the new state
export function createAdminApi({ directory, settings }) {
  return async function adminApi(ctx, next) {
    const match = ROUTE.exec(ctx.path);
    if (!match) return next();
    if (!isPortal(ctx, settings.portal)) {
      ctx.set('www-authenticate', 'Basic realm="dev-idp-admin"');
      json(ctx, 401, { error: 'invalid_client', error_description: 'the admin API takes the portal client\'s id and secret (HTTP Basic)' });
      return;
    }
    let id;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      json(ctx, 400, { error: 'invalid_request', error_description: 'the account id is not valid percent-encoding' });
      return;
    }

    if (ctx.method === 'GET') {
      const profile = directory.state(id);
      if (!profile) {
        json(ctx, 404, { error: 'not_found', error_description: 'no such account' });
        return;
      }
      log.info('admin.account_read', 'Account state read', { sub: profile.sub });
      json(ctx, 200, view(profile));
      return;
    }

    if (ctx.method === 'PATCH') {
      const change = await readJson(ctx.req);
      const { profile, error, description } = directory.changeState(id, change);
      if (error === 'not_found') {
        json(ctx, 404, { error, error_description: 'no such account' });
        return;
      }
      if (error) {
        json(ctx, 400, { error, error_description: description });
        return;
      }
      log.info('admin.account_changed', 'Account state changed', { sub: profile.sub, fields: Object.keys(change) });
      json(ctx, 200, view(profile));
      return;
    }

    ctx.set('allow', 'GET, PATCH');
    json(ctx, 405, { error: 'invalid_request', error_description: 'method not allowed' });
  };
}
