import * as fs from 'fs';
import * as path from 'path';
import { infraRoot } from '../../lib/paths';
import { tempDir } from './mini-repo';

/**
 * Stand-ins for `aws`, `npx`, `docker`, `dig` and `curl` (`test/fixtures/fake-account/`) over an account kept as files
 * in `state`: a `cdk deploy` creates the stack, `create-secret` the secret, a pushed image the image, and the read
 * calls answer from what exists, as AWS would. Every call is appended to `calls`; a call they do not expect fails with
 * exit 99 and is recorded as `UNEXPECTED …`, so a new command cannot pass unnoticed.
 */
export interface FakeAccount {
  /** Environment to run a script with: the stand-ins first on PATH. */
  readonly env: Record<string, string>;
  calls(): string[];
  has(thing: string): boolean;
  read(thing: string): string;
}

export const fakeTools = path.join(infraRoot, 'test', 'fixtures', 'fake-account');

export function fakeAccount(): FakeAccount {
  const dir = tempDir('fake-account-');
  const state = path.join(dir, 'state');
  const calls = path.join(dir, 'calls');
  fs.mkdirSync(state);
  return {
    env: { PATH: `${fakeTools}:${process.env.PATH}`, FAKE_STATE: state, FAKE_CALLS: calls },
    calls: () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean) : []),
    has: (thing) => fs.existsSync(path.join(state, thing)),
    read: (thing) => fs.readFileSync(path.join(state, thing), 'utf8'),
  };
}
