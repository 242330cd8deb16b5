import crypto from 'node:crypto';
import path from 'node:path';

import { readJsonFile, writeJsonFileAtomic } from './json-file.mjs';

// Signing key (RSA 2048, RS256) and cookie-signing keys: generated on first start, reused after,
// so tokens and sessions issued before a restart still verify.
export function loadOrCreateKeys(dataDir) {
  const file = path.join(dataDir, 'keys.json');
  const existing = readJsonFile(file);
  if (existing) return { ...existing, created: false };

  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = thumbprint(jwk);
  const keys = {
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
    cookieKeys: [crypto.randomBytes(32).toString('base64url')],
  };
  writeJsonFileAtomic(file, keys);
  return { ...keys, created: true };
}

// RFC 7638 JWK thumbprint of the public part: a stable, meaningful key id.
function thumbprint({ e, kty, n }) {
  return crypto.createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
}
