import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { diagramFiles, diagramSource, sha256 } from '../lib/diagram';
import { exampleApp } from './support/example-app';

const regenerate = 'run `npm run diagram` in infra-cdk and commit docs/operators/architecture/';

test('The committed architecture diagram is the one the app draws today', () => {
  const example = exampleApp('beta');
  example.app.synth();
  const source = diagramSource(path.join(example.outdir, 'tree.json'));
  for (const stack of Object.values(example.stacks)) assert.match(source, new RegExp(`label = "${stack.stackName}"`));
  assert.equal(fs.readFileSync(diagramFiles.dot, 'utf8'), source, `the diagram is stale: ${regenerate}`);
});

test('The committed PNG was drawn from the committed source', () => {
  const source = fs.readFileSync(diagramFiles.dot, 'utf8');
  assert.equal(fs.readFileSync(diagramFiles.pngSource, 'utf8').trim(), sha256(source), `the PNG is older than its source: ${regenerate}`);
  const png = fs.readFileSync(diagramFiles.png);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
});
