import { createIdp } from './lib/app.mjs';
import * as log from './lib/log.mjs';
import { readSettings } from './lib/settings.mjs';

const settings = readSettings();
// Each start step says when it ended, so a start that never answers shows how far it got.
const began = performance.now();
log.info('starting', `Dev IdP starting on port ${settings.port}`, { port: settings.port });
const { provider, keysCreated } = createIdp(settings);
log.info('created', 'Dev IdP configured', { ms: Math.round(performance.now() - began), signingKey: keysCreated ? 'generated' : 'loaded' });

const server = provider.listen(settings.port, settings.host, () => {
  log.info('started', `Dev IdP listening at ${settings.issuer}`, {
    issuer: settings.issuer,
    port: settings.port,
    dataDir: settings.dataDir,
    signingKey: keysCreated ? 'generated' : 'loaded',
    openSignup: settings.openSignup,
    ms: Math.round(performance.now() - began),
  });
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  log.info('stopping', `Received ${signal}, closing`, { signal });
  server.close(() => {
    log.info('stopped', 'Dev IdP stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  // Browsers hold keep-alive connections open; do not wait on them forever.
  setTimeout(() => {
    server.closeAllConnections();
  }, 2000).unref();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
