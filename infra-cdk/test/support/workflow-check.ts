import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/**
 * Reads a GitHub Actions workflow and names every repository path it depends on: path filters, working
 * directories, local actions, docker build contexts and Dockerfiles, and the Dockerfiles' COPY sources.
 * A workflow that names a path which is not there never triggers, or fails only when it runs in CI.
 */

type Map = Record<string, unknown>;
const isMap = (v: unknown): v is Map => typeof v === 'object' && v !== null && !Array.isArray(v);
const asMap = (v: unknown): Map => (isMap(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** GitHub filter pattern and Dockerfile wildcard characters; the part of a pattern before the first is literal. */
const WILDCARD = /[*?[\]{}+!]/;

export interface DockerBuild {
  readonly job: string;
  /** Context and Dockerfile, relative to the repository root. */
  readonly context: string;
  readonly dockerfile: string;
}

export interface Workflow {
  readonly file: string;
  /** `paths` and `paths-ignore` patterns of every event, without a leading `!`. */
  readonly pathFilters: string[];
  /** `push` event `paths` only: what makes it run on a push. */
  readonly pushPaths: string[];
  readonly workingDirectories: string[];
  readonly localActions: string[];
  readonly dockerBuilds: DockerBuild[];
  /** Values that still hold a `${{ … }}` expression after `env.` references were replaced. */
  readonly unresolved: string[];
}

export function readWorkflow(file: string): Workflow {
  const doc = asMap(parse(fs.readFileSync(file, 'utf8')));
  const unresolved: string[] = [];
  const pathFilters: string[] = [];
  let pushPaths: string[] = [];
  for (const [event, spec] of Object.entries(asMap(doc.on))) {
    for (const key of ['paths', 'paths-ignore']) {
      const patterns = asList(asMap(spec)[key]).map(String).map((p) => p.replace(/^!/, ''));
      pathFilters.push(...patterns);
      if (event === 'push' && key === 'paths') pushPaths = patterns;
    }
  }

  const workingDirectories: string[] = [];
  const localActions: string[] = [];
  const dockerBuilds: DockerBuild[] = [];
  const workflowEnv = asMap(doc.env);
  const addDir = (v: unknown, env: Map) => {
    if (v !== undefined) workingDirectories.push(expand(String(v), env, unresolved));
  };
  addDir(asMap(asMap(doc.defaults).run)['working-directory'], workflowEnv);
  for (const [name, jobValue] of Object.entries(asMap(doc.jobs))) {
    const job = asMap(jobValue);
    const jobEnv = { ...workflowEnv, ...asMap(job.env) };
    addDir(asMap(asMap(job.defaults).run)['working-directory'], jobEnv);
    if (typeof job.uses === 'string' && job.uses.startsWith('./')) localActions.push(job.uses);
    for (const stepValue of asList(job.steps)) {
      const step = asMap(stepValue);
      const env = { ...jobEnv, ...asMap(step.env) };
      addDir(step['working-directory'], env);
      const uses = typeof step.uses === 'string' ? step.uses : '';
      if (uses.startsWith('./')) localActions.push(uses);
      if (uses.startsWith('docker/build-push-action@')) {
        const given = asMap(step.with);
        // The action's default context is the checkout itself, and its default Dockerfile `<context>/Dockerfile`;
        // `file` is handed to buildx as given, which resolves it against the workspace, not the context.
        const context = normal(expand(String(given.context ?? '.'), env, unresolved));
        const dockerfile = given.file === undefined ? path.posix.join(context, 'Dockerfile') : normal(expand(String(given.file), env, unresolved));
        dockerBuilds.push({ job: name, context, dockerfile });
      }
    }
  }
  return { file, pathFilters, pushPaths, workingDirectories: workingDirectories.map(normal), localActions, dockerBuilds, unresolved };
}

/** Replaces `${{ env.NAME }}` with the value in scope; anything else left in `${{ }}` is reported. */
function expand(value: string, env: Map, unresolved: string[]): string {
  let text = value;
  for (let i = 0; i < 5 && text.includes('${{'); i++) {
    text = text.replace(/\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => (name in env ? String(env[name]) : whole));
  }
  if (text.includes('${{')) unresolved.push(value);
  return text;
}

const normal = (p: string) => path.posix.normalize(p.replace(/^\.\//, '')).replace(/\/$/, '') || '.';

/**
 * Whether a filter or COPY pattern names something in `root`: the literal part before the first wildcard
 * must be an existing path, or, when it ends inside a name (`src/App*`), some entry of its folder must start with it.
 */
export function patternExists(root: string, pattern: string): boolean {
  const wildcard = pattern.search(WILDCARD);
  const literal = wildcard < 0 ? pattern : pattern.slice(0, wildcard);
  if (literal === '' || literal.endsWith('/')) return fs.existsSync(path.join(root, literal || '.'));
  if (wildcard < 0) return fs.existsSync(path.join(root, literal));
  const dir = path.join(root, path.dirname(literal));
  const start = path.basename(literal);
  return fs.existsSync(dir) && fs.readdirSync(dir).some((entry) => entry.startsWith(start));
}

/** The sources of every COPY and ADD of a Dockerfile that reads from the build context (not `--from=` a stage). */
export function dockerfileCopySources(text: string): string[] {
  const sources: string[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const match = /^\s*(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!match) continue;
    const words = match[2].trim();
    const args = words.startsWith('[') ? (JSON.parse(words) as string[]) : words.split(/\s+/);
    const flags = args.filter((a) => a.startsWith('--'));
    if (flags.some((f) => f.startsWith('--from='))) continue;
    const operands = args.filter((a) => !a.startsWith('--'));
    sources.push(...operands.slice(0, -1).filter((s) => !/^[a-z]+:\/\//i.test(s)));
  }
  return sources;
}

/** Whether a push to `file` (a path relative to the repository root) matches one of the filter patterns. */
export function filterCovers(patterns: readonly string[], file: string): boolean {
  return patterns.some((pattern) => {
    if (pattern === file) return true;
    if (pattern.endsWith('/**')) return `${file}/`.startsWith(pattern.slice(0, -2));
    return false;
  });
}

/** Every path a workflow names that does not exist in `root`, one line each; empty when all are there. */
export function workflowProblems(workflow: Workflow, root: string): string[] {
  const problems: string[] = workflow.unresolved.map((v) => `cannot resolve "${v}" to a path`);
  const check = (what: string, p: string) => {
    if (!patternExists(root, p)) problems.push(`${what} "${p}" names nothing in the repository`);
  };
  for (const p of workflow.pathFilters) check('path filter', p);
  for (const p of workflow.workingDirectories) check('working-directory', p);
  for (const p of workflow.localActions) check('local action', p);
  for (const build of workflow.dockerBuilds) {
    if (!fs.existsSync(path.join(root, build.context))) {
      problems.push(`job ${build.job}: docker build context "${build.context}" does not exist`);
      continue;
    }
    const dockerfile = path.join(root, build.dockerfile);
    if (!fs.existsSync(dockerfile)) {
      problems.push(`job ${build.job}: Dockerfile "${build.dockerfile}" does not exist`);
      continue;
    }
    for (const source of dockerfileCopySources(fs.readFileSync(dockerfile, 'utf8'))) {
      if (!patternExists(path.join(root, build.context), source)) {
        problems.push(`job ${build.job}: ${build.dockerfile} copies "${source}", which is not in the context "${build.context}"`);
      }
    }
  }
  return problems.map((p) => `${path.basename(workflow.file)}: ${p}`);
}
