// One JSON object per line on stdout, so the portal's local Logs Insights engine can read it.
// Callers pass only safe fields: never tokens, secrets, passwords or query strings.
export function log(level, event, message, fields = {}) {
  const entry = {
    time: new Date().toISOString(),
    level,
    logger: 'idp',
    message,
    event,
    ...fields,
  };
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

export const info = (event, message, fields) => log('info', event, message, fields);
export const warn = (event, message, fields) => log('warn', event, message, fields);
export const error = (event, message, fields) => log('error', event, message, fields);
