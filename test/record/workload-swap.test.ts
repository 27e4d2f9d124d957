// Swap workload steps: parsing, the cross-line checks, the seeded page choice, address runs,
// the peak the disksize check uses, and the refusals that need no kernel (fake /proc/swaps).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirLock } from '../../src/kernel/dir-lock';
import { decodeEntry } from '../../src/kernel/pagemap';
import { Memcg, memcgName, memcgOwner } from '../../src/kernel/memcg';
import { activeSwaps, swapRefusal } from '../../src/kernel/swap';
import { parseWorkload } from '../../src/record/workload-parse';
import { pageRuns, pickPages, swapPeakPages } from '../../src/record/workload-swap';

const GOOD = `swap limit=16M procs=3 swappiness=100
alloc proc=all size=8M content=mix:text:0.5,zeros:0.5 seed=4
sample
touch proc=1 fraction=0.25 seed=9
free proc=0 fraction=0.5
exit proc=2
alloc proc=1 size=4M content=zeros
swapoff
exit
`;

const bad = (text: string): string => {
  try { parseWorkload(text, 'w.wl'); } catch (e) { return (e as Error).message; }
  return 'parsed';
};

describe('swap workload files', () => {
  test('every swap verb parses with its fields and defaults', () => {
    const w = parseWorkload(GOOD, 'w.wl');
    expect(w.steps.map((s) => s.verb))
      .toEqual(['swap', 'alloc', 'sample', 'touch', 'free', 'exit', 'alloc', 'swapoff', 'exit']);
    expect(w.steps[0]).toMatchObject({ limit: 16 << 20, procs: 3, swappiness: 100 });
    expect(w.steps[1]).toMatchObject({ proc: 'all', size: 8 << 20, seed: 4, content: { kind: 'mix' } });
    expect(w.steps[3]).toMatchObject({ proc: 1, fraction: 0.25, seed: 9 });
    expect(w.steps[4]).toMatchObject({ proc: 0, fraction: 0.5, seed: 1 });
    expect(w.steps[8]).toMatchObject({ proc: 'all' });
  });

  test.each([
    ['alloc size=1M', "w.wl:1: 'alloc' needs a 'swap limit=... procs=...' line before it"],
    ['swap limit=8M procs=2\nalloc proc=2 size=1M', "w.wl:2: field 'proc': 2 is not one of the 2 processes (0..1)"],
    ['swap limit=8M\nexit proc=0\ntouch proc=0', "w.wl:3: field 'proc': process 0 has exited"],
    ['swap limit=8M\nswapoff\nalloc size=4K', "w.wl:3: 'alloc' after swapoff: nothing would swap"],
    ['swap limit=8M\nswap limit=8M', 'w.wl:2: only one swap set-up per workload'],
    ['swap limit=512K', "w.wl:1: field 'limit': must be at least 1M (the processes need room to run)"],
    ['swap limit=8M\nalloc size=6000', "w.wl:2: field 'size': 6000 is not a multiple of 4096"],
    ['swap limit=8M\ntouch fraction=1.5', "w.wl:2: field 'fraction': '1.5' must be a number from 0 to 1"],
    ['swap limit=8M procs=0', "w.wl:1: field 'procs': '0' must be a whole number from 1 to 64"],
    ['swap limit=8M\nfree proc=x', "w.wl:2: field 'proc': 'x' must be all or a process index 0..63"],
  ])('%j is refused: %s', (text, msg) => {
    expect(bad(text)).toContain(msg);
  });

  test('the peak counts allocations, frees and exits per process', () => {
    const w = parseWorkload(GOOD, 'w.wl');
    // 3 x 2048 pages; free 1024 of proc 0; proc 2 exits; proc 1 +1024
    expect(swapPeakPages(w.steps)).toBe(3 * 2048);
    const w2 = parseWorkload('swap limit=8M procs=2\nalloc proc=0 size=4M\nexit proc=0\nalloc proc=1 size=8M\n',
      'w.wl');
    expect(swapPeakPages(w2.steps)).toBe(2048);
  });
});

describe('page choice (seed 5)', () => {
  const live = Array.from({ length: 1000 }, (_, i) => i % 10 !== 0); // 900 live
  test('a fraction of the live pages, each once, the same for the same seed and key', () => {
    const a = pickPages(live, 0.3, 5, 'touch:0:4');
    expect(a).toHaveLength(270);
    expect(new Set(a).size).toBe(270);
    expect(a.every((i) => live[i])).toBe(true);
    expect(pickPages(live, 0.3, 5, 'touch:0:4')).toEqual(a);
    expect(pickPages(live, 0.3, 6, 'touch:0:4')).not.toEqual(a);
    expect(pickPages(live, 1, 5, 'k').sort((x, y) => x - y)).toEqual(live.flatMap((l, i) => (l ? [i] : [])));
  });

  test('runs are address-ordered and merge neighbours', () => {
    expect(pageRuns([0x3000, 0x1000, 0x2000, 0x9000, 0x5000])).toEqual([
      { addr: 0x1000, len: 0x3000 }, { addr: 0x5000, len: 0x1000 }, { addr: 0x9000, len: 0x1000 }]);
  });
});

describe('pagemap entries', () => {
  test('swap type in bits 0-4, offset in bits 5-54, present bit 63 (then the pfn in bits 0-54), swapped bit 62', () => {
    const offset = 2 ** 40 + 12345;
    const entry = (BigInt(offset) << 5n) | 3n | (1n << 62n);
    const lo = Number(entry & 0xffffffffn);
    const hi = Number(entry >> 32n);
    expect(decodeEntry(lo, hi)).toEqual({ present: false, swapped: true, type: 3, offset });
    expect(decodeEntry(0x1234, 0x80000001)) // the pfn
      .toEqual({ present: true, swapped: false, type: -1, offset: 2 ** 32 + 0x1234 });
    expect(decodeEntry(0, 0)).toEqual({ present: false, swapped: false, type: -1, offset: -1 });
  });
});

describe('refusals without a kernel', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-swaps-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const swaps = (lines: string[]): string => {
    const f = path.join(tmp, `swaps${lines.length}`);
    fs.writeFileSync(f, ['Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority', ...lines, ''].join('\n'));
    return f;
  };

  test('/proc/swaps parses; a listed device refuses swap, ours and others differently', () => {
    const f = swaps(['/dev/zram7                              partition\t65532\t\t0\t\t-2',
      '/swapfile file 1024 0 -3']);
    expect(activeSwaps(f)).toEqual([{ file: '/dev/zram7', type: 'partition', size: 65532, used: 0 },
      { file: '/swapfile', type: 'file', size: 1024, used: 0 }]);
    expect(swapRefusal('zram7', f)).toMatch(/^\/dev\/zram7 is already swap/);
    expect(swapRefusal('zram8', f))
      .toMatch(/^\/dev\/zram7, \/swapfile already active as swap: our processes' swap would not be confined/);
    expect(swapRefusal('sda', f)).toBe('sda is not a zram device');
  });

  test('only cgroups named zram-ref-PID-TAG below the root are accepted', () => {
    expect(memcgName(42, 'swap')).toBe('zram-ref-42-swap');
    expect(memcgOwner('zram-ref-42-swap')).toBe(42);
    expect(memcgOwner('system.slice')).toBeNull();
    expect(() => memcgName(42, '../x')).toThrow(/bad memory cgroup tag/);
    expect(() => Memcg.at('/sys/fs/cgroup/memory/system.slice')).toThrow(/not a zram-ref memory cgroup/);
    expect(() => Memcg.at('/sys/fs/cgroup/memory/a/zram-ref-1-swap')).toThrow(/not a zram-ref memory cgroup/);
    expect(Memcg.at('/sys/fs/cgroup/memory/zram-ref-1-swap').dir).toBe('/sys/fs/cgroup/memory/zram-ref-1-swap');
  });
});

describe('waiting for the swap lock', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-swaplock-'));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  test('acquireAsync waits without blocking, says so once, and takes the lock when the owner lets go', async () => {
    const d = path.join(base, 'a');
    const owner = new DirLock(d, 'swap');
    owner.acquire(100);
    const waits: (number | null)[] = [];
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now()), 20); // the event loop keeps running
    const waiter = new DirLock(d, 'swap');
    const got = waiter.acquireAsync(5000, (o) => waits.push(o));
    setTimeout(() => owner.release(), 300);
    await got;
    clearInterval(timer);
    expect([waiter.isHeld, waits]).toEqual([true, [process.pid]]);
    expect(ticks.length).toBeGreaterThan(5);
    await expect(new DirLock(d, 'swap').acquireAsync(200)).rejects.toThrow(`swap is locked by pid ${process.pid}`);
    waiter.release();
    expect(fs.existsSync(d)).toBe(false);
  });
});
