// Shared by the blktrace tests: the committed trace directories and an in-process blkparse run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBlkparse } from '../../src/blktrace/blkparse-run';

export const ROOT = path.join(__dirname, '..', '..');
export const REAL_TRACES = path.join(ROOT, 'traces');
export const BAD_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'blktrace');

export interface TraceDir { readonly name: string; readonly dir: string }

export function traceDirs(root: string): TraceDir[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter((n) => !n.startsWith('.') && fs.existsSync(path.join(root, n, `${n}.blktrace.0`)))
    .sort().map((name) => ({ name, dir: path.join(root, name) }));
}

export function cpuFiles(t: TraceDir): string[] {
  return fs.readdirSync(t.dir).filter((f) => f.startsWith(`${t.name}.blktrace.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop())).map((f) => path.join(t.dir, f));
}

/** Our blkparse output for `blkparse -i NAME` run inside the trace directory. */
export function oursFileMode(t: TraceDir, lenient = false): { out: string; err: string } {
  const cwd = process.cwd();
  let out = '';
  let err = '';
  try {
    process.chdir(t.dir);
    runBlkparse({ inputs: [t.name], lenient }, (s) => { out += s; }, (s) => { err += s; });
  } finally {
    process.chdir(cwd);
  }
  return { out, err };
}

/** Our output for `cat NAME.blktrace.* | blkparse -i -`. */
export function oursPipeMode(t: TraceDir, lenient = false): string {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zr-bt-')), 'stream');
  fs.writeFileSync(tmp, Buffer.concat(cpuFiles(t).map((f) => fs.readFileSync(f))));
  const fd = fs.openSync(tmp, 'r');
  let out = '';
  try {
    runBlkparse({ inputs: ['-'], stdinFd: fd, lenient }, (s) => { out += s; }, () => undefined);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
  return out;
}

export const readLatin1 = (f: string): string => fs.readFileSync(f, 'latin1');
