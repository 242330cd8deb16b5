import fs from 'node:fs';
import path from 'node:path';

let tempCounter = 0;

export function readJsonFile(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw new Error(`Could not read ${file}: ${err.message}`);
  }
}

// Write to a temp file beside the target, then rename: a crash never leaves a half-written file.
export function writeJsonFileAtomic(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  tempCounter += 1;
  const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(value, null, 1)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
