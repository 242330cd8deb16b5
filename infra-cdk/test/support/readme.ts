import * as fs from 'fs';
import * as path from 'path';
import { infraRoot } from '../../lib/paths';

/** The text of one `## ` section of infra-cdk/README.md, without its heading. */
export function readmeSection(heading: string): string {
  const readme = fs.readFileSync(path.join(infraRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const body = readme.slice(start + heading.length + 5);
  const end = body.indexOf('\n## ');
  return end < 0 ? body : body.slice(0, end);
}

/** The numbered list items of a section (`1. …` with its indented continuation lines), by number. */
export function numberedSteps(section: string): Map<number, string> {
  const steps = new Map<number, string>();
  let current: number | undefined;
  for (const line of section.split('\n')) {
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (item) {
      current = Number(item[1]);
      steps.set(current, item[2]);
    } else if (current !== undefined && /^ {3}\S/.test(line)) {
      steps.set(current, `${steps.get(current)} ${line.trim()}`);
    } else {
      current = undefined;
    }
  }
  return steps;
}

/** The commands of a text: its `backticked` spans, with `<env>` and the like as given. */
export function commandsIn(text: string, values: Record<string, string>): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/<([A-Za-z.]+)>/g, (all, name) => values[name] ?? all));
}
