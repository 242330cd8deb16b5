import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsDiagramGenerator, AwsEdgeResolver, AwsIconSupplier, Graphviz, TreeJsonLoader } from 'cdk-dia';
import { infraRoot, repoRoot } from './paths';

/** Where the operator documents keep the reference-architecture diagram: its Graphviz source and the PNG drawn from it. */
export const diagramDir = path.join(repoRoot, 'docs', 'operators', 'architecture');
export const diagramFiles = {
  dot: path.join(diagramDir, 'architecture.dot'),
  png: path.join(diagramDir, 'architecture.png'),
  /** The SHA-256 of the `.dot` the PNG was drawn from, so a test can tell a PNG left behind by its source. */
  pngSource: path.join(diagramDir, 'architecture.png.sha256'),
};

/**
 * The diagram's Graphviz source for a synthesized app (`tree.json` of its cloud assembly), drawn by cdk-dia. Icons are
 * named relative to infra-cdk (cdk-dia names them by absolute path), so the source is the same on every machine and
 * a test can compare it with the committed one without Graphviz installed.
 */
export function diagramSource(treeJson: string): string {
  const iconsBase = path.join('node_modules', 'cdk-dia');
  const diagram = new AwsDiagramGenerator(new AwsEdgeResolver(), new AwsIconSupplier(iconsBase))
    .generate(TreeJsonLoader.load(treeJson), true, true, false, undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autri-diagram-'));
  try {
    const file = path.join(dir, 'architecture.dot');
    new Graphviz().renderToDot(diagram, file);
    // cdk-dia draws at 200 dpi: four stacks side by side come out wider than a PNG may be (32767 px). 72 dpi fits.
    return fs.readFileSync(file, 'utf8').replace(/^ {2}dpi = \d+;$/m, '  dpi = 72;');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Writes the source and draws the PNG with Graphviz's `dot` (Debian: graphviz), run in infra-cdk for the icon paths. */
export function writeDiagram(source: string): void {
  fs.mkdirSync(diagramDir, { recursive: true });
  fs.writeFileSync(diagramFiles.dot, source);
  const dot = spawnSync('dot', ['-Tpng', '-o', diagramFiles.png, diagramFiles.dot], { cwd: infraRoot, encoding: 'utf8' });
  if (dot.error || dot.status !== 0) {
    throw new Error(`Graphviz could not draw the diagram (apt-get install -y graphviz): ${dot.error?.message ?? dot.stderr}`);
  }
  fs.writeFileSync(diagramFiles.pngSource, `${sha256(source)}\n`);
}
