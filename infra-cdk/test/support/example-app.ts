import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addAutriStacks, type AutriStacks } from '../../lib/autri-app';
import type { AutriConfig } from '../../lib/config/config';
import { loadConfig, parseConfig } from '../../lib/config/load';
import { configDir, infraRoot, savedQueriesDir } from '../../lib/paths';
import type { TriggerCode } from '../../lib/trigger-code/publish';
import { sourceHash } from '../../lib/trigger-code/sources';

/** Tests package this tiny folder instead of the real `dotnet publish` output, named by its contents. */
export const triggersFixtureDir = path.join(infraRoot, 'test', 'fixtures', 'triggers');
export const triggersFixture: TriggerCode = {
  dir: triggersFixtureDir,
  hash: sourceHash(fs.readdirSync(triggersFixtureDir).map((f) => path.join(triggersFixtureDir, f)), triggersFixtureDir),
};

export interface ExampleApp {
  readonly app: App;
  readonly config: AutriConfig;
  readonly stacks: AutriStacks;
  readonly outdir: string;
  template(stack: keyof AutriStacks): Template;
}

/**
 * Builds the app from `config/<env>.json` (or the given config) into a fresh folder. Per-stack tests
 * skip cdk-nag and CDK's built-in CloudFormation validation to stay fast; nag.test.ts runs both.
 */
export function exampleApp(env: string, options: { nag?: boolean; config?: AutriConfig; triggersCode?: TriggerCode } = {}): ExampleApp {
  const nag = options.nag ?? false;
  if (nag) delete process.env.CDK_VALIDATION;
  else process.env.CDK_VALIDATION = 'false';
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `autri-cdk-${env}-`));
  const app = new App({ outdir });
  const config = options.config ?? loadConfig(env, configDir);
  const stacks = addAutriStacks(app, { config, triggersCode: options.triggersCode ?? triggersFixture, savedQueriesDir, nag });
  const templates = new Map<string, Template>();
  return {
    app,
    config,
    stacks,
    outdir,
    template(stack) {
      if (!templates.has(stack)) templates.set(stack, Template.fromStack(stacks[stack]));
      return templates.get(stack)!;
    },
  };
}

/** The example config with some values replaced, for tests of one configuration switch. */
export function exampleConfig(env: string, change: (raw: Record<string, any>) => void): AutriConfig {
  const raw = JSON.parse(fs.readFileSync(path.join(configDir, `${env}.json`), 'utf8'));
  change(raw);
  return parseConfig(env, raw);
}

/** beta as a customer-managed deployment: the coordination agent and the portal's agent API are deployed. */
export function customerManagedConfig(): AutriConfig {
  return exampleConfig('beta', (raw) => {
    raw.customerManaged = {
      enabled: true,
      coordinationUrl: 'https://coordination.vendor.example',
      channel: 'beta',
      sendCounts: false,
      agentSecretName: 'autri/beta/agent-issue',
    };
  });
}

/** Resources of one type in a template, as [logicalId, resource] pairs. */
export function resourcesOfType(template: Template, type: string): [string, any][] {
  return Object.entries(template.findResources(type));
}
