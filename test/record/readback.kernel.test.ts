// Read-back capture on the real kernel (private devices; recordings take the tracing lock):
// a command writing known bytes with dd (4 KiB and 64 KiB direct writes, quick overwrites of
// one block, buffered writes flushed by fsync, a discard) has every written page captured, each
// checked against what dd wrote; drain() returns only when every write completed before it is
// read back, and returns while writes go on; SIGKILL of the recorder mid-command leaves no
// frozen group, tracer or device; a missing freezer is a one-line error; a stray file at the
// device's /dev path is refused.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKernel } from '../helpers/kernel';
import { tracingDiffers, tracingSnapshot, TracingSnapshot } from '../helpers/tracefs';
import { mulberry32 } from '../../src/content/prng';
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';
import { Capture } from '../../src/record/capture';
import type { BundleManifest } from '../../src/record/manifest';
import { OpLog } from '../../src/record/oplog';
import { RecordUsageError } from '../../src/record/options';
import { PageStore } from '../../src/record/page-store';
import { startReadback } from '../../src/record/readback';
import { record } from '../../src/record/recorder';
import { checkCapture, loadBundle } from './readback-check';
import { pidAlive, sleep, startRecorder, stateOf, waitTracing } from './recorder-child';

const PAGE = 4096;
let tmp: string;
let before: TracingSnapshot | null;

function pagesFile(name: string, n: number, seed: number): Uint8Array[] {
  const rnd = mulberry32(seed);
  const pages = Array.from({ length: n }, () => {
    const p = new Uint8Array(PAGE);
    for (let i = 0; i < PAGE; i += 4) p[i] = Math.floor(rnd() * 256); // compressible, distinct
    return p;
  });
  fs.writeFileSync(path.join(tmp, name), Buffer.concat(pages));
  return pages;
}

const manifestOf = (dir: string): BundleManifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BundleManifest;

describeKernel('read-back capture on the real kernel', () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync('/tmp/zram-ref-readback-test-');
    before = tracingSnapshot();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('dd writes of known bytes (seed 11): every written page captured exact or its race detected', async () => {
    // page -> the contents of its writes in order
    const writes = new Map<number, Uint8Array[]>();
    const steps: string[] = [];
    const dd = (file: string, pages: Uint8Array[], seek: number, bs: number, flags: string): void => {
      const per = bs / PAGE;
      pages.forEach((p, i) => { const x = seek * per + i; writes.set(x, [...(writes.get(x) ?? []), p]); });
      const count = pages.length / per;
      steps.push(`dd if=${path.join(tmp, file)} of=$DEV bs=${bs} seek=${seek} count=${count} ${flags} status=none`);
    };
    dd('a', pagesFile('a', 64, 11), 0, PAGE, 'oflag=direct');              // pages 0-63, 4 KiB bios
    dd('b', pagesFile('b', 64, 12), 2, 65536, 'oflag=direct');             // pages 32-95, 64 KiB bios
    for (let k = 0; k < 4; k++) dd(`o${k}`, pagesFile(`o${k}`, 1, 20 + k), 10, PAGE, 'oflag=direct'); // page 10 x4
    dd('c', pagesFile('c', 16, 13), 7, 65536, 'conv=fsync');               // pages 112-127, buffered + fsync
    steps.push('sleep 0.2', `blkdiscard -o ${96 * PAGE} -l ${16 * PAGE} $DEV`); // pages 96-111: a discard, no write
    dd('d', pagesFile('d', 8, 14), 64, PAGE, 'oflag=direct');              // pages 64-71 again
    const out = path.join(tmp, 'dd');
    const r = await startRecorder(['-o', out, '--new', '--disksize', '4M', '--interval', '30', '--no-blktrace',
      '--json',
      '--', 'sh', '-c', steps.join(' && ')]).done;
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('')]);
    const m = manifestOf(out);
    expect(m.status).toBe('ok');
    expect(m.contents.mode).toBe('captured');
    expect(m.samples.freezer?.frozen).toBe(m.samples.count);
    const c = checkCapture(loadBundle(out), (x, k) => writes.get(x)?.[k] ?? null);
    const expectedPairs = [...writes.values()].reduce((a, w) => a + w.length, 0);
    expect(c.writes).toBe(expectedPairs);
    expect(c.missing).toEqual([]);
    expect(c.wrong).toEqual([]);
    expect(c.exact + c.races).toBe(c.writes);
    expect(c.lastWritesExact).toBe(writes.size);       // the bytes each page holds at the end: all exact
    expect(c.unmatchedReads).toBe(0);
    expect(m.contents.capture!.writesSeen).toBeGreaterThan(0);
    expect(m.contents.capture!.lagNs.max).toBeGreaterThan(0);
    const lag = JSON.stringify(m.contents.capture!.lagNs);
    process.stdout.write(`dd capture: ${c.exact}/${c.writes} exact, ${c.races} races, lag ${lag}\n`);
  });

  test('drain(): every write completed before the call is read back; it returns while writes go on', async () => {
    const id = createDevice();
    const dir = fs.mkdtempSync(path.join(tmp, 'drain-'));
    let cap: Capture | null = null;
    let writer: ReturnType<typeof spawn> | null = null;
    try {
      configureDevice(id, { disksize: '4M' });
      cap = new Capture(`zram${id}`, dir, { tryBlktrace: false });
      cap.start();
      const ops = new OpLog();
      const rb = await startReadback({ devPath: `/dev/zram${id}`, disksize: 4 << 20, source: cap.followSource(), ops,
        pages: new PageStore() });
      await rb.drain(); // nothing written: returns
      expect(ops.entries).toEqual([]);
      for (let round = 0; round < 5; round++) {
        const seek = round * 40;
        spawnSync('dd', ['if=/dev/urandom', `of=/dev/zram${id}`, 'bs=4096', `seek=${seek}`, 'count=40', 'oflag=direct',
          'status=none']);
        const dev = fs.openSync(`/dev/zram${id}`, 'r');
        const now = Buffer.alloc(40 * PAGE);
        fs.readSync(dev, now, 0, now.length, seek * PAGE);
        fs.closeSync(dev);
        await rb.drain();
        const pagesOf = (off: number, len: number): number[] =>
          Array.from({ length: len / PAGE }, (_, i) => off / PAGE + i);
        const got = new Set(ops.entries.flatMap((e) => (e.kind === 'io' ? pagesOf(e.off, e.len) : [])));
        for (let p = seek; p < seek + 40; p++) expect([round, p, got.has(p)]).toEqual([round, p, true]);
      }
      const dd = `dd if=/dev/urandom of=/dev/zram${id} bs=4096 seek=300 count=16 oflag=direct status=none`;
      const loop = `while :; do ${dd}; done`;
      writer = spawn('sh', ['-c', loop]);
      await sleep(200);
      const t = Date.now();
      await rb.drain();
      expect(Date.now() - t).toBeLessThan(5000);
      writer.kill('SIGKILL');
      await new Promise((r) => writer!.once('exit', r));
      writer = null;
      const s = await rb.stop();
      expect(s.failedReads).toBe(0);
      expect(s.reads).toBe(ops.entries.length);
    } finally {
      writer?.kill('SIGKILL');
      expect(cap?.cleanup() ?? []).toEqual([]);
      expect(removeDevice(id)).toBeNull();
    }
    const now = tracingSnapshot();
    if (before && now) expect(tracingDiffers(before, now)).toEqual([]);
  });

  test('SIGKILL of the recorder mid-command: no frozen group, no tracer, no device, no command left', async () => {
    const out = path.join(tmp, 'killed');
    const run = startRecorder(['-o', out, '--new', '--disksize', '8M', '--interval', '10', '--no-blktrace', '--',
      'sh', '-c', 'while :; do dd if=/dev/urandom of=$DEV bs=64k count=4 oflag=direct status=none; done']);
    await waitTracing(run.child.pid!);
    await sleep(1000);
    const state = stateOf(run.child.pid!)!;
    expect(state.freezer).toBe(`/sys/fs/cgroup/freezer/zram-ref-${run.child.pid}`);
    const tasks = fs.readFileSync(path.join(state.freezer!, 'tasks'), 'utf8').split('\n').filter(Boolean).map(Number);
    expect(tasks.length).toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    await run.done;
    for (let i = 0; i < 150 && stateOf(state.pid) !== null; i++) await sleep(100);
    expect(stateOf(state.pid)).toBeNull();
    expect(fs.existsSync(state.freezer!)).toBe(false);
    for (const t of tasks) expect([t, pidAlive(t)]).toEqual([t, false]);
    for (const id of state.createdDevices) expect(fs.existsSync(`/sys/block/zram${id}`)).toBe(false);
    for (const p of state.tracefs?.readerPids ?? []) expect([p, pidAlive(p)]).toEqual([p, false]);
    const now = tracingSnapshot();
    if (before && now) expect(tracingDiffers(before, now)).toEqual([]);
  });

  test('a regular file at /dev/zramN (a stray dd) instead of the node: refused, exit 2', async () => {
    const id = createDevice();
    const node = `/dev/zram${id}`;
    const [major, minor] = fs.readFileSync(`/sys/block/zram${id}/dev`, 'utf8').trim().split(':');
    try {
      configureDevice(id, { disksize: '1M' });
      fs.rmSync(node);
      fs.writeFileSync(node, Buffer.alloc(4096)); // what `dd of=/dev/zramN` leaves when the device is gone
      const args = ['-o', path.join(tmp, 'stray'), '--device', node, '--force', '--no-blktrace', '--', 'true'];
      const r = await startRecorder(args).done;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${node} is not the block device ${major}:${minor}`));
      expect(fs.existsSync(path.join(tmp, 'stray'))).toBe(false);
    } finally {
      fs.rmSync(node, { force: true });
      spawnSync('mknod', ['-m', '600', node, 'b', major, minor]); // so the device can be reset and removed
      expect(removeDevice(id)).toBeNull();
      // devtmpfs removes only the nodes it made itself: ours goes by hand
      if (!fs.existsSync(`/sys/block/zram${id}`)) fs.rmSync(node, { force: true });
      expect(fs.existsSync(node)).toBe(false);
    }
  });

  test('no freezer hierarchy: a one-line error naming the fix, nothing left', async () => {
    const out = path.join(tmp, 'nofreezer');
    let err: unknown = null;
    try {
      await record({ output: out, newDevice: true, disksize: '1M', intervalMs: 0, allowLoss: false, force: false,
        command: ['true'], contents: 'capture', freeze: true, freezerRoot: path.join(tmp, 'no-such-freezer'),
        tryBlktrace: false });
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RecordUsageError);
    expect((err as Error).message).toMatch(/not a cgroup v1 freezer hierarchy.*--no-freeze/);
    expect((err as Error).message).not.toMatch(/\n/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync('/run/zram-ref/record').filter((f) => f === `${process.pid}.json`)).toEqual([]);
  });
});
