// The capture session on the real kernel: records a small zram workload into blkparse-readable
// per-CPU files, restores every tracefs setting (as the kernel represents it), releases the
// lock, cleans up after a failed start, SIGTERM and SIGHUP, and mounts tracefs itself where it is
// not mounted (a fresh machine), unmounting it again, also through `record --cleanup` after a
// SIGKILL.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readMerged } from '../../src/blktrace/read';
import { cleanupState } from '../../src/record/cleanup';
import { FtraceBlkSession, FtraceUndo } from '../../src/record/ftrace-session';
import { TRACING_LOCK_DIR } from '../../src/record/ftrace-lock';
import { isMounted } from '../../src/record/mounts';
import { addZram } from '../../tools/blktrace/private-devices';
import { describeKernel } from '../helpers/kernel';
import { tracingDiffers, tracingSnapshot, TracingSnapshot } from '../helpers/tracefs';

// other processes may take the lock right after us: check only that we no longer hold it
function lockOwner(): number | null {
  try { return Number(fs.readFileSync(path.join(TRACING_LOCK_DIR, 'pid'), 'utf8')); } catch { return null; }
}

/** Tracing is global: compare only when both snapshots could be taken (lock not held long). */
function expectRestored(before: TracingSnapshot | null): void {
  const after = tracingSnapshot();
  if (before && after) expect(tracingDiffers(before, after)).toEqual([]);
}

// A session in a child process (TypeScript through swc), printing its undo info as it changes.
const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
const { FtraceBlkSession } = require(process.argv[1]);
const s = new FtraceBlkSession({ devices: [], outPrefix: process.argv[2], tracefs: process.argv[3], bufferSizeKb: 1024,
  onUndoChange: (u) => process.stdout.write('undo ' + JSON.stringify(u) + '\\n') });
s.start(); process.stdout.write('started\\n'); setInterval(() => {}, 1000);
`;
const SESSION_TS = path.resolve(__dirname, '../../src/record/ftrace-session.ts');

async function startChild(prefix: string, root: string): Promise<{ child: ReturnType<typeof spawn>; undo: () => FtraceUndo }> {
  const child = spawn(process.execPath, ['-e', CHILD, SESSION_TS, prefix, root], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); if (out.includes('started\n')) res(); });
    child.on('exit', (c) => rej(new Error(`session child exited (${c})`)));
  });
  const undo = (): FtraceUndo => JSON.parse(out.split('\n').filter((l) => l.startsWith('undo ')).pop()!.slice(5)) as FtraceUndo;
  return { child, undo };
}

describeKernel('FtraceBlkSession (real kernel)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-sess-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  /** A directory where tracefs was never mounted: the session must mount it itself. */
  const freshRoot = (name: string): string => { const d = path.join(tmp, name); fs.mkdirSync(d); return d; };

  it('captures Q/C for 8 O_DIRECT writes and restores all settings', () => {
    const before = tracingSnapshot();
    const dev = addZram('16M', 'lz4');
    try {
      const s = new FtraceBlkSession({ devices: [dev.name], outPrefix: path.join(tmp, 'cap'), bufferSizeKb: 1024 });
      s.start();
      expect(lockOwner()).toBe(process.pid);
      let res;
      try {
        execFileSync('dd', ['if=/dev/urandom', `of=${dev.path}`, 'bs=4k', 'count=8', 'oflag=direct', 'conv=nocreat', 'status=none']);
      } finally {
        res = s.stop();
      }
      expect(res).toMatchObject({ lost: 0, drained: true, restoreErrors: [] });
      expect([...res.comms.values()]).toContain('dd'); // the writer's name, for synthesized notes
      const { merged, stats } = readMerged(path.join(tmp, 'cap'));
      const [maj, min] = fs.readFileSync(`/sys/block/${dev.name}/dev`, 'utf8').trim().split(':').map(Number);
      const ours = merged.filter((m) => m.rec.device === ((maj << 20) | min));
      expect(ours.length).toBe(merged.length);
      const writesQ = ours.filter((m) => (m.rec.action & 0xffff) === 1 && (m.rec.action & 0x20000) !== 0);
      expect(writesQ.length).toBe(8);
      expect(stats.badMagic + stats.truncatedTail).toBe(0);
      for (const m of merged) expect(m.rec.cpu).toBe(m.streamCpu); // per_cpu pipes hold their CPU only
    } finally {
      dev.release();
    }
    expectRestored(before);
    expect(lockOwner()).not.toBe(process.pid);
  });

  it('mounts tracefs where it is not mounted, and unmounts it on stop', () => {
    const root = freshRoot('fresh');
    const before = tracingSnapshot();
    const s = new FtraceBlkSession({ devices: [], outPrefix: path.join(tmp, 'fresh-cap'), tracefs: root, bufferSizeKb: 1024 });
    s.start();
    expect([isMounted(root, 'tracefs'), s.undoInfo.mounted]).toEqual([true, true]);
    expect(fs.readFileSync(path.join(root, 'current_tracer'), 'utf8').trim()).toBe('blk');
    expect(s.stop().restoreErrors).toEqual([]);
    expect(isMounted(root, 'tracefs')).toBe(false);
    expectRestored(before);
  });

  it('a start that fails half-way (unknown device) restores everything, unmounts and unlocks', () => {
    const root = freshRoot('half');
    const before = tracingSnapshot();
    const s = new FtraceBlkSession({ devices: ['no-such-disk'], outPrefix: path.join(tmp, 'x'), tracefs: root });
    expect(() => s.start()).toThrow(/no-such-disk/);
    expect(s.cleanup()).toEqual([]);
    expect(isMounted(root, 'tracefs')).toBe(false);
    expectRestored(before);
    expect(lockOwner()).not.toBe(process.pid);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('%s during a capture restores the settings and unmounts (child process)', async (sig) => {
    const root = freshRoot(`sig-${sig}`);
    const before = tracingSnapshot();
    const { child } = await startChild(path.join(tmp, `sig-${sig}`), root);
    expect(fs.readFileSync(path.join(root, 'current_tracer'), 'utf8').trim()).toBe('blk');
    child.kill(sig);
    const got = await new Promise<string | null>((res) => child.on('exit', (_c, s) => res(s)));
    expect(got).toBe(sig);
    expect(isMounted(root, 'tracefs')).toBe(false);
    expectRestored(before);
    expect(lockOwner()).not.toBe(child.pid);
  });

  it('SIGKILL: record --cleanup from the state restores the settings and unmounts what the session mounted', async () => {
    const root = freshRoot('killed');
    const before = tracingSnapshot();
    const { child, undo } = await startChild(path.join(tmp, 'killed'), root);
    const u = undo();
    expect([u.mounted, u.saved !== null, u.readerPids.length > 0]).toEqual([true, true, true]);
    child.kill('SIGKILL');
    await new Promise((res) => child.on('exit', res));
    expect(isMounted(root, 'tracefs')).toBe(true); // nothing ran in the dead process
    const r = cleanupState({ pid: child.pid!, started: '', createdDevices: [], tracedDevice: null, blktracePid: null,
      helperPids: [], memLimit: null, tmpDir: null, guardianPid: null,
      tracefs: { root: u.root, saved: u.saved, readerPids: u.readerPids, mounts: [{ type: 'tracefs', target: root }] } });
    expect(r.errors).toEqual([]);
    expect(r.done).toEqual(expect.arrayContaining(['tracefs settings restored', `${root} unmounted`]));
    expect(isMounted(root, 'tracefs')).toBe(false);
    expectRestored(before);
  });
});
