import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { parseConfig, withContextOverrides } from '../lib/config/load';
import { Names } from '../lib/names';
import { configDir, repoRoot } from '../lib/paths';

const workflow = (name: string) => fs.readFileSync(path.join(repoRoot, '.github', 'workflows', name), 'utf8');
const beta = parseConfig('beta', JSON.parse(fs.readFileSync(path.join(configDir, 'beta.json'), 'utf8')));

test('deploy-mcp builds arm64 and authenticates with OIDC, not stored keys', () => {
  const text = workflow('deploy-mcp.yml');
  assert.match(text, /platforms: linux\/arm64/);
  assert.match(text, /id-token: write/);
  assert.doesNotMatch(text, /aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
  assert.doesNotMatch(text, /^ {4}environment:/m, 'a job environment would change the OIDC subject the role trusts');
});

test('deploy-mcp assumes the role and repository the CDK app creates', () => {
  const text = workflow('deploy-mcp.yml');
  const names = new Names(beta);
  assert.ok(text.includes('role/autri-${{ env.DEPLOY_ENV }}-github-deploy'));
  assert.equal(`${names.base}-github-deploy`, 'autri-beta-github-deploy');
  assert.ok(text.includes('autri-${{ env.DEPLOY_ENV }}-mcp:${{ env.IMAGE_TAG }}'));
  assert.equal(names.mcpRepository, 'autri-beta-mcp');
  assert.ok(text.includes('"autri-${DEPLOY_ENV}-auth-and-compute" --exclusively'));
  assert.equal(names.stack('auth-and-compute'), 'autri-beta-auth-and-compute');
});

test('The image tag deploy-mcp passes is one the config loader accepts', () => {
  const text = workflow('deploy-mcp.yml');
  assert.match(text, /IMAGE_TAG: sha-\$\{\{ github\.sha \}\}/);
  const tag = `sha-${'0123456789abcdef'.repeat(2)}01234567`;
  assert.equal(withContextOverrides(beta, { mcpImageTag: tag }).images.mcpTag, tag);
});

test('infra runs the tests and synthesizes every environment', () => {
  const text = workflow('infra.yml');
  assert.match(text, /run: npm test/);
  assert.match(text, /run: npm run build:triggers/);
  assert.match(text, /npx cdk synth -c env="\$env_name"/);
});
