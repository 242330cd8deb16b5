#!/usr/bin/env node
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { addAutriStacks } from '../lib/autri-app';
import { loadConfig, withContextOverrides } from '../lib/config/load';
import { configDir, savedQueriesDir, triggersProject, triggersPublishDir } from '../lib/paths';

const app = new App();
const config = withContextOverrides(
  loadConfig(app.node.tryGetContext('env'), configDir),
  { mcpImageTag: app.node.tryGetContext('mcpImageTag') },
);
ensureTriggersPublished();
addAutriStacks(app, { config, triggersCodeDir: triggersPublishDir, savedQueriesDir, nag: true });

/** Synth packages the real trigger code: publish Autri.Triggers once if `npm run build:triggers` has not. */
function ensureTriggersPublished(): void {
  if (fs.existsSync(path.join(triggersPublishDir, 'Autri.Triggers.dll'))) return;
  process.stderr.write(`Publishing ${triggersProject} to ${triggersPublishDir} (npm run build:triggers)...\n`);
  fs.mkdirSync(triggersPublishDir, { recursive: true });
  execFileSync('dotnet', [
    'publish', triggersProject, '-c', 'Release', '-r', 'linux-arm64', '--self-contained', 'false', '-o', triggersPublishDir,
  ], { stdio: ['ignore', process.stderr, process.stderr] });
}
