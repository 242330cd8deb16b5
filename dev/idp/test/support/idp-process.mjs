import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

import { createRemoteJWKSet } from 'jose';

const idpRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// A fresh data folder, removed when the test process exits.
export function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autri-idp-test-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The developer's own IDP_* settings must not leak into a test's server.
function baseEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IDP_')));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts `node server.mjs` as a real child process and waits until /healthz answers.
export async function startIdp({ dataDir = tempDataDir(), env = {} } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: idpRoot,
    env: {
      ...baseEnv(),
      IDP_PORT: String(port),
      IDP_DATA_DIR: dataDir,
      IDP_OPEN_SIGNUP: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, exited, () => stderr);
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }

  return {
    baseUrl,
    dataDir,
    port,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// One IdP for a whole test file: started before its tests and stopped after them. The handle fills in once it is up;
// `jwks` verifies the tokens it signs.
export function idpForFile(options = {}) {
  const handle = {};
  const start = async (more) => {
    Object.assign(handle, await startIdp({ ...options, ...more }));
    handle.jwks = createRemoteJWKSet(new URL('/jwks', handle.baseUrl));
  };
  // Stops it and starts it again on the same data folder (on a new port).
  handle.restart = async () => { await handle.stop(); await start({ dataDir: handle.dataDir }); };
  before(() => start());
  after(async () => { await handle.stop(); });
  return handle;
}

async function waitForHealth(baseUrl, exited, stderr) {
  let done = false;
  exited.then(() => { done = true; });
  // Generous: a first start generates an RSA key, and CI machines can be busy.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (done) throw new Error(`dev IdP exited before it was healthy:\n${stderr()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok && (await res.text()) === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  throw new Error(`dev IdP did not become healthy in time:\n${stderr()}`);
}
