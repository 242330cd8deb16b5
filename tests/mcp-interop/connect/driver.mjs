// The line protocol between a client program here and the .NET test that runs it (Autri.Portal.Tests/Interop):
// the program writes `@@autri {"step": …}` lines on stdout when it needs the person or the world to act (sign in and
// consent in the browser, let time pass, revoke the connector on the portal), and the test answers each with `ok` on
// stdin once done. Everything else the program prints is diagnostics. Assertions fail the program (exit code 1).
import http from 'node:http';
import readline from 'node:readline';

const answers = [];
readline.createInterface({ input: process.stdin }).on('line', (line) => answers.shift()?.(line));

/** Asks the test to do something and waits until it says it is done. */
export async function ask(step, details = {}) {
  const answer = new Promise((resolve) => answers.push(resolve));
  process.stdout.write(`@@autri ${JSON.stringify({ step, ...details })}\n`);
  const line = await answer;
  if (line !== 'ok') throw new Error(`The test could not do "${step}": ${line}`);
}

export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/** The claims of a JWT, unverified (the MCP server verifies; the program only reads which connector it got). */
export function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/**
 * The app's loopback listener (RFC 8252), as a native client runs one: the browser lands on /callback with the
 * authorization response, which `next()` resolves to.
 */
export async function listenForCallback() {
  let deliver;
  let pending = new Promise((resolve) => (deliver = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('The app received the answer; you can close this tab.');
    deliver(Object.fromEntries(url.searchParams));
    pending = new Promise((resolve) => (deliver = resolve));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    redirectUri: `http://127.0.0.1:${server.address().port}/callback`,
    next: () => pending,
    close: () => server.close(),
  };
}
