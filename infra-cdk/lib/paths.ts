import * as fs from 'fs';
import * as path from 'path';
import type { TriggerBuild } from './trigger-code/publish';

/** The infra-cdk folder, found from this file whether it runs from `lib/` or compiled `dist/lib/`. */
export const infraRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'cdk.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cdk.json not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

export const repoRoot = path.resolve(infraRoot, '..');
export const configDir = path.join(infraRoot, 'config');
export const savedQueriesDir = path.join(repoRoot, 'ops', 'queries');
/** The Cognito trigger Lambdas: Autri.Triggers, published into `.build/triggers` by synth or `npm run build:triggers`. */
export const triggersBuild: TriggerBuild = {
  project: path.join(repoRoot, 'Autri.Triggers', 'Autri.Triggers.csproj'),
  repoRoot,
  publishDir: path.join(infraRoot, '.build', 'triggers'),
};
