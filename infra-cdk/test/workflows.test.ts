import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig, withContextOverrides } from '../lib/config/load';
import { Names } from '../lib/names';
import { configDir, repoRoot } from '../lib/paths';

const read = (...parts: string[]) => fs.readFileSync(path.join(repoRoot, ...parts), 'utf8');
const workflow = (name: string) => read('.github', 'workflows', name);
const beta = parseConfig('beta', JSON.parse(fs.readFileSync(path.join(configDir, 'beta.json'), 'utf8')));
const names = new Names(beta);
const deployWorkflows = ['deploy-mcp.yml', 'deploy-portal.yml', 'deploy-triggers.yml'];

for (const name of deployWorkflows) {
  test(`${name} authenticates with OIDC through the deploy-role action, not stored keys`, () => {
    const text = workflow(name);
    assert.match(text, /id-token: write/);
    assert.doesNotMatch(text, /aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
    assert.doesNotMatch(text, /^ {4}environment:/m, 'a job environment would change the OIDC subject the role trusts');
    assert.match(text, /uses: \.\/\.github\/actions\/deploy-role/);
  });

  test(`${name} deploys through deploy-compute.sh, one deploy at a time per environment`, () => {
    const doc = parse(workflow(name));
    const deploy = doc.jobs.deploy;
    assert.deepEqual(deploy.concurrency, { group: "deploy-compute-${{ inputs.environment || 'beta' }}", 'cancel-in-progress': false });
    const step = deploy.steps.find((s: any) => typeof s.run === 'string' && s.run.includes('scripts/deploy-compute.sh'));
    assert.ok(step, 'a step runs scripts/deploy-compute.sh');
    assert.equal(step['working-directory'], 'infra-cdk');
    assert.match(step.run, /npm run build:triggers/);
  });
}

test('The deploy-role action assumes the role the CDK app creates', () => {
  const text = read('.github', 'actions', 'deploy-role', 'action.yml');
  assert.ok(text.includes('role/autri-${{ inputs.environment }}-github-deploy'));
  assert.equal(`${names.base}-github-deploy`, 'autri-beta-github-deploy');
});

test('deploy-compute.sh deploys the stack the app names', () => {
  assert.ok(read('infra-cdk', 'scripts', 'deploy-compute.sh').includes('stack="autri-${env_name}-auth-and-compute"'));
  assert.equal(names.stack('auth-and-compute'), 'autri-beta-auth-and-compute');
});

for (const [name, image, tagVariable, repository] of [
  ['deploy-mcp.yml', 'mcp', 'MCP_IMAGE_TAG', names.mcpRepository],
  ['deploy-portal.yml', 'portal', 'PORTAL_IMAGE_TAG', names.portalRepository],
] as const) {
  test(`${name} pushes an arm64 ${image} image under an immutable sha tag and deploys that tag`, () => {
    const doc = parse(workflow(name));
    assert.equal(doc.env.IMAGE_TAG, 'sha-${{ github.sha }}');
    const build = doc.jobs.image.steps.find((s: any) => String(s.uses).startsWith('docker/build-push-action@'));
    assert.equal(build.with.platforms, 'linux/arm64');
    assert.equal(build.with.tags, `\${{ steps.ecr.outputs.registry }}/autri-\${{ env.DEPLOY_ENV }}-${image}:\${{ env.IMAGE_TAG }}`);
    assert.equal(repository, `autri-beta-${image}`);
    assert.deepEqual(doc.jobs.deploy.needs, 'image');
    const step = doc.jobs.deploy.steps.find((s: any) => s.env?.[tagVariable]);
    assert.equal(step.env[tagVariable], '${{ env.IMAGE_TAG }}');
  });
}

test('The image tags the workflows pass are ones the config loader accepts', () => {
  const tag = `sha-${'0123456789abcdef'.repeat(2)}01234567`;
  const images = withContextOverrides(beta, { mcpImageTag: tag, portalImageTag: tag }).images;
  assert.deepEqual(images, { mcpTag: tag, portalTag: tag });
});

test('deploy-portal smoke-tests /readyz through the public URL after the deploy', () => {
  const steps: any[] = parse(workflow('deploy-portal.yml')).jobs.deploy.steps;
  const deployAt = steps.findIndex((s) => String(s.run).includes('scripts/deploy-compute.sh'));
  const smokeAt = steps.findIndex((s) => String(s.run).includes('/readyz'));
  assert.ok(smokeAt > deployAt, 'the smoke test runs after the deploy');
  assert.match(steps[smokeAt].run, /https:\/\/\$\{\{ steps\.aws\.outputs\.app-domain \}\}\/readyz/);
  assert.match(steps[smokeAt].run, /test "\$body" = "ready"/);
});

test('infra runs the tests and synthesizes every environment', () => {
  const text = workflow('infra.yml');
  assert.match(text, /run: npm test/);
  assert.match(text, /run: npm run build:triggers/);
  assert.match(text, /npx cdk synth -c env="\$env_name"/);
});
