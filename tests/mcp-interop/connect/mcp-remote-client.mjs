// mcp-remote (pinned in package.json) in OAuth mode, no header: a stdio MCP client (the official SDK's) starts it as
// Claude Desktop would, mcp-remote follows the server's 401 to the portal, registers, and asks a browser to open the
// authorization URL; BROWSER is browser.sh, so the URL lands in a file and the .NET test drives Chromium there.
// Environment: MCP_URL, MCP_QUERY, MCP_EXPECT_TITLE, MCP_REMOTE_CALLBACK_PORT.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ask, env } from './driver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const configDir = mkdtempSync(path.join(tmpdir(), 'autri-mcp-remote-'));
const browserLog = path.join(configDir, 'browser-urls.txt');
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [path.join(here, '..', 'node_modules', 'mcp-remote', 'dist', 'proxy.js'), env('MCP_URL'), env('MCP_REMOTE_CALLBACK_PORT')],
  env: { ...process.env, MCP_REMOTE_CONFIG_DIR: configDir, BROWSER: path.join(here, 'browser.sh'), AUTRI_BROWSER_LOG: browserLog },
  stderr: 'pipe',
});
let log = '';
transport.stderr.on('data', (chunk) => (log += chunk));
process.on('exit', (code) => code !== 0 && process.stderr.write(`mcp-remote said:\n${log}\n`));

const client = new Client({ name: 'autri-mcp-remote-test', version: '1.0.0' });
// mcp-remote answers initialize only once it is connected upstream, i.e. after the sign-in.
const connecting = client.connect(transport);

async function browserUrl() {
  for (let i = 0; i < 600; i++) {
    if (existsSync(browserLog)) return readFileSync(browserLog, 'utf8').trim().split('\n')[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('mcp-remote never asked a browser to open a URL');
}
const authorizationUrl = new URL(await browserUrl());
assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
assert.equal(authorizationUrl.searchParams.get('redirect_uri'), `http://localhost:${env('MCP_REMOTE_CALLBACK_PORT')}/oauth/callback`);
await ask('authorize', { url: authorizationUrl.href, client_id: authorizationUrl.searchParams.get('client_id') });
await connecting;

const { tools } = await client.listTools();
assert.deepEqual(tools.map((t) => t.name).sort(), ['get_document', 'list_documents', 'search_documents']);
const result = await client.callTool({ name: 'search_documents', arguments: { query: env('MCP_QUERY'), limit: 5 } });
assert.notEqual(result.isError, true, JSON.stringify(result));
assert.equal(result.structuredContent.results[0].title, env('MCP_EXPECT_TITLE'));

// It registered itself (RFC 7591) with one of the methods discovery offers; 0.15.1 prefers a public client.
const stored = readdirSync(configDir, { recursive: true }).find((f) => String(f).endsWith('_client_info.json'));
assert.ok(stored, `mcp-remote kept no client information in ${configDir}`);
const registered = JSON.parse(readFileSync(path.join(configDir, String(stored)), 'utf8'));
assert.equal(registered.client_id, authorizationUrl.searchParams.get('client_id'));
assert.ok(['none', 'client_secret_post', 'client_secret_basic'].includes(registered.token_endpoint_auth_method));
console.log(`mcp-remote registered as ${registered.token_endpoint_auth_method}`);

await client.close();
process.exit(0);
