import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { triggersBuild } from '../lib/paths';
import { currentSourceHash, ensurePublished } from '../lib/trigger-code/publish';
import { referencedProjects } from '../lib/trigger-code/sources';
import { exampleApp, resourcesOfType } from './support/example-app';
import { fakePublisher, miniBuild, miniRepo, tempDir, writeIn } from './support/mini-repo';

const quiet = () => {};

/** A copy of `root` at another absolute path, as another checkout of the same commit. */
function checkoutElsewhere(root: string, names: readonly string[] = fs.readdirSync(root)): string {
  const copy = tempDir('autri-other-checkout-');
  for (const name of names) {
    fs.cpSync(path.join(root, name), path.join(copy, name), {
      recursive: true,
      filter: (source) => !['bin', 'obj'].includes(path.basename(source)),
    });
  }
  return copy;
}

test('Two checkouts of the same sources at different paths get the same hash', () => {
  const here = miniRepo();
  const there = checkoutElsewhere(here);
  const { publish } = fakePublisher();

  const a = ensurePublished(miniBuild(here), publish, quiet);
  const b = ensurePublished(miniBuild(there), publish, quiet);

  assert.notEqual(a.dir, b.dir);
  assert.equal(a.hash, b.hash);
  assert.match(a.hash, /^[0-9a-f]{64}$/);
});

test('The hash changes with a source\'s content or name', () => {
  const root = miniRepo();
  const build = miniBuild(root);
  const before = currentSourceHash(build);

  writeIn(root, 'Core/Rules/Rule.cs', 'class Rule { }');
  const edited = currentSourceHash(build);
  fs.renameSync(path.join(root, 'Core', 'Rules', 'Rule.cs'), path.join(root, 'Core', 'Rules', 'Renamed.cs'));
  const renamed = currentSourceHash(build);

  assert.equal(new Set([before, edited, renamed]).size, 3);
});

test('The real trigger sources hash the same from a copy of the checkout at another path', () => {
  const root = triggersBuild.repoRoot;
  const projects = referencedProjects(triggersBuild.project).map((p) => path.basename(path.dirname(p)));
  const names = [...projects, ...fs.readdirSync(root).filter((n) => /^Directory\..*\.props$/.test(n))];
  const copy = checkoutElsewhere(root, names);

  const elsewhere = currentSourceHash({
    project: path.join(copy, path.relative(root, triggersBuild.project)),
    repoRoot: copy,
    publishDir: path.join(copy, 'infra-cdk', '.build', 'triggers'),
  });

  assert.equal(elsewhere, currentSourceHash(triggersBuild));
});

test('The Lambda asset is named by the code\'s hash, not by the folder or the path its build embeds', () => {
  // Like a real publish: the assembly holds the absolute path it was built at (its PDB path).
  const publishedAt = () => {
    const dir = tempDir('autri-published-');
    writeIn(dir, 'App.dll', `MZ... ${path.join(dir, 'obj', 'App.pdb')}`);
    return dir;
  };
  const s3Keys = (dir: string, hash: string) => {
    const functions = resourcesOfType(exampleApp('beta', { triggersCode: { dir, hash } }).template('compute'), 'AWS::Lambda::Function');
    return [...new Set(functions.map(([, fn]) => fn.Properties.Code.S3Key))];
  };
  const hash = 'a'.repeat(64);
  const [here, there] = [publishedAt(), publishedAt()];
  assert.notEqual(fs.readFileSync(path.join(here, 'App.dll'), 'utf8'), fs.readFileSync(path.join(there, 'App.dll'), 'utf8'));

  const [key] = s3Keys(here, hash);

  assert.deepEqual(s3Keys(there, hash), [key], 'both functions share one asset, the same from either checkout');
  assert.notEqual(s3Keys(here, 'b'.repeat(64))[0], key, 'other sources, another asset');
  assert.ok(!key.includes('autri-published-'), key);
});
