import fs from 'node:fs';

import Provider from 'oidc-provider';

import { createAccountDirectory, loadAccounts } from './accounts.mjs';
import { createAdminApi } from './admin-api.mjs';
import { logProviderEvents } from './events.mjs';
import { frame, plainRoutes } from './http.mjs';
import { createInteractions } from './interactions.mjs';
import { loadOrCreateKeys } from './keys.mjs';
import { createSignedOutRedirect } from './logout.mjs';
import { COOKIE_OPTIONS, providerConfiguration } from './provider-config.mjs';

// Builds the dev IdP: an oidc-provider instance (itself a Koa app) with our routes in front.
export function createIdp(settings) {
  fs.mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const keys = loadOrCreateKeys(settings.dataDir);
  const directory = createAccountDirectory({
    accounts: loadAccounts(settings.accountsFile),
    openSignup: settings.openSignup,
    dataDir: settings.dataDir,
  });

  const provider = new Provider(settings.issuer, providerConfiguration({ settings, keys, directory }));
  logProviderEvents(provider);

  provider.use(frame);
  provider.use(plainRoutes);
  provider.use(createAdminApi({ directory, settings }));
  provider.use(createSignedOutRedirect(COOKIE_OPTIONS));
  provider.use(createInteractions({ provider, directory, settings }));

  return { provider, keysCreated: keys.created };
}
