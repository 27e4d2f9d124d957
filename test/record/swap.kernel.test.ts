// Swap on the real kernel, in one file because swap is machine-wide (its tests must not run in
// parallel with each other): (1) the facts the swap ingest rules rely on, on a private device
// without tracing; (2) `record` with swap workloads and swapping commands, signals, refusals.
//
// (1) A swap workload on a private zram device, without tracing: the workload processes swap only to
// our device, pagemap names the slots they hold and the device holds their exact bytes there,
// each swap-in reads and frees one slot, a release frees exactly the slots of its snapshot, and
// swapoff + finish leave no swap, no cgroup and no lock behind. These are the facts the swap
// ingest rules (CONTRACT11 §3) rely on, checked against the kernel's own counters.
//
// (2) `record` with a swap workload on the real kernel: swap is off, the memory cgroup, the swap lock,
// the workload processes and the device are gone afterwards, whether the recording ends, gets
// SIGTERM, or is SIGKILLed mid-swap (the guardian's `record --cleanup` then undoes it); and the
// refusals: swap active elsewhere, a device the recorder did not create, a disksize too small.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { statValue, type StatFile } from '../../src/device/stat-columns';
import { createDevice, configureDevice, removeDevice } from '../../src/kernel/device';
import { alignedBuffer } from '../../src/kernel/direct-io';
import { swapSlots } from '../../src/kernel/pagemap';
import { activeSwaps, mkswap, swapoff, swapon } from '../../src/kernel/swap';
import { SWAP_LOCK_DIR, SwapLock } from '../../src/kernel/swap-lock';
import { readAttr } from '../../src/kernel/sysfs';
import { cleanupStale } from '../../src/record/cleanup';
import { pageSource } from '../../src/record/contents';
import { Gate } from '../../src/record/gate';
import { OpLog } from '../../src/record/oplog';
import type { RecorderState } from '../../src/record/state-file';
import type { ReleaseEntry } from '../../src/record/swap-ops';
import type { SwapUndo } from '../../src/record/swap-session';
import { devicesLeft } from '../helpers/device-gone';
import { SwapRunner } from '../../src/record/workload-swap';
import type { ContentSpec } from '../../src/record/workload-types';
import { describeKernel } from '../helpers/kernel';
import { missingTool, testUnless } from '../helpers/skip';
import { pidAlive, sleep, startRecorder, stateOf } from './recorder-child';

const MIX: ContentSpec = { kind: 'mix', spec: 'text:0.4,zeros:0.2,random:0.2,same:0.2' }; // same: 1 in 4 all zero
const SEED = 7;
let id = -1;
let runner: SwapRunner | null = null;
const ops = new OpLog();
const saved: (SwapUndo | null)[] = [];

const stat = (file: StatFile, name: string): number => statValue(file, readAttr(id, file), name)!;
const dev = (): string => `zram${id}`;

function readSlot(slot: number): Buffer {
  const fd = fs.openSync(`/dev/${dev()}`, fs.constants.O_RDONLY | fs.constants.O_DIRECT);
  try {
    const buf = alignedBuffer(4096);
    expect(fs.readSync(fd, buf, 0, 4096, slot * 4096)).toBe(4096);
    return Buffer.from(buf);
  } finally { fs.closeSync(fd); }
}

/** The slots process k holds now, with the page index of each. */
function slotsOf(k: number): { page: number; slot: number }[] {
  const p = runner!.proc(k);
  const out: { page: number; slot: number }[] = [];
  p.addrs.forEach((a, page) => {
    if (!p.live[page]) return;
    const s = swapSlots(p.pid, [{ start: a, end: a + 4096 }]);
    if (s.slots.length) out.push({ page, slot: s.slots[0] });
  });
  return out;
}

describeKernel('a swap workload on a private zram device', () => {
  beforeAll(() => {
    id = createDevice();
    configureDevice(id, { disksize: '64M' });
    runner = new SwapRunner({ host: { dev: dev(), deviceCreated: true, disksize: 64 << 20, ops,
      save: (u) => saved.push(u && { ...u, workerPids: [...u.workerPids] }) },
    gate: new Gate(), drain: async () => undefined, onSession: () => undefined });
  });
  afterAll(async () => {
    await runner?.finish(99);
    if (id >= 0) expect(removeDevice(id)).toBeNull();
  });

  test('set-up: our device is the only swap, the cgroup has the limit, the lock is ours', async () => {
    await runner!.run({ verb: 'swap', limit: 8 << 20, procs: 2, swappiness: 60, line: 1 });
    expect(activeSwaps().map((s) => s.file)).toEqual([`/dev/${dev()}`]);
    const u = saved.at(-1)!;
    expect(fs.readFileSync(`${u.cgroup}/memory.limit_in_bytes`, 'utf8').trim()).toBe(String(8 << 20));
    const inside = fs.readFileSync(`${u.cgroup}/cgroup.procs`, 'utf8').trim().split('\n').map(Number);
    expect(inside.sort()).toEqual([...u.workerPids].sort());
    expect(fs.readFileSync(`${SWAP_LOCK_DIR}/pid`, 'utf8').trim()).toBe(String(process.pid));
    expect(ops.entries.map((e) => e.kind)).toEqual(['swapon', 'proc', 'proc']);
  }, 60_000);

  test(`alloc 2 x 12M under 8M (seed ${SEED}): each swapped page's slot holds its bytes; stored = non-zero slots + 1`,
  async () => {
    await runner!.run({ verb: 'alloc', proc: 'all', size: 12 << 20, content: MIX, seed: SEED, line: 2 });
    let held = 0;
    let zero = 0;
    for (const k of [0, 1]) {
      const src = pageSource(MIX, SEED + k);
      const slots = slotsOf(k);
      expect(slots.length).toBeGreaterThan(0);
      for (const { page, slot } of slots) {
        expect([k, page, readSlot(slot).equals(Buffer.from(src(page)))]).toEqual([k, page, true]);
      }
      held += slots.length;
      zero += slots.filter(({ page }) => src(page).every((b) => b === 0)).length;
    }
    expect(held).toBeGreaterThan((16 << 20) / 4096 * 0.8); // 24M in 8M: most of the excess is out
    expect(zero).toBeGreaterThan(50);
    // all-zero pages take a slot but are not written (the swap zeromap); + the swap header (mkswap)
    expect(stat('mm_stat', 'orig_data_size') / 4096).toBe(held - zero + 1);
  }, 120_000);

  test('touch: each swap-in is one read and frees its slot; zero pages free theirs unread (logged as releases)',
  async () => {
    const [reads, frees, logged] = [stat('stat', 'read_ios'), stat('io_stat', 'notify_free'), ops.entries.length];
    await runner!.run({ verb: 'touch', proc: 0, fraction: 0.3, seed: 2, line: 3 });
    const dr = stat('stat', 'read_ios') - reads;
    const zero = ops.entries.slice(logged).flatMap((e) => (e.kind === 'release' && e.reason === 'zero' ? e.slots : []));
    expect(dr).toBeGreaterThan(100);
    expect(zero.length).toBeGreaterThan(0);
    expect(stat('io_stat', 'notify_free') - frees).toBe(dr + zero.length);
  }, 120_000);

  test.each([['free', 1], ['exit', 0]] as const)('%s proc=%d: the release entry names exactly the slots freed',
  async (verb, k) => {
    const before = slotsOf(k).map((s) => s.slot);
    const [reads, frees] = [stat('stat', 'read_ios'), stat('io_stat', 'notify_free')];
    await runner!.run(verb === 'free' ? { verb, proc: k, fraction: 0.5, seed: 3, line: 4 }
      : { verb, proc: k, line: 5 });
    const rel = ops.entries.at(-1) as ReleaseEntry;
    expect([rel.kind, rel.reason, rel.pid]).toEqual(['release', verb, runner!.proc(k).pid]);
    expect(new Set(rel.slots).size).toBe(rel.slots.length);
    expect(rel.swapCached).toBe(0); // no slot pagemap could not name
    expect(rel.slots.every((s) => before.includes(s))).toBe(true);
    if (verb === 'exit') expect([...rel.slots].sort()).toEqual([...before].sort());
    expect(rel.slots.length).toBeGreaterThan(0);
    expect(stat('io_stat', 'notify_free') - frees).toBe(rel.slots.length);
    expect(stat('stat', 'read_ios') - reads).toBe(0);
  }, 120_000);

  test('swapoff (reads and zero releases = frees) and finish: no swap, no cgroup, no lock left', async () => {
    const [reads, frees, logged] = [stat('stat', 'read_ios'), stat('io_stat', 'notify_free'), ops.entries.length];
    const held = slotsOf(1).length;
    await runner!.run({ verb: 'swapoff', line: 6 });
    const off = ops.entries.slice(logged).find((e) => e.kind === 'swapoff')!;
    expect([off.kind, off.kind === 'swapoff' && off.errno]).toEqual(['swapoff', null]);
    const zero = ops.entries.slice(logged).flatMap((e) => (e.kind === 'release' && e.reason === 'zero' ? e.slots : []));
    expect(held).toBeGreaterThan(0);
    expect(stat('io_stat', 'notify_free') - frees).toBe(held);
    expect(stat('io_stat', 'notify_free') - frees).toBe(stat('stat', 'read_ios') - reads + zero.length);
    const cgroup = saved.find((u) => u)!.cgroup;
    await runner!.finish(7);
    expect(activeSwaps()).toEqual([]);
    expect(fs.existsSync(cgroup)).toBe(false);
    expect(fs.existsSync(SWAP_LOCK_DIR)).toBe(false);
    expect(saved.at(-1)).toBeNull();
  }, 120_000);
});

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
  expect(devicesLeft(s.createdDevices)).toEqual([]);
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
    // 32 MiB of text-like pages under a 16M limit (python itself needs ~10M), then half of them read again
    const py = 'import random\nrandom.seed(5)\nw=[b"swap",b"zram",b"page",b"limit"]\n' +
      'x=[b" ".join(random.choice(w) for _ in range(900))[:4096] for _ in range(8000)]\n' +
      'print(sum(len(a) for a in x[::2]))\n';
    fs.writeFileSync(path.join(tmp, 'hog.py'), py);
    const run = startRecorder(['-o', path.join(tmp, 'cmd'), '--new', '--disksize', '128M', '--swap-limit', '16M',
      '--interval', '200', '--no-blktrace', '--', 'python3', path.join(tmp, 'hog.py')]);
    const r = await run.done;
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('recorded')]);
    const m = JSON.parse(fs.readFileSync(path.join(tmp, 'cmd', 'manifest.json'), 'utf8'));
    expect(m.swap).toMatchObject({ memcgLimit: 16 << 20 });
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
      lock.release(); // swap on a device no zram-ref session holds: refused at once, not waited for
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
