import crypto from 'node:crypto';
import path from 'node:path';

import { readJsonFile } from './json-file.mjs';
import { JsonFileStore } from './json-file-store.mjs';

export const DEMO_PASSWORD = 'autri-demo';

// Namespace for name-based (v5) UUIDs of subjects: the same email always gets the same `sub`,
// on every machine and across data folders, like a Cognito user keeps its `sub`.
const SUBJECT_NAMESPACE = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';

export function normalizeEmail(email) {
  return String(email ?? '').trim().toLowerCase();
}

export function isValidEmail(email) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
}

export function subjectFor(email) {
  const namespace = Buffer.from(SUBJECT_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = crypto.createHash('sha1').update(namespace).update(normalizeEmail(email)).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function loadAccounts(file) {
  const content = readJsonFile(file);
  if (!content || !Array.isArray(content.accounts)) {
    throw new Error(`${file} must hold { "accounts": [ { email, name, password, groups } ] }`);
  }
  return content.accounts.map((account, index) => {
    const email = normalizeEmail(account.email);
    if (!isValidEmail(email) || typeof account.password !== 'string' || !account.password) {
      throw new Error(`${file}: account #${index + 1} needs a valid email and a password`);
    }
    return {
      email,
      name: typeof account.name === 'string' && account.name ? account.name : email,
      password: account.password,
      groups: Array.isArray(account.groups) ? account.groups.map(String) : [],
    };
  });
}

function samePassword(given, expected) {
  const a = crypto.createHash('sha256').update(String(given)).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

// What the admin API may change about an account, as Cognito's admin operations do
// (AdminAddUserToGroup/AdminRemoveUserFromGroup, AdminDisableUser, the email_verified attribute).
const STATE_FIELDS = {
  groups: (value) => Array.isArray(value) && value.every((group) => typeof group === 'string' && group.length > 0 && group.length <= 128),
  enabled: (value) => typeof value === 'boolean',
  emailVerified: (value) => typeof value === 'boolean',
};

// Who may sign in, and what the tokens say about them.
export function createAccountDirectory({ accounts, openSignup, dataDir }) {
  const byEmail = new Map(accounts.map((account) => [account.email, account]));
  // sub -> email for every person who signed in, so tokens can be resolved after a restart.
  const subjects = new JsonFileStore(path.join(dataDir, 'subjects.json'));
  // email -> what the admin API changed (groups, enabled, emailVerified); accounts.json holds the rest.
  const states = new JsonFileStore(path.join(dataDir, 'account-state.json'));

  function profileFor(email) {
    const listed = byEmail.get(email);
    const state = states.get(email) ?? {};
    return {
      sub: subjectFor(email),
      email,
      name: listed?.name ?? email,
      groups: state.groups ?? listed?.groups ?? [],
      enabled: state.enabled ?? true,
      emailVerified: state.emailVerified ?? true,
    };
  }

  // An email the IdP knows: listed, signed in before, or given a state by the admin API.
  function isKnown(email) {
    return byEmail.has(email) || subjects.get(subjectFor(email)) === email || states.get(email) !== undefined;
  }

  // The email behind an id the admin API is given: an email, or the `sub` of someone known.
  function emailOf(id) {
    const value = String(id ?? '');
    if (value.includes('@')) return normalizeEmail(value);
    return subjects.get(value) ?? accounts.find((account) => subjectFor(account.email) === value)?.email;
  }

  return {
    listed: () => accounts.map(({ email, name, groups }) => ({ email, name, groups })),
    allUseDemoPassword: () => accounts.every((account) => account.password === DEMO_PASSWORD),

    // Returns the profile on success (check `enabled`), undefined on a wrong email or password.
    authenticate(rawEmail, password) {
      const email = normalizeEmail(rawEmail);
      const listed = byEmail.get(email);
      const ok = listed
        ? samePassword(password, listed.password)
        : openSignup && isValidEmail(email) && samePassword(password, DEMO_PASSWORD);
      if (!ok) return undefined;
      const profile = profileFor(email);
      if (subjects.get(profile.sub) !== email) subjects.set(profile.sub, email);
      return profile;
    },

    findBySubject(sub) {
      const email = subjects.get(sub)
        ?? accounts.find((account) => subjectFor(account.email) === sub)?.email;
      return email ? profileFor(email) : undefined;
    },

    // The account's state for the admin API (by email or sub), undefined when the IdP does not know it.
    state(id) {
      const email = emailOf(id);
      return email && isKnown(email) ? profileFor(email) : undefined;
    },

    // Changes groups, enabled or emailVerified. Returns { profile } or { error } (unknown account, bad field).
    changeState(id, change) {
      const email = emailOf(id);
      if (!email || !isValidEmail(email)) return { error: 'not_found' };
      // With open sign-up any valid email is an account waiting to sign in, so tests can prepare one.
      if (!isKnown(email) && !openSignup) return { error: 'not_found' };
      if (!change || typeof change !== 'object' || Array.isArray(change)) return { error: 'invalid_request', description: 'expected a JSON object' };
      const fields = Object.keys(change);
      const unknown = fields.filter((field) => !(field in STATE_FIELDS));
      if (unknown.length) return { error: 'invalid_request', description: `unknown field(s): ${unknown.join(', ')}` };
      const invalid = fields.filter((field) => !STATE_FIELDS[field](change[field]));
      if (invalid.length) return { error: 'invalid_request', description: `invalid value for: ${invalid.join(', ')}` };
      states.set(email, { ...(states.get(email) ?? {}), ...change });
      return { profile: profileFor(email) };
    },
  };
}

// The claims oidc-provider hands out, named as Cognito names them.
export function oidcAccount(profile) {
  return {
    accountId: profile.sub,
    async claims() {
      return {
        sub: profile.sub,
        email: profile.email,
        email_verified: profile.emailVerified,
        name: profile.name,
        ...(profile.groups.length ? { 'cognito:groups': profile.groups } : {}),
      };
    },
  };
}
