#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addAutriStacks } from '../lib/autri-app';
import { loadConfig, withContextOverrides } from '../lib/config/load';
import { configDir, savedQueriesDir, triggersBuild } from '../lib/paths';
import { ensurePublished } from '../lib/trigger-code/publish';

const app = new App();
const config = withContextOverrides(
  loadConfig(app.node.tryGetContext('env'), configDir),
  { mcpImageTag: app.node.tryGetContext('mcpImageTag'), portalImageTag: app.node.tryGetContext('portalImageTag') },
);
// Synth packages the real trigger code, published again whenever its sources changed since the last publish.
const triggersCode = ensurePublished(triggersBuild);
addAutriStacks(app, { config, triggersCode, savedQueriesDir, nag: true });
