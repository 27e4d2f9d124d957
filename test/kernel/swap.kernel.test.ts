// A swap workload on a private zram device, without tracing: the workload processes swap only to
// our device, pagemap names the slots they hold and the device holds their exact bytes there,
// each swap-in reads and frees one slot, a release frees exactly the slots of its snapshot, and
// swapoff + finish leave no swap, no cgroup and no lock behind. These are the facts the swap
// ingest rules (CONTRACT11 §3) rely on, checked against the kernel's own counters.
import * as fs from 'node:fs';
import { statValue, type StatFile } from '../../src/device/stat-columns';
import { createDevice, configureDevice, removeDevice } from '../../src/kernel/device';
import { alignedBuffer } from '../../src/kernel/direct-io';
import { activeSwaps } from '../../src/kernel/swap';
import { SWAP_LOCK_DIR } from '../../src/kernel/swap-lock';
import { readAttr } from '../../src/kernel/sysfs';
import { swapSlots } from '../../src/kernel/pagemap';
import { pageSource } from '../../src/record/contents';
import { Gate } from '../../src/record/gate';
import { OpLog } from '../../src/record/oplog';
import type { ReleaseEntry } from '../../src/record/swap-ops';
import type { SwapUndo } from '../../src/record/swap-session';
import { SwapRunner } from '../../src/record/workload-swap';
import type { ContentSpec } from '../../src/record/workload-types';
import { describeKernel } from '../helpers/kernel';

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
