// `record` with a swap workload on the real kernel: swap is off, the memory cgroup, the swap lock,
// the workload processes and the device are gone afterwards, whether the recording ends, gets
// SIGTERM, or is SIGKILLed mid-swap (the guardian's `record --cleanup` then undoes it); and the
// refusals: swap active elsewhere, a device the recorder did not create, a disksize too small.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDevice, configureDevice, removeDevice } from '../../src/kernel/device';
import { activeSwaps, mkswap, swapoff, swapon } from '../../src/kernel/swap';
import { SWAP_LOCK_DIR, SwapLock } from '../../src/kernel/swap-lock';
import { cleanupStale } from '../../src/record/cleanup';
import type { RecorderState } from '../../src/record/state-file';
import { describeKernel } from '../helpers/kernel';
import { missingTool, testUnless } from '../helpers/skip';
import { pidAlive, sleep, startRecorder, stateOf } from './recorder-child';

// long enough to be killed mid-swap: 2 x 24M under 8M, then pages touched again and again
const LONG = 'swap limit=8M procs=2\nalloc size=24M content=mix:text:0.6,zeros:0.2,random:0.2 seed=3\n' +
  Array.from({ length: 40 }, (_, i) => `touch fraction=0.5 seed=${i}\n`).join('');
let tmp: string;

/** `record -o TMP/NAME OPTIONS... --no-blktrace --workload TMP/WORKLOAD` in a child. */
const record = (name: string, ...args: string[]): ReturnType<typeof startRecorder> =>
  startRecorder(['-o', path.join(tmp, name), ...args.slice(0, -1), '--no-blktrace',
    '--workload', path.join(tmp, args.at(-1)!)]);

function expectNothingLeft(s: RecorderState): void {
  expect(activeSwaps().filter((x) => x.file === `/dev/${s.swap?.device ?? 'none'}`)).toEqual([]);
  expect(s.swap).toBeTruthy();
  expect(fs.existsSync(s.swap!.cgroup)).toBe(false);
  for (const p of s.swap!.workerPids) expect([p, pidAlive(p)]).toEqual([p, false]);
  const lockOwner = fs.existsSync(SWAP_LOCK_DIR) ? fs.readFileSync(`${SWAP_LOCK_DIR}/pid`, 'utf8').trim() : null;
  expect(lockOwner).not.toBe(String(s.pid));
  for (const id of s.createdDevices) expect(fs.existsSync(`/sys/block/zram${id}`)).toBe(false);
  expect(stateOf(s.pid)).toBeNull();
}

/** Starts a long swap recording and waits until its processes run with swap on. */
async function midSwap(name: string): Promise<{ run: ReturnType<typeof startRecorder>; state: RecorderState }> {
  fs.writeFileSync(path.join(tmp, 'long.wl'), LONG);
  const run = record(name, '--new', '--disksize', '128M', 'long.wl');
  const end = Date.now() + 120_000; // the tracing lock may be busy with other tests
  for (;;) {
    const s = stateOf(run.child.pid!);
    if (s?.swap && s.swap.workerPids.length === 2 && activeSwaps().some((x) => x.file === `/dev/${s.swap!.device}`)) {
      await sleep(1500); // into the allocations: swap in use
      expect(activeSwaps().find((x) => x.file === `/dev/${s.swap!.device}`)!.used).toBeGreaterThan(0);
      return { run, state: stateOf(run.child.pid!) ?? s };
    }
    if (Date.now() > end) throw new Error(`no swap after 120 s: ${JSON.stringify(s)}`);
    if (run.child.exitCode !== null) throw new Error(`recorder exited: ${(await run.done).stderr}`);
    await sleep(50);
  }
}

describeKernel('record with a swap workload on the real kernel', () => {
  beforeAll(() => { tmp = fs.mkdtempSync('/tmp/zram-ref-swap-record-'); });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('SIGKILL mid-swap: the guardian swaps off, kills the processes, removes cgroup, lock and device', async () => {
    const { run, state } = await midSwap('killed');
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    if (fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js'))) {
      for (let i = 0; i < 200 && stateOf(state.pid) !== null; i++) await sleep(100);
    } else {
      expect(cleanupStale().join('\n')).toMatch(new RegExp(`recorder pid ${state.pid}.*swapoff`));
    }
    expectNothingLeft(state);
  }, 180_000);

  test('SIGTERM mid-swap: exit 143, everything undone by the handler', async () => {
    const { run, state } = await midSwap('termed');
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect([r.code, r.stderr]).toEqual([143, expect.stringContaining('everything restored')]);
    expectNothingLeft(state);
    expect(fs.existsSync(path.join(tmp, 'termed'))).toBe(false);
  }, 180_000);

  testUnless(missingTool('python3', 'apt-get install python3'),
    'an external command swapping (--swap-limit): proc, release, swapon/swapoff logged; nothing left', async () => {
    // 20 MiB of text-like pages under an 8M limit, then half of them read again
    const py = 'import random\nrandom.seed(5)\nw=[b"swap",b"zram",b"page",b"limit"]\n' +
      'x=[b" ".join(random.choice(w) for _ in range(900))[:4096] for _ in range(5000)]\n' +
      'print(sum(len(a) for a in x[::2]))\n';
    fs.writeFileSync(path.join(tmp, 'hog.py'), py);
    const run = startRecorder(['-o', path.join(tmp, 'cmd'), '--new', '--disksize', '128M', '--swap-limit', '8M',
      '--interval', '200', '--no-blktrace', '--', 'python3', path.join(tmp, 'hog.py')]);
    const r = await run.done;
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('recorded')]);
    const m = JSON.parse(fs.readFileSync(path.join(tmp, 'cmd', 'manifest.json'), 'utf8'));
    expect(m.swap).toMatchObject({ memcgLimit: 8 << 20 });
    expect(m.contents.mode).toBe('captured');
    const ops = fs.readFileSync(path.join(tmp, 'cmd', 'ops.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const kinds = new Set(ops.map((o) => o.kind));
    for (const k of ['swapon', 'proc', 'release', 'swapoff']) expect([k, kinds.has(k)]).toEqual([k, true]);
    const released = ops.filter((o) => o.kind === 'release').reduce((a, o) => a + o.slots.length, 0);
    expect(released).toBeGreaterThan(100); // the python process's slots at its exit
    expect(activeSwaps()).toEqual([]);
    expect(fs.readdirSync('/sys/fs/cgroup/memory').filter((n) => n.startsWith(`zram-ref-${run.child.pid}-`))).toEqual([]);
    const bad = await startRecorder(['-o', path.join(tmp, 'bad'), '--device', '/dev/zram0', '--force', '--swap-limit', '8M',
      '--', 'true']).done;
    expect([bad.code, bad.stderr.trim()]).toEqual([2, expect.stringContaining('--swap-limit needs --new and a command')]);
  }, 180_000);

  test('refusals, one line each, exit 2: swap active elsewhere, not --new, disksize below twice the peak', async () => {
    fs.writeFileSync(path.join(tmp, 'short.wl'), 'swap limit=4M\nalloc size=8M\n');
    const small = await record('small', '--new', '--disksize', '16M', 'short.wl').done;
    expect([small.code, small.stderr.trim()])
      .toEqual([2, expect.stringMatching(/holds up to 8388608 bytes at once: give --disksize at least 16781312/)]);
    const other = createDevice();
    const lock = new SwapLock();
    try {
      configureDevice(other, { disksize: '8M' });
      lock.acquire(60_000);
      await mkswap(`zram${other}`, lock);
      await swapon(`zram${other}`, lock);
      const r = await record('busy', '--new', '--disksize', '64M', 'short.wl').done;
      expect([r.code, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
      expect(r.stderr).toContain(`/dev/zram${other} already active as swap: our processes' swap would not be confined`);
      const dev = await record('dev', '--device', `/dev/zram${other}`, '--force', 'short.wl').done;
      expect(dev.code).toBe(2);
      expect(dev.stderr).toMatch(/is used as swap|use --new/);
    } finally {
      await swapoff(`zram${other}`);
      lock.release();
      expect(removeDevice(other)).toBeNull();
    }
    expect(fs.existsSync(path.join(tmp, 'busy'))).toBe(false);
  }, 180_000);
});
