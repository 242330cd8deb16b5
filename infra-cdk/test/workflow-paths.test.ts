import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { infraRoot, repoRoot } from '../lib/paths';
import { referencedProjects } from '../lib/trigger-code/sources';
import { dockerfileCopySources, filterCovers, readWorkflow, workflowProblems } from './support/workflow-check';

const workflowsDir = path.join(repoRoot, '.github', 'workflows');
const workflowFiles = fs.readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(workflowsDir, f));
const fixture = (name: string) => path.join(infraRoot, 'test', 'fixtures', 'workflows', name);

test('Every workflow names only paths that exist: filters, working directories, build contexts, Dockerfiles, COPY sources', () => {
  assert.ok(workflowFiles.length >= 4, `expected the workflows in ${workflowsDir}`);
  const problems = workflowFiles.flatMap((file) => workflowProblems(readWorkflow(file), repoRoot));
  assert.deepEqual(problems, []);
});

test('The check catches the deploy-mcp workflow as it was: a filter and a context on a folder that never existed', () => {
  const problems = workflowProblems(readWorkflow(fixture('deploy-mcp-before-fix.yml')), repoRoot);
  assert.deepEqual(problems, [
    'deploy-mcp-before-fix.yml: path filter "mcp-servers/doc-search/**" names nothing in the repository',
    'deploy-mcp-before-fix.yml: job deploy: docker build context "mcp-servers/doc-search" does not exist',
  ]);
});

/** Each image workflow, the project its image (or package) is built from, and the workflow's own file. */
const deployables = [
  { workflow: 'deploy-mcp.yml', project: 'Autri.Mcp/Autri.Mcp.csproj', dockerfile: 'Autri.Mcp/Dockerfile' },
  { workflow: 'deploy-portal.yml', project: 'Autri.Portal/Autri.Portal.csproj', dockerfile: 'Autri.Portal/Dockerfile' },
  { workflow: 'deploy-triggers.yml', project: 'Autri.Triggers/Autri.Triggers.csproj', dockerfile: undefined },
];

for (const { workflow, project, dockerfile } of deployables) {
  test(`${workflow} runs on a push to anything its deployable is built from`, () => {
    const w = readWorkflow(path.join(workflowsDir, workflow));
    const folders = referencedProjects(path.join(repoRoot, project)).map((csproj) => path.relative(repoRoot, path.dirname(csproj)));
    const needed = [...folders, 'Directory.Build.props', 'Directory.Packages.props', `.github/workflows/${workflow}`];
    if (dockerfile) {
      const build = w.dockerBuilds.find((b) => b.dockerfile === dockerfile);
      assert.ok(build, `${workflow} builds ${dockerfile}`);
      assert.equal(build.context, '.', 'the Dockerfiles copy from the repository root');
      // Whatever the image copies (ops/queries for the portal) changes the image too.
      needed.push(...dockerfileCopySources(fs.readFileSync(path.join(repoRoot, dockerfile), 'utf8')).map((s) => s.replace(/\/$/, '')));
    }
    const missing = [...new Set(needed)].filter((p) => !filterCovers(w.pushPaths, p));
    assert.deepEqual(missing, [], `${workflow} push.paths does not cover these`);
  });
}

test('COPY sources are read from the context, not from build stages or URLs', () => {
  const sources = dockerfileCopySources([
    'COPY a.props b.props ./',
    'COPY --chown=app:app src/ \\',
    '     /src/',
    'COPY --from=build /app ./',
    'ADD ["with space/x", "/y"]',
  ].join('\n'));
  assert.deepEqual(sources, ['a.props', 'b.props', 'src/', 'with space/x']);
});
