import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { infraRoot, repoRoot } from '../lib/paths';

const docs = path.join(repoRoot, 'docs', 'operators');
const read = (file: string) => fs.readFileSync(file, 'utf8');

test('Every AWS CLI command the install scripts run has its IAM action in the operator documents', () => {
  const listed = read(path.join(docs, 'iam-permissions.md'));
  const scripts = fs.readdirSync(path.join(infraRoot, 'scripts')).filter((f) => f.endsWith('.sh'));
  const pascal = (kebab: string) => kebab.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  // An AWS CLI command is `aws <service> <operation-in-kebab-case>`; these have an IAM action of another name.
  const renamed: Record<string, string> = { 'ecr:GetLoginPassword': 'ecr:GetAuthorizationToken' };
  const actions = new Set<string>();
  for (const script of scripts) {
    for (const [, service, command] of read(path.join(infraRoot, 'scripts', script)).matchAll(/\baws ([a-z0-9]+) ([a-z]+(?:-[a-z0-9]+)+)/g)) {
      const action = `${service}:${pascal(command)}`;
      actions.add(renamed[action] ?? action);
    }
  }
  assert.ok(actions.size >= 10, [...actions].join(', '));
  const missing = [...actions].filter((a) => !listed.includes(`\`${a}\``)).sort();
  assert.deepEqual(missing, [], 'add these to docs/operators/iam-permissions.md');
});

test('The operator documents\' index lists every document, and every relative link resolves', () => {
  const files = fs.readdirSync(docs).filter((f) => f.endsWith('.md'));
  const index = read(path.join(docs, 'README.md'));
  for (const file of files.filter((f) => f !== 'README.md')) assert.ok(index.includes(`](${file})`), `README.md does not list ${file}`);
  for (const file of files) {
    for (const [, target] of read(path.join(docs, file)).matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      assert.ok(fs.existsSync(path.join(docs, target)), `${file} links to ${target}, which does not exist`);
    }
  }
});
