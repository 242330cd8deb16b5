import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const idpRoot = path.resolve(here, '..');
export const repoRoot = path.resolve(idpRoot, '..', '..');

const list = (value) => value.split(',').map((item) => item.trim()).filter(Boolean);

// Every knob the dev IdP has, read once from the environment (documented in README.md).
export function readSettings(env = process.env) {
  const port = Number.parseInt(env.IDP_PORT ?? '5090', 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`IDP_PORT must be a TCP port number, got: ${env.IDP_PORT}`);
  }
  const issuer = (env.IDP_ISSUER ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  return {
    host: '127.0.0.1',
    port,
    issuer,
    dataDir: path.resolve(env.IDP_DATA_DIR ?? path.join(repoRoot, '.local', 'idp')),
    accountsFile: path.resolve(env.IDP_ACCOUNTS_FILE ?? path.join(idpRoot, 'accounts.json')),
    openSignup: env.IDP_OPEN_SIGNUP === '1',
    registrationToken: env.IDP_REGISTRATION_TOKEN ?? 'dev-registration-token',
    mcpResource: env.IDP_MCP_RESOURCE ?? 'http://127.0.0.1:8000',
    portal: {
      clientId: env.IDP_PORTAL_CLIENT_ID ?? 'autri-portal',
      clientSecret: env.IDP_PORTAL_CLIENT_SECRET ?? 'dev-portal-secret',
      redirectUris: list(env.IDP_PORTAL_REDIRECT_URIS
        ?? 'http://127.0.0.1:5080/signin-oidc,http://localhost:5080/signin-oidc'),
      postLogoutRedirectUris: list(env.IDP_PORTAL_POST_LOGOUT_URIS
        ?? 'http://127.0.0.1:5080/signed-out,http://localhost:5080/signed-out'),
    },
  };
}
