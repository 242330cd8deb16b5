import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Publisher, TriggerBuild } from '../../lib/trigger-code/publish';

/**
 * A repository in miniature, in a fresh temporary folder: App references Lib, which references Core; Other is
 * referenced by nobody. App, like Autri.Triggers, declares its assembly name.
 */
export function miniRepo(): string {
  const root = tempDir('autri-trigger-code-');
  const files: Record<string, string> = {
    'Directory.Build.props': '<Project />',
    'Directory.Packages.props': '<Project />',
    'App/App.csproj': '<Project><PropertyGroup><AssemblyName>App</AssemblyName></PropertyGroup>'
      + '<ItemGroup><ProjectReference Include="..\\Lib\\Lib.csproj" /></ItemGroup></Project>',
    'App/Handler.cs': 'class Handler {}',
    'App/README.md': '# App',
    'App/bin/Debug/App.dll': 'an earlier build',
    'App/obj/project.assets.json': '{}',
    'Lib/Lib.csproj': '<Project><ItemGroup><ProjectReference Include="../Core/Core.csproj" /></ItemGroup></Project>',
    'Lib/Adapters/Store.cs': 'class Store {}',
    'Core/Core.csproj': '<Project />',
    'Core/Rules/Rule.cs': 'class Rule {}',
    'Core/Migrations/0001_init.sql': 'CREATE TABLE t (id int);',
    'Other/Other.csproj': '<Project />',
    'Other/Other.cs': 'class Other {}',
  };
  for (const [name, text] of Object.entries(files)) writeIn(root, name, text);
  return root;
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function writeIn(root: string, name: string, text: string): void {
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** App published into `<root>/cdk/.build/triggers`, as infra-cdk publishes Autri.Triggers. */
export function miniBuild(root: string): TriggerBuild {
  return { project: path.join(root, 'App', 'App.csproj'), repoRoot: root, publishDir: path.join(root, 'cdk', '.build', 'triggers') };
}

/** Stands in for `dotnet publish`: writes the two files the Lambda runtime needs and counts its calls. */
export function fakePublisher(): { readonly publish: Publisher; readonly calls: string[] } {
  const calls: string[] = [];
  const publish: Publisher = (project, outDir) => {
    calls.push(project);
    fs.writeFileSync(path.join(outDir, 'App.dll'), `build ${calls.length}`);
    fs.writeFileSync(path.join(outDir, 'App.runtimeconfig.json'), '{}');
  };
  return { publish, calls };
}
