import * as log from './log.mjs';

const errorEvents = [
  'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error',
  'end_session_confirm.error', 'registration_create.error', 'registration_read.error',
  'registration_update.error', 'registration_delete.error', 'discovery.error', 'jwks.error',
];

// Turn oidc-provider's events into log lines. Only identifiers and OAuth error codes are logged:
// never token values, secrets, codes or the request's query string.
export function logProviderEvents(provider) {
  provider.on('server_error', (_ctx, err) => {
    log.error('server_error', err.message, { stack: err.stack });
  });
  for (const event of errorEvents) {
    provider.on(event, (ctx, err) => {
      log.warn(event, err.error_description ?? err.message, {
        error: err.error, clientId: ctx?.oidc?.client?.clientId,
      });
    });
  }
  provider.on('authorization.success', (ctx) => {
    log.info('authorization.success', 'Authorization code issued', { clientId: ctx.oidc.client?.clientId });
  });
  provider.on('grant.success', (ctx) => {
    log.info('grant.success', 'Tokens issued', {
      clientId: ctx.oidc.client?.clientId, grantType: ctx.oidc.params?.grant_type,
    });
  });
  provider.on('end_session.success', (ctx) => {
    log.info('end_session.success', 'Session ended', { clientId: ctx?.oidc?.client?.clientId });
  });
  provider.on('registration_create.success', (_ctx, client) => {
    log.info('registration_create.success', 'Client registered', {
      clientId: client.clientId, connectorId: client.connector_id,
    });
  });
  provider.on('registration_update.success', (_ctx, client) => {
    log.info('registration_update.success', 'Client updated', { clientId: client.clientId });
  });
  provider.on('registration_delete.success', (_ctx, client) => {
    log.info('registration_delete.success', 'Client deleted', { clientId: client.clientId });
  });
}
