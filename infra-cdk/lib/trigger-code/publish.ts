import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { sourceHash, triggerSources } from './sources';

/** The trigger Lambdas' package: the folder CDK zips, and the hash that names the asset. */
export interface TriggerCode {
  /** The `dotnet publish` output of Autri.Triggers (in tests, a placeholder folder). */
  readonly dir: string;
  /** What the folder was built from (`sourceHash`): the same for every checkout of a commit, wherever it is on disk. */
  readonly hash: string;
}

/** Where the trigger code comes from and where it is published. */
export interface TriggerBuild {
  /** Autri.Triggers.csproj */
  readonly project: string;
  readonly repoRoot: string;
  readonly publishDir: string;
}

/** What `dotnet publish` is given besides the project: the managed dotnet10 runtime on Graviton provides the framework. */
export const PUBLISH_SETTINGS: readonly string[] = ['-c', 'Release', '-r', 'linux-arm64', '--self-contained', 'false'];

export type Publisher = (project: string, outDir: string) => void;

export const dotnetPublish: Publisher = (project, outDir) => {
  execFileSync('dotnet', ['publish', project, ...PUBLISH_SETTINGS, '-o', outDir], { stdio: ['ignore', process.stderr, process.stderr] });
};

/**
 * The hash of the sources the folder was last published from, written after a publish succeeds. It sits beside
 * the folder, not in it, so it is not packaged.
 */
export function stampFile(build: TriggerBuild): string {
  return `${build.publishDir}.built-from`;
}

export function currentSourceHash(build: TriggerBuild): string {
  return sourceHash(triggerSources(build.project, build.repoRoot), build.repoRoot, PUBLISH_SETTINGS);
}

/** Why the publish folder cannot be packaged as it is, or null when it was published from exactly these sources. */
export function staleReason(build: TriggerBuild, hash: string): string | null {
  const assembly = assemblyName(build.project);
  for (const file of [`${assembly}.dll`, `${assembly}.runtimeconfig.json`]) {
    if (!fs.existsSync(path.join(build.publishDir, file))) return `${file} is not there`;
  }
  const stamp = stampFile(build);
  if (!fs.existsSync(stamp)) return 'it holds a build with no record of its sources';
  if (fs.readFileSync(stamp, 'utf8').trim() !== hash) return 'its sources changed since it was published';
  return null;
}

/**
 * What synth packages: publishes first when the folder is missing or was built from other sources than the
 * checkout holds (an edit in Autri.Triggers, a project it references, or the root build settings), so an old
 * build is never shipped by mistake.
 */
export function ensurePublished(build: TriggerBuild, publish: Publisher = dotnetPublish, log: (line: string) => void = toStderr): TriggerCode {
  const hash = currentSourceHash(build);
  const reason = staleReason(build, hash);
  if (reason !== null) {
    log(`Publishing ${build.project} to ${build.publishDir}: ${reason}`);
    publishInto(build, hash, publish);
  }
  return { dir: build.publishDir, hash };
}

/** Publishes whatever the folder holds (`npm run build:triggers`). */
export function publishTriggers(build: TriggerBuild, publish: Publisher = dotnetPublish): TriggerCode {
  const hash = currentSourceHash(build);
  publishInto(build, hash, publish);
  return { dir: build.publishDir, hash };
}

function publishInto(build: TriggerBuild, hash: string, publish: Publisher): void {
  const fromDir = path.relative(build.publishDir, build.repoRoot);
  if (fromDir === '' || !fromDir.startsWith('..')) throw new Error(`The publish folder ${build.publishDir} must not contain the repository`);
  fs.rmSync(stampFile(build), { force: true });
  // Starts empty: a file of an earlier build (a dependency since dropped, the old assembly) must not be packaged.
  fs.rmSync(build.publishDir, { recursive: true, force: true });
  fs.mkdirSync(build.publishDir, { recursive: true });
  publish(build.project, build.publishDir);
  fs.writeFileSync(stampFile(build), `${hash}\n`);
}

/** `<AssemblyName>` of the project, else its file name: the `.dll` the Lambda handler strings name. */
function assemblyName(project: string): string {
  const declared = /<AssemblyName>\s*([^<\s]+)\s*<\/AssemblyName>/.exec(fs.readFileSync(project, 'utf8'));
  return declared ? declared[1] : path.basename(project, '.csproj');
}

function toStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
