import { createZsPool, type ZsPoolModel } from '../../src/zsmalloc/pool';
import { ZS_CLASS_TABLE } from '../../src/zsmalloc/class-table';
import type { Handle } from '../../src/units';

// zram's request for a compressed page: comp_len, or a raw 4096-byte object from huge_class_size up.
const zramRequest = (compLen: number): number => (compLen >= ZS_CLASS_TABLE.hugeClassSize ? 4096 : compLen);
const usedBytes = (pool: ZsPoolModel): number => pool.totalPages() * 4096;

describe('Appendix A.2: huge threshold, comp_len 3618..3631, one page each', () => {
  it('opens one 8-page zspage for 3618..3624 and adds a page per huge object for 3625..3631', () => {
    const pool = createZsPool();
    const deltas: number[] = [];
    for (let len = 3618; len <= 3631; len++) {
      const before = usedBytes(pool);
      pool.malloc(zramRequest(len));
      deltas.push(usedBytes(pool) - before);
    }
    expect(deltas).toEqual([32768, 0, 0, 0, 0, 0, 0, 4096, 4096, 4096, 4096, 4096, 4096, 4096]);
    expect(usedBytes(pool)).toBe(61440); // mm_stat mem_used_total of the experiment
    expect(pool.liveHandles()).toBe(14);
    expect(pool.classFor(zramRequest(3624)).size).toBe(3632);
    expect(pool.classFor(zramRequest(3625)).size).toBe(4096);
  });
});

/** Write `n` pages of comp_len `len`, discard slots with i % 4 != 0, then compact twice. */
function compactionRun(n: number, len: number) {
  const pool = createZsPool();
  const handles: Handle[] = [];
  for (let i = 0; i < n; i++) handles.push(pool.malloc(zramRequest(len)));
  const afterWrite = usedBytes(pool);
  handles.forEach((h, i) => { if (i % 4 !== 0) pool.free(h); });
  const survivors = handles.filter((_, i) => i % 4 === 0);
  const afterDiscard = usedBytes(pool);
  const firstFreed = pool.compact();
  const afterCompact = usedBytes(pool);
  const compactedOnce = pool.pagesCompacted();
  const secondFreed = pool.compact();
  return { pool, survivors, afterWrite, afterDiscard, firstFreed, afterCompact, compactedOnce, secondFreed };
}

describe('Appendix A.7: compaction', () => {
  it('90 x comp_len 3000 (class 3072: 3 pages, 4 objs): 282624 -> 73728 bytes, 51 pages compacted', () => {
    const r = compactionRun(90, 3000);
    expect(r.pool.classFor(3000)).toEqual({ index: 190, size: 3072, pagesPerZspage: 3, objsPerZspage: 4 });
    expect([r.afterWrite, r.afterDiscard, r.afterCompact]).toEqual([282624, 282624, 73728]);
    expect([r.firstFreed, r.compactedOnce]).toEqual([51, 51]);
    expect([r.secondFreed, r.pool.pagesCompacted(), usedBytes(r.pool)]).toEqual([0, 51, 73728]);
    expect(r.pool.liveHandles()).toBe(23);
    for (const h of r.survivors) expect(() => r.pool.locate(h)).not.toThrow();
  });

  it('600 x comp_len 100 (class 112: 7 pages, 256 objs): 86016 -> 28672 bytes, 14 pages compacted', () => {
    const r = compactionRun(600, 100);
    expect(r.pool.classFor(100)).toEqual({ index: 5, size: 112, pagesPerZspage: 7, objsPerZspage: 256 });
    expect([r.afterWrite, r.afterDiscard, r.afterCompact]).toEqual([86016, 86016, 28672]);
    expect([r.firstFreed, r.compactedOnce]).toEqual([14, 14]);
    expect([r.secondFreed, r.pool.pagesCompacted()]).toEqual([0, 14]);
    expect(r.pool.liveHandles()).toBe(150);
    for (const h of r.survivors) expect(() => r.pool.locate(h)).not.toThrow();
  });
});
