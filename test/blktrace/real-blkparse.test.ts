// Re-runs the installed Debian blkparse on every committed trace and fixture and compares with
// our output now (not with the committed files), in file mode and in pipe mode.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBlkparse } from '../../src/blktrace/blkparse-run';
import { describeUnless } from '../helpers/skip';
import { BAD_FIXTURES, cpuFiles, oursFileMode, oursPipeMode, REAL_TRACES, traceDirs } from './helpers';

const BLKPARSE = '/usr/bin/blkparse';
const why = fs.existsSync(BLKPARSE) ? null : `${BLKPARSE} is not installed (apt-get install blktrace; .ci/run does)`;
const all = [...traceDirs(REAL_TRACES), ...traceDirs(BAD_FIXTURES)];

function real(args: string[], cwd: string, input?: Buffer): string {
  try {
    return execFileSync(BLKPARSE, args, { cwd, input, encoding: 'latin1', stdio: ['pipe', 'pipe', 'ignore'],
      maxBuffer: 1 << 28 });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

describeUnless(why, `against the installed ${BLKPARSE}`, () => {
  it.each(all.map((t) => [t.name, t] as const))('%s: file mode', (_n, t) => {
    expect(oursFileMode(t).out).toBe(real(['-i', t.name], t.dir));
  });
  it.each(all.map((t) => [t.name, t] as const))('%s: pipe mode', (_n, t) => {
    const input = Buffer.concat(cpuFiles(t).map((f) => fs.readFileSync(f)));
    expect(oursPipeMode(t)).toBe(real(['-i', '-'], t.dir, input));
  });
  it.each(all.map((t) => [t.name, t] as const))('%s: -d dump is byte-identical to blkparse -d -O', (_n, t) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-dump-'));
    try {
      real(['-i', t.name, '-d', path.join(tmp, 'theirs.bin'), '-O'], t.dir);
      const parts: Uint8Array[] = [];
      const cwd = process.cwd();
      process.chdir(t.dir);
      try {
        runBlkparse({ inputs: [t.name], noText: true, dump: (b) => parts.push(b) }, () => undefined, () => undefined);
      } finally {
        process.chdir(cwd);
      }
      expect(Buffer.concat(parts).equals(fs.readFileSync(path.join(tmp, 'theirs.bin')))).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

