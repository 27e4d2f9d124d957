// Recording on the real kernel (private devices only; the recorder takes the tracing lock):
// a bundle that folds back to the kernel's stats, and nothing left behind (tracing settings, and
// tracefs mounted only if it was before) after success, SIGTERM, SIGINT, SIGHUP, SIGKILL
// (guardian), a failing command, a full disk; refusals of a missing and of a busy device.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKernel } from '../helpers/kernel';
import { devicesLeft } from '../helpers/device-gone';
import { missingTool, testUnless } from '../helpers/skip';
import { tracingDiffers, tracingSnapshot, TracingSnapshot } from '../helpers/tracefs';
import { checkEvents } from '../../src/record/bundle-check';
import { bundleEvents, readManifest } from '../../src/record/bundle-read';
import { cleanupStale } from '../../src/record/cleanup';
import { withTracingLock } from '../../src/record/ftrace-lock';
import { probeBlktrace } from '../../src/record/blktrace-cmd';
import type { RecorderState } from '../../src/record/state-file';
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';
import { pidAlive, sleep, startRecorder, stateOf, waitTracing } from './recorder-child';

const LONG = 'randwrite start=0 size=8M count=1000000 bs=4K threads=2 content=mix:text:1 seed=5\n';
const SHORT = 'write start=0 size=256K bs=64K content=mix:text:0.5,zeros:0.3,random:0.2 seed=3\nsample\n' +
  'randrw start=0 size=1M count=60 bs=4K read=0.3 content=mix:binary:1 seed=4\nrandrw start=0 size=1M count=40 bs=4K read=1 threads=2 seed=6\n' +
  'discard off=0 len=64K\nzeroout off=64K len=64K\n';

let tmp: string;
let tracefsBefore: TracingSnapshot | null; // mounted or not, and the settings

/** The same tracing state as before the test (mount and settings), where both can be seen. */
function expectTracingRestored(): void {
  const now = tracingSnapshot();
  if (tracefsBefore && now) expect(tracingDiffers(tracefsBefore, now)).toEqual([]);
}

function expectNothingLeft(s: RecorderState | null, pid: number): void {
  expect(s).not.toBeNull();
  expect(devicesLeft(s!.createdDevices)).toEqual([]);
  for (const p of [...(s!.tracefs?.readerPids ?? []), ...(s!.helperPids ?? [])]) expect([p, pidAlive(p)]).toEqual([p, false]);
  expect(stateOf(pid)).toBeNull();
  if (s!.tmpDir) expect(fs.existsSync(s!.tmpDir)).toBe(false);
  const instances = '/sys/kernel/tracing/instances';
  if (fs.existsSync(instances)) expect(fs.readdirSync(instances).filter((n) => n === `zram-ref-shrinker-${s!.pid}`)).toEqual([]);
  expectTracingRestored();
}

/** Runs a recorder until tracing runs, snapshots its state, and signals it. */
async function killRecording(sig: NodeJS.Signals): Promise<{ state: RecorderState; r: Awaited<ReturnType<typeof startRecorder>['done']> }> {
  fs.writeFileSync(path.join(tmp, 'long.wl'), LONG);
  const run = startRecorder(['-o', path.join(tmp, `killed-${sig}`), '--new', '--disksize', '16M', '--no-blktrace', '--workload', path.join(tmp, 'long.wl')]);
  const state = await waitTracing(run.child.pid!);
  await sleep(400);
  const fresh = stateOf(run.child.pid!) ?? state;
  run.child.kill(sig);
  return { state: fresh, r: await run.done };
}

describeKernel('zram-ref record on the real kernel', () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync('/tmp/zram-ref-record-test-');
    tracefsBefore = tracingSnapshot();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a workload recording folds back to the kernel at every sample, and leaves nothing', async () => {
    fs.writeFileSync(path.join(tmp, 'short.wl'), SHORT);
    const out = path.join(tmp, 'short');
    const run = startRecorder(['-o', out, '--new', '--algorithm', 'lz4', '--disksize', '4M', '--interval', '20', '--json', '--workload', path.join(tmp, 'short.wl')]);
    const state = await waitTracing(run.child.pid!);
    const r = await run.done;
    expect([r.code, r.stderr]).toEqual([0, '']);
    const summary = JSON.parse(r.stdout) as { status: string; lost: number };
    expect(summary).toMatchObject({ status: 'ok', lost: 0 });
    const m = readManifest(out);
    expect(m.contents.mode).toBe('exact');
    expect(m.capture.method).toBe('ftrace');
    expect(execFileSync('blkparse', ['-i', path.join(out, 'trace')], { encoding: 'utf8' })).toMatch(/Q +WS 0 \+ 128/);
    const report = checkEvents(bundleEvents(out, m).events);
    expect(report.samples).toBeGreaterThanOrEqual(3);
    // writes on one thread: zsmalloc's order is then the trace's (overlapping writes: sample-check.test.ts)
    expect(report.overlappingWrites).toBe(0);
    expect(report.checks.filter((c) => c.deviations.length > 0)).toEqual([]);
    expect(report.exact).toBe(report.samples);
    expectNothingLeft(stateOf(run.child.pid!) ?? { ...state, tmpDir: null }, run.child.pid!);
  });

  test('drop_caches mid-workload: the pool\'s shrinker runs are traced, tied to the device and replayed exactly', async () => {
    const wl = 'write start=0 size=1M bs=128K content=mix:text:0.7,binary:0.3 seed=8\ndiscard off=0 len=1M bs=4K stride=8K\n' +
      'sample\ndrop_caches 2\nsample\nrandwrite start=0 size=1M count=60 bs=4K content=mix:text:1 seed=9\n';
    fs.writeFileSync(path.join(tmp, 'shrink.wl'), wl);
    const out = path.join(tmp, 'shrink');
    const run = startRecorder(['-o', out, '--new', '--algorithm', 'lz4', '--disksize', '8M', '--json', '--workload', path.join(tmp, 'shrink.wl')]);
    const state = await waitTracing(run.child.pid!);
    const r = await run.done;
    expect([r.code, r.stderr]).toEqual([0, '']);
    const m = readManifest(out);
    expect(m.shrinker).toMatchObject({ traced: true, lost: 0 });
    const { events } = bundleEvents(out, m);
    const runs = events.filter((e) => e.event.type === 'ShrinkerScanned');
    expect(runs.length).toBeGreaterThanOrEqual(1);
    const report = checkEvents(events);
    expect(report.checks.filter((c) => c.deviations.length > 0)).toEqual([]);
    expect(report.exact).toBe(report.samples);
    expectNothingLeft(stateOf(run.child.pid!) ?? { ...state, tmpDir: null }, run.child.pid!);
  });

  test.each([['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const)('%s mid-recording: everything restored, no bundle (exit %i)', async (sig, code) => {
    const { state, r } = await killRecording(sig);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(/everything restored, no bundle written/);
    expect(fs.existsSync(path.join(tmp, `killed-${sig}`))).toBe(false);
    expectNothingLeft(state, 0);
  });

  test('SIGKILL: the guardian runs `record --cleanup` (or the test does where dist/ is missing)', async () => {
    const { state, r } = await killRecording('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    const guardian = fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js'));
    if (guardian) {
      for (let i = 0; i < 150 && stateOf(state.pid) !== null; i++) await sleep(100);
    } else {
      expect(cleanupStale().join('\n')).toMatch(new RegExp(`recorder pid ${state.pid}`));
    }
    expectNothingLeft(state, state.pid);
  });

  test('a failing command: bundle written and marked failed, exit 1, everything restored', async () => {
    const out = path.join(tmp, 'failing');
    const run = startRecorder(['-o', out, '--new', '--disksize', '4M', '--no-blktrace', '--', 'sh', '-c', 'dd if=/dev/urandom of=$DEV conv=nocreat bs=64k count=4 oflag=direct status=none; exit 3']);
    const r = await run.done;
    expect(r.code).toBe(1);
    const m = readManifest(out, true);
    expect(m).toMatchObject({ status: 'failed', failure: 'command exited with status 3', commandExit: 3 });
    expect(m.contents.mode).toBe('captured');
    expect(() => readManifest(out)).toThrow(/the recording failed/);
  });

  testUnless(missingTool('fio', 'apt-get install fio; .ci/run does'), 'lost events (4 KiB trace buffers under fio): recording failed unless --allow-loss, count in the manifest', async () => {
    const fio = 'exec fio --name=x --filename=$DEV --rw=randwrite --bs=4k --direct=1 --ioengine=psync --numjobs=2 --size=16M --io_size=32M --output=/dev/null';
    const args = (o: string): string[] => ['-o', path.join(tmp, o), '--new', '--disksize', '32M', '--no-image', '--no-blktrace', '--buffer-kb', '4'];
    const strict = await startRecorder([...args('lossy'), '--', 'sh', '-c', fio]).done;
    expect(strict.code).toBe(1);
    const m = readManifest(path.join(tmp, 'lossy'), true);
    expect(m.status).toBe('failed');
    expect(m.capture.lost).toBeGreaterThan(0);
    expect(m.failure).toMatch(/trace events were lost/);
    const allowed = await startRecorder([...args('allowed'), '--allow-loss', '--', 'sh', '-c', fio]).done;
    expect(allowed.code).toBe(0);
    const m2 = readManifest(path.join(tmp, 'allowed'));
    expect(m2.capture.lost).toBeGreaterThan(0);
    expectTracingRestored();
  });

  test('a full disk while writing the bundle: exit 1, no bundle and no temp dir', async () => {
    const mnt = path.join(tmp, 'tiny');
    fs.mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      fs.writeFileSync(path.join(tmp, 'big.wl'), 'write start=0 size=1M bs=128K content=random seed=9\n');
      const run = startRecorder(['-o', path.join(mnt, 'b'), '--new', '--disksize', '4M', '--no-blktrace', '--workload', path.join(tmp, 'big.wl')]);
      const r = await run.done;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ENOSPC|no space/i);
      expect(fs.readdirSync(mnt)).toEqual([]);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  test('--device --force on an existing device: recorded, its mem_limit restored, the device kept', async () => {
    const id = createDevice();
    try {
      configureDevice(id, { algorithm: 'lzo', disksize: '2M', memLimit: '1M' });
      fs.writeFileSync(path.join(tmp, 'lim.wl'), 'write size=128K bs=32K content=mix:text:1\nmem_limit 64K\nwrite start=1M size=512K bs=4K content=random on_error=stop\n');
      const out = path.join(tmp, 'existing');
      const r = await startRecorder(['-o', out, '--device', `/dev/zram${id}`, '--force', '--no-blktrace', '--workload', path.join(tmp, 'lim.wl')]).done;
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/recorded: /);
      expect(fs.readFileSync(`/sys/block/zram${id}/mm_stat`, 'utf8').trim().split(/\s+/)[3]).toBe(String(1 << 20));
      const m = readManifest(out);
      expect(m.device).toMatchObject({ name: `zram${id}`, created: false, algorithm: 'lzo' });
      const report = checkEvents(bundleEvents(out, m).events); // set-up read from the device, then exact
      expect([report.rejected, report.exact]).toEqual([[], report.samples]);
    } finally {
      expect(removeDevice(id)).toBeNull();
    }
  });

  test('capture detection: blktrace(8) is tried and refused here, debugfs left as it was', () => {
    const mounts = (): boolean => fs.readFileSync('/proc/mounts', 'utf8').includes(' /sys/kernel/debug ');
    const before = mounts();
    const id = createDevice();
    try {
      configureDevice(id, { disksize: '1M' });
      const probe = withTracingLock(() => probeBlktrace(`/dev/zram${id}`, tmp));
      expect(probe.works).toBe(false); // lockdown (blktrace.md §5.1); where it works, the bundle says blktrace
      expect(probe.why).toMatch(/not permitted|debugfs/i);
      expect(mounts()).toBe(before);
      expect(fs.readFileSync(`/sys/block/zram${id}/trace/enable`, 'utf8').trim()).toBe('0');
    } finally {
      expect(removeDevice(id)).toBeNull();
    }
  });

  test('a device that does not exist, and one open by another process: exit 2', async () => {
    const missing = await startRecorder(['-o', path.join(tmp, 'm'), '--device', '/dev/zram999', '--force', '--', 'true']).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/zram999 does not exist/);
    const run = startRecorder(['-o', path.join(tmp, 'z'), '--new', '--algorithm', 'zstd', '--disksize', '1M', '--', 'true']);
    const badAlg = await run.done;
    expect(badAlg.code).toBe(2);
    expect(badAlg.stderr).toMatch(/echo zstd > \/sys\/block\/zram\d+\/comp_algorithm: EINVAL/);
    const created = /zram(\d+)/.exec(badAlg.stderr)![1];
    expect(fs.existsSync(`/sys/block/zram${created}`)).toBe(false);
    expect(stateOf(run.child.pid!)).toBeNull();
    const id = createDevice();
    try {
      configureDevice(id, { disksize: '1M' });
      const holder = spawn('sh', ['-c', `exec sleep 30 3</dev/zram${id}`], { stdio: 'ignore' });
      await sleep(300);
      const busy = await startRecorder(['-o', path.join(tmp, 'busy'), '--device', `/dev/zram${id}`, '--force', '--', 'true']).done;
      holder.kill('SIGKILL');
      await new Promise((r) => holder.on('exit', r));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toMatch(new RegExp(`zram${id} is open by pid`));
      const notOurs = await startRecorder(['-o', path.join(tmp, 'n'), '--device', `/dev/zram${id}`, '--', 'true']).done;
      expect(notOurs.code).toBe(2);
      expect(notOurs.stderr).toMatch(/not created by this command/);
    } finally {
      expect(removeDevice(id)).toBeNull();
    }
  });
});
