import fs from 'node:fs';
import path from 'node:path';

import * as log from './log.mjs';
import { CONTENT_SECURITY_POLICY, errorPage } from './views.mjs';
import { idpRoot } from './settings.mjs';

const stylesheet = fs.readFileSync(path.join(idpRoot, 'assets', 'idp.css'));

// Outermost middleware: security headers, one log line per request, and an error page for
// anything our own routes throw (oidc-provider's routes render their own errors).
export async function frame(ctx, next) {
  const started = process.hrtime.bigint();
  ctx.set('content-security-policy', CONTENT_SECURITY_POLICY);
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  try {
    await next();
  } catch (err) {
    const status = err.status ?? err.statusCode ?? 500;
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = errorPage(status >= 500 || !err.expose
      ? { error: 'server_error', error_description: 'unexpected error' }
      : { error: err.error ?? 'invalid_request', error_description: err.error_description ?? err.message });
    if (status >= 500) log.error('server_error', err.message, { stack: err.stack });
  } finally {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Path only: query strings carry codes, states and id_token_hints.
    log.info('http.request', `${ctx.method} ${ctx.path} ${ctx.status}`, {
      method: ctx.method, path: ctx.path, status: ctx.status, durationMs: Math.round(ms * 10) / 10,
    });
  }
}

export async function plainRoutes(ctx, next) {
  if (ctx.method === 'GET' && ctx.path === '/healthz') {
    ctx.type = 'text/plain';
    ctx.body = 'ok';
    return;
  }
  if (ctx.method === 'GET' && ctx.path === '/favicon.ico') {
    ctx.status = 204; // browsers ask for it on every page; we have none
    return;
  }
  if (ctx.method === 'GET' && ctx.path === '/assets/idp.css') {
    ctx.type = 'text/css';
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = stylesheet;
    return;
  }
  await next();
}
