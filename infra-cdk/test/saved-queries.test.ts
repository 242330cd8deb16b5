import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedQueriesDir } from '../lib/paths';
import { parseSavedQuery, readSavedQueries } from '../lib/saved-queries';

const valid = [
  '---',
  'slug: error-rate',
  'title: Error rate',
  'description: Errors per bin.',
  'logGroups: portal, mcp',
  'defaultRange: 6h',
  'chart: timeseries',
  '---',
  'fields @timestamp',
  '| stats count(*) by bin(5m)',
  '',
].join('\n');

test('The repository\'s saved queries all parse, each with known log groups', () => {
  const queries = readSavedQueries(savedQueriesDir);
  assert.ok(queries.length >= 6);
  const slugs = queries.map((q) => q.slug);
  for (const expected of ['error-rate', 'top-errors', 'mcp-tool-calls']) assert.ok(slugs.includes(expected), expected);
  for (const q of queries) {
    assert.ok(q.query.length > 0);
    assert.ok(!q.query.startsWith('---'));
  }
});

test('A query file is split into front matter and query text', () => {
  const q = parseSavedQuery('error-rate.logsql', valid);
  assert.equal(q.title, 'Error rate');
  assert.deepEqual(q.logGroups, ['portal', 'mcp']);
  assert.equal(q.query, 'fields @timestamp\n| stats count(*) by bin(5m)');
});

test('A slug that differs from the file name is refused', () => {
  assert.throws(() => parseSavedQuery('other.logsql', valid), /Saved query other\.logsql: slug "error-rate" must equal the file name/);
});

test('An unknown logical log group is refused', () => {
  assert.throws(() => parseSavedQuery('error-rate.logsql', valid.replace('portal, mcp', 'portal, billing')), /unknown log group "billing"/);
});

test('A missing front-matter key is refused by name', () => {
  assert.throws(() => parseSavedQuery('error-rate.logsql', valid.replace('chart: timeseries\n', '')), /missing front-matter key "chart"/);
});

test('A file without front matter is refused', () => {
  assert.throws(() => parseSavedQuery('error-rate.logsql', 'fields @message'), /expected a front-matter block/);
});
