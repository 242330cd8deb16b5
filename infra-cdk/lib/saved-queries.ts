import * as fs from 'fs';
import * as path from 'path';

/** Logical log group names the query files use; configuration maps them to real groups. */
export const LOGICAL_LOG_GROUPS = ['portal', 'mcp', 'triggers'] as const;
export type LogicalLogGroup = (typeof LOGICAL_LOG_GROUPS)[number];

/** One `ops/queries/<slug>.logsql` file (format: ops/queries/README.md). */
export interface SavedQuery {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly logGroups: readonly LogicalLogGroup[];
  readonly defaultRange: string;
  readonly chart: string;
  readonly query: string;
}

const REQUIRED_KEYS = ['slug', 'title', 'description', 'logGroups', 'defaultRange', 'chart'] as const;
const RANGES = new Set(['15m', '1h', '6h', '24h', '7d']);
const CHARTS = new Set(['timeseries', 'bar', 'table']);

/** Reads every `.logsql` file in `dir`, sorted by name. Throws naming the file and the problem. */
export function readSavedQueries(dir: string): SavedQuery[] {
  if (!fs.existsSync(dir)) throw new Error(`Saved queries folder not found: ${dir}`);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.logsql')).sort();
  if (files.length === 0) throw new Error(`No .logsql files in ${dir}`);
  return files.map((file) => parseSavedQuery(file, fs.readFileSync(path.join(dir, file), 'utf8')));
}

export function parseSavedQuery(fileName: string, text: string): SavedQuery {
  const fail = (why: string): never => {
    throw new Error(`Saved query ${fileName}: ${why}`);
  };
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) return fail('expected a front-matter block between --- lines, then the query');
  const meta = new Map<string, string>();
  for (const line of match[1].split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 1) fail(`front-matter line is not "key: value": ${line}`);
    meta.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  for (const key of REQUIRED_KEYS) if (!meta.get(key)) fail(`missing front-matter key "${key}"`);

  const slug = meta.get('slug')!;
  if (!/^[a-z0-9-]+$/.test(slug)) fail(`slug "${slug}" must match [a-z0-9-]+`);
  if (`${slug}.logsql` !== fileName) fail(`slug "${slug}" must equal the file name without .logsql`);
  const logGroups = meta.get('logGroups')!.split(',').map((g) => g.trim());
  for (const group of logGroups) {
    if (!(LOGICAL_LOG_GROUPS as readonly string[]).includes(group)) {
      fail(`unknown log group "${group}" (known: ${LOGICAL_LOG_GROUPS.join(', ')})`);
    }
  }
  if (!RANGES.has(meta.get('defaultRange')!)) fail(`defaultRange must be one of ${[...RANGES].join(', ')}`);
  if (!CHARTS.has(meta.get('chart')!)) fail(`chart must be one of ${[...CHARTS].join(', ')}`);
  const query = match[2].trim();
  if (query === '') fail('the query text is empty');

  return {
    slug,
    title: meta.get('title')!,
    description: meta.get('description')!,
    logGroups: logGroups as LogicalLogGroup[],
    defaultRange: meta.get('defaultRange')!,
    chart: meta.get('chart')!,
    query,
  };
}
