// Outputs are never destroyed (issue 9 part 2): targets that are device nodes, FIFOs or
// directories, inputs of the same run (by path, symlink or hard link) and names given twice are
// refused before any work; a full disk or any write error leaves no file under the final name
// and no temporary file; SIGINT/SIGTERM/SIGHUP remove temporary files. Through the module and
// through the CLI commands that write user-named files (replay -o/--html, blkparse -d).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputFile, OutputFileError, OutputFs, OutputPlan, writeOutputFile } from '../../src/io/output-file';
import { testUnless } from '../helpers/skip';
import { runCli } from '../replay/cli-harness';
import { writeLog } from '../replay/log-file';
import { smallSequence } from '../replay/small-sequence';

const NOT_ROOT = process.getuid?.() === 0 ? null : 'not root (mounting a small tmpfs needs root)';
let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-out-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const t = (name: string): string => path.join(tmp, name);
const entries = (dir: string): string[] => fs.readdirSync(dir).sort();

describe('OutputPlan: refusals before any work', () => {
  test('a device node, a FIFO and a directory are refused and left as they were', () => {
    execFileSync('mkfifo', [t('fifo')]);
    fs.mkdirSync(t('dir'));
    const plan = new OutputPlan([]);
    expect(() => plan.claim('/dev/null', '-o')).toThrow(/^-o \/dev\/null: is a device node; .*choose a file path$/);
    expect(() => plan.claim(t('fifo'), '-o')).toThrow(/is a FIFO/);
    expect(() => plan.claim(t('dir'), '--html')).toThrow(/^--html .*: is a directory/);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.statSync(t('fifo')).isFIFO()).toBe(true);
  });

  test('an input of the run: same path, through a symlink, a hard link, or inside an input directory', () => {
    fs.writeFileSync(t('in.log'), 'input');
    fs.symlinkSync(t('in.log'), t('in-link'));
    fs.linkSync(t('in.log'), t('in-hard'));
    fs.mkdirSync(t('bundle'));
    fs.writeFileSync(t('bundle/manifest.json'), '{}');
    const plan = new OutputPlan([t('in.log'), t('bundle')]);
    for (const p of [t('in.log'), t('in-link'), t('in-hard'), path.relative(process.cwd(), t('in.log'))]) {
      expect(() => plan.claim(p, '-o')).toThrow(/is an input of this run: write the output to another file$/);
    }
    expect(() => plan.claim(t('bundle/manifest.json'), '-o')).toThrow(/inside the input/);
    expect(fs.readFileSync(t('in.log'), 'utf8')).toBe('input');
  });

  test('a blktrace name covers its NAME.blktrace.N files', () => {
    fs.writeFileSync(t('tr.blktrace.0'), 'x');
    expect(() => new OutputPlan([t('tr')]).claim(t('tr.blktrace.0'), '-d')).toThrow(/is an input/);
  });

  test('the same file named twice, even spelled differently', () => {
    const plan = new OutputPlan([]);
    plan.claim(t('x.out'), '-o');
    expect(() => plan.claim(`${tmp}/./x.out`, '--html')).toThrow(/^--html .*x\.out: also given as -o .*: give each output its own file$/);
  });

  test('a missing directory is named', () => {
    expect(() => new OutputPlan([]).claim(t('no/such/out'), '-o')).toThrow(/directory .*no\/such does not exist: create it first/);
  });
});

describe('OutputFile: all or nothing', () => {
  test('commit puts the whole file in place, keeps an existing file\'s mode, leaves no temp file', () => {
    fs.mkdirSync(t('ok'));
    fs.writeFileSync(t('ok/f'), 'old', { mode: 0o600 });
    fs.chmodSync(t('ok/f'), 0o600);
    const f = new OutputFile(t('ok/f'));
    expect(fs.readFileSync(t('ok/f'), 'utf8')).toBe('old'); // untouched until commit
    f.write('new ');
    f.write(Buffer.from('data'));
    f.commit();
    expect(fs.readFileSync(t('ok/f'), 'utf8')).toBe('new data');
    expect(fs.statSync(t('ok/f')).mode & 0o777).toBe(0o600);
    expect(entries(t('ok'))).toEqual(['f']);
  });

  test('an injected write error (EIO) removes the temp file and leaves the old file', () => {
    fs.mkdirSync(t('eio'));
    fs.writeFileSync(t('eio/f'), 'old');
    let writes = 0;
    const io: OutputFs = { ...(fs as unknown as OutputFs), writeSync: (fd, b, off, len) => {
      if (++writes === 2) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
      return fs.writeSync(fd, b, off, len);
    } };
    const f = new OutputFile(t('eio/f'), io);
    f.write('part one');
    expect(() => f.write('part two')).toThrow(OutputFileError);
    expect(() => f.commit()).not.toThrow(); // already aborted: nothing to commit
    expect(fs.readFileSync(t('eio/f'), 'utf8')).toBe('old');
    expect(entries(t('eio'))).toEqual(['f']);
    const failRename: OutputFs = { ...(fs as unknown as OutputFs), renameSync: () => { throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' }); } };
    expect(() => writeOutputFile(t('eio/g'), 'x', failRename)).toThrow(/cannot write .*eio\/g: .*\(EXDEV\); nothing was written to it/);
    expect(entries(t('eio'))).toEqual(['f']);
  });

  testUnless(NOT_ROOT, 'a full disk (64 KiB tmpfs): ENOSPC, no file under the final name, no temp file', () => {
    const mnt = t('tiny');
    fs.mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      fs.writeFileSync(path.join(mnt, 'kept'), 'old contents');
      expect(() => writeOutputFile(path.join(mnt, 'new'), Buffer.alloc(256 * 1024, 1))).toThrow(/no space left on the device \(ENOSPC\)/);
      expect(() => writeOutputFile(path.join(mnt, 'kept'), Buffer.alloc(256 * 1024, 1))).toThrow(/ENOSPC/);
      expect(entries(mnt)).toEqual(['kept']);
      expect(fs.readFileSync(path.join(mnt, 'kept'), 'utf8')).toBe('old contents');
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  // A writer in a child process (TypeScript through swc) holding an open output when signalled.
  const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
const { OutputFile } = require(process.argv[1]);
const f = new OutputFile(process.argv[2]); f.write('partial');
process.stdout.write(f.tmp + '\\n'); setInterval(() => {}, 1000);
`;
  test.each([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s removes the temp file (exit %i)', async (sig, code) => {
    const dir = t(`sig-${sig}`);
    fs.mkdirSync(dir);
    const child = spawn(process.execPath, ['-e', CHILD, path.resolve(__dirname, '../../src/io/output-file.ts'), path.join(dir, 'out')],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    const tmpName = await new Promise<string>((res) => { let s = ''; child.stdout!.on('data', (b: Buffer) => { s += b; if (s.includes('\n')) res(s.trim()); }); });
    expect(fs.existsSync(tmpName)).toBe(true);
    child.kill(sig);
    const got = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(got).toBe(code);
    expect(entries(dir)).toEqual([]);
  });
});

describe('the CLI writers go through it', () => {
  const log = (): string => { const p = t(`in-${Math.random().toString(36).slice(2)}.log`); writeLog(p, smallSequence()); return p; };

  test('replay -o /dev/null, -o INPUT, -o X --html X: exit 2, one line, nothing touched', async () => {
    const input = log();
    const before = fs.readFileSync(input);
    for (const [args, msg] of [
      [['-o', '/dev/null'], /-o \/dev\/null: is a device node/],
      [['-o', input], /is an input of this run/],
      [['-o', t('same'), '--html', t('same')], /--html .*same: also given as -o/],
      [['-o', t('a'), '--html', `${t('a')}.timing.jsonl`], /also given as -o \(its timings file\)/],
      [['-o', t('missing/dir/out')], /does not exist: create it first/],
    ] as const) {
      const r = await runCli(['replay', input, ...args]);
      expect([r.code, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
      expect(r.stderr).toMatch(msg);
    }
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.existsSync(t('same')) || fs.existsSync(t('a'))).toBe(false);
  });

  test('replay -o and --html to fresh files still work', async () => {
    const r = await runCli(['replay', log(), '-o', t('good.jsonl'), '--html', t('good.html'), '--json']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(t('good.jsonl'), 'utf8').split('\n').length).toBeGreaterThan(2);
    expect(fs.readFileSync(t('good.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  test('blkparse -d onto its own input or a device node: exit 2, the input intact', async () => {
    const trace = path.resolve(__dirname, '../../traces/zram-seqwrite');
    fs.mkdirSync(t('bp'));
    for (const f of fs.readdirSync(trace)) fs.copyFileSync(path.join(trace, f), t(`bp/${f}`));
    const input = t('bp/zram-seqwrite.blktrace.0');
    const before = fs.readFileSync(input);
    for (const [dump, msg] of [[input, /is an input of this run/], ['/dev/null', /is a device node/]] as const) {
      const r = await runCli(['blkparse', '-i', t('bp/zram-seqwrite'), '-d', dump, '-O', '-q']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const ok = await runCli(['blkparse', '-i', t('bp/zram-seqwrite'), '-d', t('bp/dump.bin'), '-O', '-q']);
    expect(ok.code).toBe(0);
    expect(fs.statSync(t('bp/dump.bin')).size).toBeGreaterThan(0);
    expect(entries(t('bp')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
