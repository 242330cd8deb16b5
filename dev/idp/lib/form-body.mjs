const LIMIT = 64 * 1024;

async function readBody(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > LIMIT) {
      const err = new Error('request body too large');
      err.status = 413;
      err.expose = true;
      throw err;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// Reads an application/x-www-form-urlencoded body (our own forms only post small fields).
export async function readForm(req) {
  return new URLSearchParams(await readBody(req));
}

// Reads a small JSON body (the admin API); undefined when it is not JSON.
export async function readJson(req) {
  try {
    return JSON.parse(await readBody(req));
  } catch (err) {
    if (err.status) throw err;
    return undefined;
  }
}
