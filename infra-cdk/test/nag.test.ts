import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { AutriConfig } from '../lib/config/config';
import { customerManagedConfig, exampleApp } from './support/example-app';

interface Violation { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }
interface Report { pluginReports: { pluginName: string; conclusion: string; violations: Violation[] }[] }

/**
 * The whole app with the cdk-nag AwsSolutions pack and CDK's built-in CloudFormation validation, as
 * `cdk synth` runs it: a finding fails synth, so synth must succeed and the report hold no error.
 */
const apps: [string, string, (() => AutriConfig) | undefined][] = [
  ['beta', 'beta', undefined],
  ['dev', 'dev', undefined],
  ['customer-managed beta (with the coordination agent)', 'beta', customerManagedConfig],
];
for (const [name, env, config] of apps) {
  test(`The ${name} app passes cdk-nag AwsSolutions with no unacknowledged finding`, () => {
    const { app, outdir } = exampleApp(env, { nag: true, config: config?.() });
    assert.doesNotThrow(() => app.synth(), 'synth failed: see validation-report.json');
    const report: Report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    // A plugin with nothing to report is left out of the report; any listed one must have passed.
    const errors = report.pluginReports.flatMap((p) => p.violations)
      .filter((v) => v.severity === 'error' || v.severity === 'fatal')
      .map((v) => `${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
    assert.deepEqual(errors, []);
    for (const plugin of report.pluginReports) assert.equal(plugin.conclusion, 'success', plugin.pluginName);
  });
}

test('A nag finding fails synth (the pack really runs on the app)', () => {
  const { app, stacks, outdir } = exampleApp('beta', { nag: true });
  new s3.Bucket(stacks.data, 'UnloggedBucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  assert.throws(() => app.synth(), /Validation failed/);
  const report: Report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!;
  assert.equal(nag.conclusion, 'failure');
  assert.deepEqual(nag.violations.map((v) => [v.ruleName, v.violatingConstructs[0].constructPath]),
    [['AwsSolutions-S1', 'autri-beta-network-and-data/UnloggedBucket/Resource']]);
});

test('Every acknowledged rule carries a reason', () => {
  const { app } = exampleApp('beta');
  const acknowledged: string[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) {
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        const rule = key.replace(/^[A-Za-z-]+::/, ''); // stored as "Annotation::AwsSolutions-S1"
        if (!rule.startsWith('AwsSolutions-')) continue; // CDK's own acknowledgements
        assert.ok(reason.length > 30, `${construct.node.path}: ${rule} has no real reason`);
        acknowledged.push(rule);
      }
    }
  }
  assert.ok(acknowledged.length > 20, `found ${acknowledged.length} acknowledgements`);
});
