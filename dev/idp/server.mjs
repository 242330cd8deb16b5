import { createIdp } from './lib/app.mjs';
import * as log from './lib/log.mjs';
import { readSettings } from './lib/settings.mjs';

const settings = readSettings();
const { provider, keysCreated } = createIdp(settings);

const server = provider.listen(settings.port, settings.host, () => {
  log.info('started', `Dev IdP listening at ${settings.issuer}`, {
    issuer: settings.issuer,
    port: settings.port,
    dataDir: settings.dataDir,
    signingKey: keysCreated ? 'generated' : 'loaded',
    openSignup: settings.openSignup,
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
