import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { triggersBuild } from '../lib/paths';
import { ensurePublished, publishTriggers, stampFile } from '../lib/trigger-code/publish';
import { referencedProjects, triggerSources } from '../lib/trigger-code/sources';
import { fakePublisher, miniBuild, miniRepo, writeIn } from './support/mini-repo';

const quiet = () => {};

/** A miniature repository that synth has published once. */
function publishedOnce() {
  const root = miniRepo();
  const build = miniBuild(root);
  const publisher = fakePublisher();
  ensurePublished(build, publisher.publish, quiet);
  return { root, build, ...publisher };
}

test('The real trigger code is built from Autri.Triggers and the projects it references, not from the test projects', () => {
  const projects = referencedProjects(triggersBuild.project).map((p) => path.basename(p));
  assert.deepEqual(projects.sort(), ['Autri.Domain.csproj', 'Autri.Infra.csproj', 'Autri.Logs.Engine.csproj', 'Autri.Triggers.csproj']);
});

test('The sources are the project, the projects it references at any depth and the root build settings, without output or docs', () => {
  const root = miniRepo();
  const sources = triggerSources(miniBuild(root).project, root).map((f) => path.relative(root, f).split(path.sep).join('/'));
  assert.deepEqual(sources, [
    'App/App.csproj', 'App/Handler.cs',
    'Core/Core.csproj', 'Core/Migrations/0001_init.sql', 'Core/Rules/Rule.cs',
    'Directory.Build.props', 'Directory.Packages.props',
    'Lib/Adapters/Store.cs', 'Lib/Lib.csproj',
  ]);
});

test('Synth publishes when there is no build, then not again while the sources stay the same', () => {
  const root = miniRepo();
  const build = miniBuild(root);
  const { publish, calls } = fakePublisher();
  const logged: string[] = [];

  const first = ensurePublished(build, publish, (line) => logged.push(line));
  const second = ensurePublished(build, publish, quiet);

  assert.equal(calls.length, 1);
  assert.deepEqual(first, second);
  assert.equal(first.dir, build.publishDir);
  assert.match(logged[0], /App\.dll is not there/);
  assert.equal(fs.readFileSync(stampFile(build), 'utf8').trim(), first.hash);
});

test('A source edited after the build, in the project or any project it references, is published before synth packages it', () => {
  const { root, build, publish, calls } = publishedOnce();

  for (const [i, source] of ['App/Handler.cs', 'Lib/Adapters/Store.cs', 'Core/Rules/Rule.cs', 'Core/Core.csproj', 'Directory.Build.props', 'Directory.Packages.props'].entries()) {
    writeIn(root, source, `changed ${i}`);
    const logged: string[] = [];
    const code = ensurePublished(build, publish, (line) => logged.push(line));
    assert.equal(calls.length, i + 2, source);
    assert.match(logged[0], /its sources changed since it was published/);
    assert.equal(fs.readFileSync(path.join(code.dir, 'App.dll'), 'utf8'), `build ${i + 2}`);
  }
});

test('A source file added or deleted is published before synth packages it', () => {
  const { root, build, publish, calls } = publishedOnce();

  writeIn(root, 'Lib/Adapters/Queue.cs', 'class Queue {}');
  ensurePublished(build, publish, quiet);
  fs.rmSync(path.join(root, 'Core', 'Rules', 'Rule.cs'));
  ensurePublished(build, publish, quiet);

  assert.equal(calls.length, 3);
});

test('Build output, docs and unreferenced projects do not make synth publish again', () => {
  const { root, build, publish, calls } = publishedOnce();

  writeIn(root, 'App/obj/project.assets.json', '{"changed": true}');
  writeIn(root, 'Lib/bin/Release/Lib.dll', 'another build');
  writeIn(root, 'App/README.md', '# App, reworded');
  writeIn(root, 'Other/Other.cs', 'class Other { int changed; }');
  ensurePublished(build, publish, quiet);

  assert.equal(calls.length, 1);
});

test('A build with no record of its sources (published by hand or by an older synth) is replaced, leftovers and all', () => {
  const root = miniRepo();
  const build = miniBuild(root);
  writeIn(build.publishDir, 'App.dll', 'built from who knows what');
  writeIn(build.publishDir, 'App.runtimeconfig.json', '{}');
  writeIn(build.publishDir, 'Autri.Infra.runtimeconfig.json', '{}');
  const { publish, calls } = fakePublisher();
  const logged: string[] = [];

  ensurePublished(build, publish, (line) => logged.push(line));

  assert.equal(calls.length, 1);
  assert.match(logged[0], /no record of its sources/);
  assert.deepEqual(fs.readdirSync(build.publishDir).sort(), ['App.dll', 'App.runtimeconfig.json']);
});

test('A build missing the runtime configuration the Lambda bootstrap needs is published again', () => {
  const { build, publish, calls } = publishedOnce();
  fs.rmSync(path.join(build.publishDir, 'App.runtimeconfig.json'));

  ensurePublished(build, publish, quiet);

  assert.equal(calls.length, 2);
});

test('A failed publish is not taken for a current build: the next synth publishes again', () => {
  const { root, build, publish, calls } = publishedOnce();
  writeIn(root, 'App/Handler.cs', 'class Handler { does not compile');

  assert.throws(() => ensurePublished(build, (project, outDir) => {
    writeIn(outDir, 'App.dll', 'half written');
    writeIn(outDir, 'App.runtimeconfig.json', '{}');
    throw new Error(`dotnet publish ${project} failed`);
  }, quiet), /dotnet publish .* failed/);
  assert.equal(fs.existsSync(stampFile(build)), false);

  writeIn(root, 'App/Handler.cs', 'class Handler { fixed }');
  ensurePublished(build, publish, quiet);
  assert.equal(calls.length, 2);
});

test('npm run build:triggers publishes even a current build, and synth then keeps it', () => {
  const { build, publish, calls } = publishedOnce();

  const forced = publishTriggers(build, publish);
  const kept = ensurePublished(build, publish, quiet);

  assert.equal(calls.length, 2);
  assert.deepEqual(kept, forced);
});

test('A publish folder that would contain the repository is refused before anything is deleted', () => {
  const root = miniRepo();
  const { publish, calls } = fakePublisher();

  assert.throws(() => publishTriggers({ ...miniBuild(root), publishDir: root }, publish), /must not contain the repository/);
  assert.equal(calls.length, 0);
  assert.ok(fs.existsSync(path.join(root, 'App', 'App.csproj')));
});
