import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Build settings in the repository root that every project reads (whichever of them exist). */
const ROOT_BUILD_FILES = ['Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json', 'NuGet.config', 'nuget.config'];

/** Inside a project folder: build output, and documentation, which no build reads. */
const NOT_SOURCES = { dirs: new Set(['bin', 'obj']), extensions: new Set(['.md']) };

/**
 * The project and every project it references, directly or not, read from the `<ProjectReference>` items,
 * as absolute paths of their `.csproj` files, the project first.
 */
export function referencedProjects(project: string): string[] {
  const seen = new Set<string>();
  const visit = (csproj: string) => {
    const file = path.resolve(csproj);
    if (seen.has(file)) return;
    if (!fs.existsSync(file)) throw new Error(`Project not found: ${file}`);
    seen.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/<ProjectReference\s+Include="([^"]+)"/g)) {
      visit(path.resolve(path.dirname(file), match[1].replace(/\\/g, '/')));
    }
  };
  visit(project);
  return [...seen];
}

/**
 * What a build of `project` reads: every file in its folder and in the folders of the projects it references
 * (but bin/, obj/ and *.md), and the repository's root build settings. Absolute paths, sorted.
 */
export function triggerSources(project: string, repoRoot: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_SOURCES.dirs.has(entry.name)) walk(full);
      } else if (!NOT_SOURCES.extensions.has(path.extname(entry.name).toLowerCase())) {
        files.push(full);
      }
    }
  };
  for (const csproj of referencedProjects(project)) walk(path.dirname(csproj));
  for (const name of ROOT_BUILD_FILES) {
    const file = path.join(repoRoot, name);
    if (fs.existsSync(file)) files.push(file);
  }
  return [...new Set(files)].sort();
}

/**
 * SHA-256 of the files' paths relative to `root` (with `/`) and their contents, plus `settings` (the publish
 * arguments). Two checkouts of the same commit give the same hash wherever they are on disk.
 */
export function sourceHash(files: readonly string[], root: string, settings: readonly string[] = []): string {
  const hash = crypto.createHash('sha256');
  hash.update(`settings\0${settings.join(' ')}\n`);
  const entries = files.map((file) => ({ file, key: path.relative(root, file).split(path.sep).join('/') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { file, key } of entries) {
    if (key.startsWith('../') || path.isAbsolute(key)) throw new Error(`${file} is outside ${root}`);
    const content = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    hash.update(`file\0${key}\0${content}\n`);
  }
  return hash.digest('hex');
}
